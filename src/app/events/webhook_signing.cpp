#include "app/events/webhook_signing.h"

#include <sodium.h>

#include "domain/events/event.h"

namespace rapport::app {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string webhook_signature(std::string_view secret, std::int64_t unix_time,
                              std::string_view body) {
  return domain::signature_header(unix_time,
                                  hmac_sha256_hex(secret, domain::signed_text(unix_time, body)));
}

}  // namespace rapport::app
