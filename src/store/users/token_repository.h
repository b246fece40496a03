// store/users/token_repository.h: API bearer tokens, stored as hashes only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/id.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::store {

struct ApiToken;

struct ApiTokenRow {
  Id<ApiToken> id;
  Id<domain::User> user;
  std::string user_login;
  std::string name;
  std::string prefix;  // the first characters of the token, to recognise it
  Instant created_at;
  std::optional<Instant> revoked_at;
  std::optional<Instant> last_used_at;
};

class TokenRepository {
 public:
  static Id<ApiToken> insert(Tx& tx, Id<domain::User> user, const std::string& name,
                             const std::string& prefix, const std::string& token_hash, Instant now);
  // The live (not revoked) token with this hash.
  static std::optional<ApiTokenRow> find_live(Tx& tx, const std::string& token_hash);
  static std::vector<ApiTokenRow> list(Tx& tx);
  // Revokes by id or by prefix; returns how many tokens were revoked.
  static long long revoke(Tx& tx, const std::string& id_or_prefix, Instant now);
  static void mark_used(Tx& tx, Id<ApiToken> id, Instant now);
};

}  // namespace rapport::store
