#include "store/portal/portal_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

constexpr const char* kPortalSelect =
    "SELECT user_id, customer_id, contact_id, invitation_expires_at, invitation_used_at "
    "FROM portal_users ";

std::optional<Instant> portal_instant(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return parse_instant(r.get<std::string>(i));
}

std::optional<PortalBinding> first_binding(soci::rowset<soci::row>& rs) {
  for (const auto& r : rs) {
    PortalBinding b;
    b.user = Id<domain::User>{int64_at(r, 0)};
    b.customer = int64_at(r, 1);
    b.contact = int64_at(r, 2);
    b.invitation_expires_at = portal_instant(r, 3);
    b.invitation_used_at = portal_instant(r, 4);
    return b;
  }
  return std::nullopt;
}

}  // namespace

std::optional<PortalBinding> PortalRepository::of_user(Tx& tx, Id<domain::User> user) {
  long long id = user.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << kPortalSelect << "WHERE user_id = :u", soci::use(id));
  return first_binding(rs);
}

std::optional<PortalBinding> PortalRepository::of_contact(Tx& tx, std::int64_t contact) {
  long long id = contact;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << kPortalSelect << "WHERE contact_id = :c", soci::use(id));
  return first_binding(rs);
}

std::optional<PortalBinding> PortalRepository::of_invitation(Tx& tx,
                                                             const std::string& token_hash) {
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << kPortalSelect << "WHERE invitation_hash = :h", soci::use(token_hash));
  return first_binding(rs);
}

void PortalRepository::insert(Tx& tx, Id<domain::User> user, std::int64_t customer,
                              std::int64_t contact, Instant now) {
  long long u = user.value, c = customer, k = contact;
  std::string when = format_instant(now);
  tx.sql() << "INSERT INTO portal_users (user_id, customer_id, contact_id, invited_at) VALUES "
              "(:u, :c, :k, :w)",
      soci::use(u), soci::use(c), soci::use(k), soci::use(when);
}

void PortalRepository::set_invitation(Tx& tx, Id<domain::User> user, const std::string& token_hash,
                                      Instant expires_at, Instant now) {
  long long u = user.value;
  std::string expires = format_instant(expires_at), when = format_instant(now);
  tx.sql() << "UPDATE portal_users SET invitation_hash = :h, invitation_expires_at = :e, "
              "invitation_used_at = NULL, invited_at = :w WHERE user_id = :u",
      soci::use(token_hash), soci::use(expires), soci::use(when), soci::use(u);
}

bool PortalRepository::use_invitation(Tx& tx, Id<domain::User> user, Instant now) {
  long long u = user.value;
  std::string when = format_instant(now);
  soci::statement st = (tx.sql().prepare << "UPDATE portal_users SET invitation_used_at = :w "
                                            "WHERE user_id = :u AND invitation_used_at IS NULL",
                        soci::use(when), soci::use(u));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace rapport::store
