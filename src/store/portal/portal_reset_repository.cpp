#include "store/portal/portal_reset_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

std::optional<Instant> reset_instant(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return parse_instant(r.get<std::string>(i));
}

}  // namespace

std::vector<Id<domain::User>> PortalResetRepository::users_of_email(Tx& tx,
                                                                    const std::string& email) {
  std::vector<Id<domain::User>> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT p.user_id FROM portal_users p JOIN contacts c ON c.id = "
                           "p.contact_id WHERE lower(c.email) = lower(:e) ORDER BY p.user_id",
       soci::use(email));
  for (const auto& r : rs) out.push_back(Id<domain::User>{int64_at(r, 0)});
  return out;
}

void PortalResetRepository::set(Tx& tx, Id<domain::User> user, const std::string& token_hash,
                                Instant expires_at) {
  long long u = user.value;
  std::string expires = format_instant(expires_at);
  tx.sql() << "UPDATE portal_users SET reset_hash = :h, reset_expires_at = :e, "
              "reset_used_at = NULL WHERE user_id = :u",
      soci::use(token_hash), soci::use(expires), soci::use(u);
}

std::optional<PortalReset> PortalResetRepository::of_token(Tx& tx, const std::string& token_hash) {
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT user_id, reset_expires_at, reset_used_at FROM portal_users "
                           "WHERE reset_hash = :h",
       soci::use(token_hash));
  for (const auto& r : rs)
    return PortalReset{Id<domain::User>{int64_at(r, 0)}, reset_instant(r, 1), reset_instant(r, 2)};
  return std::nullopt;
}

bool PortalResetRepository::use(Tx& tx, Id<domain::User> user, Instant now) {
  long long u = user.value;
  std::string when = format_instant(now);
  soci::statement st = (tx.sql().prepare << "UPDATE portal_users SET reset_used_at = :w "
                                            "WHERE user_id = :u AND reset_used_at IS NULL",
                        soci::use(when), soci::use(u));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace rapport::store
