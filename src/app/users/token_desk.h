// app/users/token_desk.h: API bearer tokens — created for a user, shown once,
// stored hashed, revocable. A token acts with its user's roles.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/database.h"
#include "store/users/token_repository.h"

namespace rapport::app {

struct CreatedToken {
  std::string token;  // the secret: shown once, never stored
  store::ApiTokenRow row;
};

class TokenDesk {
 public:
  TokenDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Errors: not_found ("user.not_found"), invalid_input ("token.name_invalid").
  Result<CreatedToken> create(const std::string& login, const std::string& name);
  // Revokes by id or prefix. Errors: not_found ("token.not_found").
  Result<long long> revoke(const std::string& id_or_prefix);
  Result<std::vector<store::ApiTokenRow>> list();

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
