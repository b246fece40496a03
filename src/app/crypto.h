// app/crypto.h: passwords, random tokens and token hashes (libsodium).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace rapport::app {

// Initialises libsodium; call once before any other function here.
// Errors: internal.
Status init_crypto();

// An Argon2id hash (19 MiB, two passes) in libsodium's self-describing
// string form. Errors: internal (out of memory).
Result<std::string> hash_password(std::string_view password);
// True when `hash` is a valid Argon2 hash made with other limits than
// hash_password's (an earlier version's): after a successful log-in the
// password is hashed again and stored.
bool needs_rehash(const std::string& hash);
// True when `password` matches `hash`; false for a malformed hash.
bool verify_password(const std::string& hash, std::string_view password);

// `bytes` random bytes as unpadded base64url text.
std::string random_token(std::size_t bytes = 32);
// A hex digest of a token, for storing tokens without storing them.
std::string hash_token(std::string_view token);
// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace rapport::app
