#include "app/users/user_desk.h"

#include "app/access.h"
#include "app/crypto.h"
#include "store/users/session_repository.h"

namespace rapport::app {
namespace {

using domain::Role;

Status may_manage_users(const domain::User& actor) {
  return require(actor, Capability::manage_users);
}

// Reports field errors both as the returned error (the first) and, when
// asked, all of them.
Error first_of(const FieldErrors& found, FieldErrors* errors) {
  if (errors) *errors = found;
  return found.errors.front();
}

}  // namespace

Result<store::UserPage> UserDesk::list(const domain::User& actor, std::int64_t after, int limit) {
  if (auto ok = may_manage_users(actor); !ok) return ok.error();
  return list_as_system(after, limit);
}

Result<store::UserPage> UserDesk::list_as_system(std::int64_t after, int limit) {
  if (auto ok = check_page_size(limit); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<store::UserPage> {
    return store::UserRepository::list(tx, after, limit);
  });
}

Result<domain::User> UserDesk::get(const domain::User& actor, Id<domain::User> id) {
  if (actor.id != id)
    if (auto ok = may_manage_users(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) { return store::UserRepository::find(tx, id); });
}

Result<domain::User> UserDesk::create(const domain::User& actor, domain::User user,
                                      const std::string& password, FieldErrors* errors) {
  if (auto ok = may_manage_users(actor); !ok) return ok.error();
  // Only an admin may create an admin.
  if (user.has_role(Role::admin) && !allowed(actor, Capability::manage_admins))
    return Error::forbidden();
  return insert(actor_of(actor), std::move(user), password, true, errors);
}

Result<domain::User> UserDesk::create_as_system(domain::User user, const std::string& password,
                                                bool check_password_policy) {
  return insert(system_actor("rapport"), std::move(user), password, check_password_policy, nullptr);
}

Result<domain::User> UserDesk::insert(const store::Actor& actor, domain::User user,
                                      const std::string& password, bool check_password_policy,
                                      FieldErrors* errors) {
  FieldErrors found = domain::validate_user(user);
  if (check_password_policy)
    if (auto bad = domain::validate_password(password)) found.add(*bad);
  if (!found.empty()) return first_of(found, errors);
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::User> {
    auto id = store::UserRepository::insert(tx, user, *hash, actor, now);
    if (!id) return id.error();
    return store::UserRepository::find(tx, *id);
  });
}

Result<domain::User> UserDesk::update(const domain::User& actor, const domain::User& user,
                                      FieldErrors* errors) {
  if (auto ok = may_manage_users(actor); !ok) return ok.error();
  if (user.has_role(Role::admin) && !allowed(actor, Capability::manage_admins))
    return Error::forbidden();
  FieldErrors found = domain::validate_user(user);
  if (!found.empty()) return first_of(found, errors);
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::User> {
    auto before = store::UserRepository::find(tx, user.id);
    if (!before) return before.error();
    // The login is the user's identity in logs and audit rows: it stays.
    domain::User changed = user;
    changed.login = before->login;
    if (before->has_role(Role::admin) && !allowed(actor, Capability::manage_admins))
      return Error::forbidden();
    auto version = store::UserRepository::update(tx, changed, actor_of(actor), now);
    if (!version) return version.error();
    if (!changed.active) store::SessionRepository::remove_for_user(tx, changed.id);
    return store::UserRepository::find(tx, user.id);
  });
}

Status UserDesk::set_own_language(const domain::User& actor, Language language) {
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Status {
    auto current = store::UserRepository::find(tx, actor.id);
    if (!current) return current.error();
    current->language = language;
    auto v = store::UserRepository::update(tx, *current, actor_of(actor), now);
    if (!v) return v.error();
    return Ok{};
  });
}

Status UserDesk::store_password(const store::Actor& actor, Id<domain::User> id,
                                const std::string& password, const std::string& keep) {
  if (auto bad = domain::validate_password(password)) return *bad;
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Status {
    auto stored = store::UserRepository::set_password_hash(tx, id, *hash, actor, now);
    if (!stored) return stored;
    store::SessionRepository::remove_for_user(tx, id, keep);
    return Ok{};
  });
}

Status UserDesk::set_password(const domain::User& actor, Id<domain::User> id,
                              const std::string& password, const std::string& current_session) {
  if (actor.id != id)
    if (auto ok = require(actor, Capability::manage_admins); !ok) return ok.error();
  // One's own change keeps the session it was made from; a reset keeps none.
  const std::string keep =
      actor.id == id && !current_session.empty() ? hash_token(current_session) : std::string{};
  return store_password(actor_of(actor), id, password, keep);
}

Status UserDesk::change_own_password(const domain::User& actor, const std::string& current,
                                     const std::string& password,
                                     const std::string& current_session) {
  auto stored = db_.read([&](store::Tx& tx) -> Result<std::optional<store::UserWithHash>> {
    return store::UserRepository::find_by_login(tx, actor.login);
  });
  if (!stored) return stored.error();
  if (!*stored || !verify_password((*stored)->password_hash, current))
    return Error::invalid("account.current_password_wrong", "current_password");
  return set_password(actor, actor.id, password, current_session);
}

Status UserDesk::set_password_as_system(const std::string& login, const std::string& password) {
  auto user = db_.read([&](store::Tx& tx) -> Result<std::optional<store::UserWithHash>> {
    return store::UserRepository::find_by_login(tx, login);
  });
  if (!user) return user.error();
  if (!*user) return Error::not_found("user.not_found");
  return store_password(system_actor("rapport"), (*user)->user.id, password, {});
}

Result<std::vector<store::AuditRow>> UserDesk::history(const domain::User& actor,
                                                       Id<domain::User> id) {
  if (auto ok = may_manage_users(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "user", id.value);
  });
}

}  // namespace rapport::app
