// app/events/webhook_signing.h: the signature a receiver checks
// (domain/events/event.h states the rule): HMAC-SHA256 with the endpoint's
// secret, by libsodium.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rapport::app {

// The lower-case hex HMAC-SHA256 of `message` keyed by `key` (any length).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// The Rapport-Signature header of `body` sent at `unix_time`:
// "t=<unix_time>,v1=<hex HMAC-SHA256 of "<unix_time>.<body>">".
std::string webhook_signature(std::string_view secret, std::int64_t unix_time,
                              std::string_view body);

}  // namespace rapport::app
