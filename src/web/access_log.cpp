#include "web/access_log.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace rapport::web {

std::string log_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
      out += fmt::format("\\x{:02x}", c);
    else
      out += ch;
  }
  return out;
}

void log_access(const std::string& method, const std::string& path, const std::string& route,
                int status, double seconds, const std::string& user, const std::string& client) {
  spdlog::info(
      "http method={} path=\"{}\" route=\"{}\" status={} duration_ms={:.2f} user={} "
      "client={}",
      log_safe(method), log_safe(path), log_safe(route), status, seconds * 1000.0, log_safe(user),
      log_safe(client));
}

}  // namespace rapport::web
