#include "app/users/token_desk.h"

#include "app/crypto.h"
#include "store/users/user_repository.h"

namespace rapport::app {

Result<CreatedToken> TokenDesk::create(const std::string& login, const std::string& name) {
  if (name.empty() || name.size() > 100) return Error::invalid("token.name_invalid", "name");
  // "rpt_" marks Rapport tokens in logs and secret scanners.
  CreatedToken out;
  out.token = "rpt_" + random_token(32);
  const std::string prefix = out.token.substr(0, 12);
  const Instant now = clock_.now();
  auto row = db_.write([&](store::Tx& tx) -> Result<store::ApiTokenRow> {
    auto user = store::UserRepository::find_by_login(tx, login);
    if (!user) return Error::not_found("user.not_found");
    auto id =
        store::TokenRepository::insert(tx, user->user.id, name, prefix, hash_token(out.token), now);
    return store::ApiTokenRow{id, user->user.id, login, name, prefix, now, {}, {}};
  });
  if (!row) return row.error();
  out.row = *row;
  return out;
}

Result<long long> TokenDesk::revoke(const std::string& id_or_prefix) {
  const Instant now = clock_.now();
  auto n = db_.write([&](store::Tx& tx) -> Result<long long> {
    return store::TokenRepository::revoke(tx, id_or_prefix, now);
  });
  if (n && *n == 0) return Error::not_found("token.not_found");
  return n;
}

Result<std::vector<store::ApiTokenRow>> TokenDesk::list() {
  return db_.read([](store::Tx& tx) -> Result<std::vector<store::ApiTokenRow>> {
    return store::TokenRepository::list(tx);
  });
}

}  // namespace rapport::app
