#include "web/client_address.h"

#include <algorithm>

#include <arpa/inet.h>

namespace rapport::web {

std::optional<std::string> canonical_address(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  unsigned char bytes[16];
  char out[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, s.c_str(), bytes) == 1)
    return std::string(inet_ntop(AF_INET, bytes, out, sizeof out));
  if (inet_pton(AF_INET6, s.c_str(), bytes) == 1)
    return std::string(inet_ntop(AF_INET6, bytes, out, sizeof out));
  return std::nullopt;
}

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& hop) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), hop) != trusted_proxies.end();
  };
  std::string hop = canonical_address(peer).value_or(peer);
  while (trusted(hop) && !forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    auto entry = comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for =
        comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    auto address = canonical_address(entry);
    if (!address) break;
    hop = *address;
  }
  return hop;
}

}  // namespace rapport::web
