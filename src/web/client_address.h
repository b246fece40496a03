// web/client_address.h: who the client is. Behind a load balancer every
// request comes from the balancer's address; its X-Forwarded-For header
// names the client. The header is believed only when the peer is one of the
// configured trusted proxies (`serve --trusted-proxies`, none by default):
// anyone else could write any address in it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::web {

// The address in its canonical text ("2001:db8::1"), or none when `text`
// is not an IPv4 or IPv6 address.
std::optional<std::string> canonical_address(std::string_view text);

// The client of a request from `peer` carrying `forwarded_for` (the
// X-Forwarded-For header, possibly empty): walking the header from its
// right end while the hop before is a trusted proxy, the first address
// that is not one; the peer itself when it is not trusted. An entry that
// is not an address stops the walk at the proxy that wrote it.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace rapport::web
