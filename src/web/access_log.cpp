#include "web/access_log.h"

#include <spdlog/spdlog.h>

namespace rapport::web {

void log_access(const std::string& method, const std::string& path, const std::string& route,
                int status, double seconds, const std::string& user, const std::string& client) {
  spdlog::info(
      "http method={} path=\"{}\" route=\"{}\" status={} duration_ms={:.2f} user={} "
      "client={}",
      method, path, route, status, seconds * 1000.0, user, client);
}

}  // namespace rapport::web
