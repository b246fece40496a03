// app/users/user_desk.h: managing users — list, add, edit, reset a password, and
// each user's audit history. Admins and managers may manage users; anyone
// may change their own language and password.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/paging.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/database.h"
#include "store/users/user_repository.h"

namespace rapport::app {

class UserDesk {
 public:
  UserDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Errors: forbidden; invalid_input ("page.limit_invalid").
  Result<store::UserPage> list(const domain::User& actor, std::int64_t after, int limit);
  // Errors: forbidden, not_found.
  Result<domain::User> get(const domain::User& actor, Id<domain::User> id);
  // Errors: forbidden; invalid_input (FieldErrors in `errors`); conflict
  // ("user.login_taken").
  Result<domain::User> create(const domain::User& actor, domain::User user,
                              const std::string& password, FieldErrors* errors = nullptr);
  // Errors: forbidden, not_found, invalid_input, conflict ("record.stale").
  Result<domain::User> update(const domain::User& actor, const domain::User& user,
                              FieldErrors* errors = nullptr);
  // Changes only the user's own language (the language switcher).
  Status set_own_language(const domain::User& actor, Language language);
  // A new password ends every session of the user, on every server (they
  // live in the database), but the one that made a change of one's own:
  // `current_session` is the caller's session token (empty for the API).
  // Errors: forbidden (another user's password without admin), not_found,
  // invalid_input ("user.password_short").
  Status set_password(const domain::User& actor, Id<domain::User> id, const std::string& password,
                      const std::string& current_session = {});
  // A user changes their own password, proving they know the current one;
  // their other sessions end. Errors: invalid_input
  // ("account.current_password_wrong" on current_password, or the password
  // policy's).
  Status change_own_password(const domain::User& actor, const std::string& current,
                             const std::string& password, const std::string& current_session = {});
  Result<std::vector<store::AuditRow>> history(const domain::User& actor, Id<domain::User> id);

  // For the command line and demo data: no actor checks.
  Result<domain::User> create_as_system(domain::User user, const std::string& password,
                                        bool check_password_policy = true);
  Status set_password_as_system(const std::string& login, const std::string& password);
  Result<store::UserPage> list_as_system(std::int64_t after, int limit);

 private:
  // Stores the hash and ends the user's sessions but `keep` (a token hash).
  Status store_password(const store::Actor& actor, Id<domain::User> id, const std::string& password,
                        const std::string& keep);
  Result<domain::User> insert(const store::Actor& actor, domain::User user,
                              const std::string& password, bool check_password_policy,
                              FieldErrors* errors);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
