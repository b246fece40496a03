#include "store/users/token_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

constexpr const char* kSelect =
    "SELECT t.id, t.user_id, u.login, t.name, t.prefix, t.created_at, t.revoked_at, "
    "t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id ";

std::optional<Instant> optional_instant(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return parse_instant(r.get<std::string>(i));
}

ApiTokenRow token_from_row(const soci::row& r) {
  ApiTokenRow t;
  t.id = Id<ApiToken>{int64_at(r, 0)};
  t.user = Id<domain::User>{int64_at(r, 1)};
  t.user_login = r.get<std::string>(2);
  t.name = r.get<std::string>(3);
  t.prefix = r.get<std::string>(4);
  t.created_at = parse_instant(r.get<std::string>(5)).value_or(Instant{});
  t.revoked_at = optional_instant(r, 6);
  t.last_used_at = optional_instant(r, 7);
  return t;
}

}  // namespace

Id<ApiToken> TokenRepository::insert(Tx& tx, Id<domain::User> user, const std::string& name,
                                     const std::string& prefix, const std::string& token_hash,
                                     Instant now) {
  long long uid = user.value, id = 0;
  std::string when = format_instant(now);
  tx.sql() << "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at) VALUES "
              "(:u, :n, :p, :h, :c) RETURNING id",
      soci::use(uid), soci::use(name), soci::use(prefix), soci::use(token_hash), soci::use(when),
      soci::into(id);
  return Id<ApiToken>{id};
}

std::optional<ApiTokenRow> TokenRepository::find_live(Tx& tx, const std::string& token_hash) {
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << kSelect << "WHERE t.token_hash = :h AND t.revoked_at IS NULL",
       soci::use(token_hash));
  for (const auto& r : rs) return token_from_row(r);
  return std::nullopt;
}

std::vector<ApiTokenRow> TokenRepository::list(Tx& tx) {
  std::vector<ApiTokenRow> out;
  soci::rowset<soci::row> rs = (tx.sql().prepare << kSelect << "ORDER BY t.id");
  for (const auto& r : rs) out.push_back(token_from_row(r));
  return out;
}

long long TokenRepository::revoke(Tx& tx, const std::string& id_or_prefix, Instant now) {
  std::string when = format_instant(now);
  long long id = 0;
  bool numeric = !id_or_prefix.empty() && id_or_prefix.size() < 18 &&
                 id_or_prefix.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) id = std::stoll(id_or_prefix);
  soci::statement st =
      (tx.sql().prepare << "UPDATE api_tokens SET revoked_at = :w WHERE revoked_at IS NULL AND "
                           "(id = :i OR prefix = :p)",
       soci::use(when), soci::use(id), soci::use(id_or_prefix));
  st.execute(true);
  return st.get_affected_rows();
}

void TokenRepository::mark_used(Tx& tx, Id<ApiToken> id, Instant now) {
  std::string when = format_instant(now);
  long long tid = id.value;
  tx.sql() << "UPDATE api_tokens SET last_used_at = :w WHERE id = :i", soci::use(when),
      soci::use(tid);
}

}  // namespace rapport::store
