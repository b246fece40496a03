#include "store/users/user_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

// A portal user's binding comes with it (LEFT JOIN: staff have none).
constexpr const char* kColumns =
    "u.id, u.login, u.display_name, u.roles, u.language, u.time_zone, u.active, u.version, "
    "u.password_hash, p.customer_id, p.contact_id";
constexpr const char* kFrom = " FROM users u LEFT JOIN portal_users p ON p.user_id = u.id";

UserWithHash user_from_row(const soci::row& r) {
  UserWithHash out;
  auto& u = out.user;
  u.id = Id<domain::User>{int64_at(r, 0)};
  u.login = r.get<std::string>(1);
  u.display_name = r.get<std::string>(2);
  u.roles = domain::parse_roles(r.get<std::string>(3)).value();
  u.language = parse_language(r.get<std::string>(4)).value_or(Language::en);
  u.time_zone = r.get<std::string>(5);
  u.active = int_at(r, 6) != 0;
  u.version = int64_at(r, 7);
  out.password_hash = r.get<std::string>(8);
  u.portal_customer = optional_int64_at(r, 9);
  u.portal_contact = optional_int64_at(r, 10);
  return out;
}

// Read on every request (the signed-in user), so kept prepared.
std::optional<UserWithHash> select_one(Tx& tx, const std::string& where, const std::string& key) {
  soci::row r;
  auto st = tx.cached(std::string("SELECT ") + kColumns + kFrom + " WHERE u." + where + " = :k");
  if (!st.run(soci::use(key), soci::into(r))) return std::nullopt;
  return user_from_row(r);
}

std::vector<FieldChange> user_fields(const domain::User& u) {
  return {{"login", std::nullopt, u.login},
          {"display_name", std::nullopt, u.display_name},
          {"roles", std::nullopt, domain::join_roles(u.roles)},
          {"language", std::nullopt, std::string(code(u.language))},
          {"time_zone", std::nullopt, u.time_zone},
          {"active", std::nullopt, u.active ? "1" : "0"}};
}

}  // namespace

Result<domain::User> UserRepository::find(Tx& tx, Id<domain::User> id) {
  auto found = select_one(tx, "id", std::to_string(id.value));
  if (!found) return Error::not_found("user.not_found");
  return found->user;
}

std::optional<UserWithHash> UserRepository::find_by_login(Tx& tx, const std::string& login) {
  return select_one(tx, "login", login);
}

UserPage UserRepository::list(Tx& tx, std::int64_t after, int limit) {
  UserPage page;
  long long a = after;
  int fetch = limit + 1;
  soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT " << kColumns << kFrom
                                                 << " WHERE u.id > :a ORDER BY u.id LIMIT :l",
                                soci::use(a), soci::use(fetch));
  for (const auto& r : rs) page.users.push_back(user_from_row(r).user);
  if (static_cast<int>(page.users.size()) > limit) {
    page.users.pop_back();
    page.next_after = page.users.back().id.value;
  }
  return page;
}

int UserRepository::count(Tx& tx) {
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM users", soci::into(n);
  return n;
}

Result<Id<domain::User>> UserRepository::insert(Tx& tx, const domain::User& u,
                                                const std::string& password_hash,
                                                const Actor& actor, Instant now) {
  if (find_by_login(tx, u.login)) return Error::conflict("user.login_taken", {{"login", u.login}});
  std::string when = format_instant(now);
  std::string roles = domain::join_roles(u.roles);
  std::string lang(code(u.language));
  int active = u.active ? 1 : 0;
  long long by = actor.user ? actor.user->value : 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  long long id = 0;
  tx.sql() << "INSERT INTO users (login, display_name, roles, language, time_zone, password_hash, "
              "active, version, created_at, updated_at, updated_by) VALUES (:l, :d, :r, :g, :z, "
              ":h, :a, 1, :c, :u, :b) RETURNING id",
      soci::use(u.login), soci::use(u.display_name), soci::use(roles), soci::use(lang),
      soci::use(u.time_zone), soci::use(password_hash), soci::use(active), soci::use(when),
      soci::use(when), soci::use(by, by_ind), soci::into(id);
  AuditRepository::record(tx, actor, now, "user", id, user_fields(u));
  return Id<domain::User>{id};
}

Result<Version> UserRepository::update(Tx& tx, const domain::User& u, const Actor& actor,
                                       Instant now) {
  auto before = find(tx, u.id);
  if (!before) return before.error();
  std::string when = format_instant(now);
  std::string roles = domain::join_roles(u.roles);
  std::string lang(code(u.language));
  int active = u.active ? 1 : 0;
  long long by = actor.user ? actor.user->value : 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  long long id = u.id.value, version = u.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE users SET display_name = :d, roles = :r, language = :g, "
                           "time_zone = :z, active = :a, version = version + 1, updated_at = :u, "
                           "updated_by = :b WHERE id = :id AND version = :v",
       soci::use(u.display_name), soci::use(roles), soci::use(lang), soci::use(u.time_zone),
       soci::use(active), soci::use(when), soci::use(by, by_ind), soci::use(id),
       soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "users", id);
  std::vector<FieldChange> changes;
  note_change(changes, "display_name", before->display_name, u.display_name);
  note_change(changes, "roles", domain::join_roles(before->roles), roles);
  note_change(changes, "language", std::string(code(before->language)), lang);
  note_change(changes, "time_zone", before->time_zone, u.time_zone);
  note_change(changes, "active", before->active ? "1" : "0", active ? "1" : "0");
  AuditRepository::record(tx, actor, now, "user", id, changes);
  return u.version + 1;
}

Status UserRepository::set_password_hash(Tx& tx, Id<domain::User> id, const std::string& hash,
                                         const Actor& actor, Instant now) {
  std::string when = format_instant(now);
  long long uid = id.value;
  long long by = actor.user ? actor.user->value : 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  soci::statement st =
      (tx.sql().prepare << "UPDATE users SET password_hash = :h, version = version + 1, "
                           "updated_at = :u, updated_by = :b WHERE id = :id",
       soci::use(hash), soci::use(when), soci::use(by, by_ind), soci::use(uid));
  st.execute(true);
  if (st.get_affected_rows() != 1) return Error::not_found("user.not_found");
  AuditRepository::record(tx, actor, now, "user", uid, {{"password", "********", "********"}});
  return Ok{};
}

bool UserRepository::upgrade_password_hash(Tx& tx, Id<domain::User> id, const std::string& old_hash,
                                           const std::string& new_hash) {
  long long uid = id.value;
  soci::statement st = (tx.sql().prepare << "UPDATE users SET password_hash = :n WHERE id = :id "
                                            "AND password_hash = :o",
                        soci::use(new_hash), soci::use(uid), soci::use(old_hash));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace rapport::store
