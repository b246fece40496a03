// store/users/user_repository.h: users and their password hashes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

struct UserWithHash {
  domain::User user;
  std::string password_hash;
};

// One page of users ordered by id, for cursor pagination.
struct UserPage {
  std::vector<domain::User> users;
  std::optional<std::int64_t> next_after;  // pass as `after` for the next page
};

class UserRepository {
 public:
  // Errors: not_found.
  static Result<domain::User> find(Tx& tx, Id<domain::User> id);
  // nullopt when no user has this login.
  static std::optional<UserWithHash> find_by_login(Tx& tx, const std::string& login);
  static UserPage list(Tx& tx, std::int64_t after, int limit);
  static int count(Tx& tx);

  // Inserts a new user and its audit rows; returns the id.
  // Errors: conflict ("user.login_taken").
  static Result<Id<domain::User>> insert(Tx& tx, const domain::User& user,
                                         const std::string& password_hash, const Actor& actor,
                                         Instant now);
  // Writes `user` if the row is still at user.version; audits each changed
  // field. Errors: not_found, conflict ("record.stale").
  static Result<Version> update(Tx& tx, const domain::User& user, const Actor& actor, Instant now);
  // Replaces the password hash (audited without the hash itself).
  static Status set_password_hash(Tx& tx, Id<domain::User> id, const std::string& hash,
                                  const Actor& actor, Instant now);
  // The same password hashed with today's limits, in place of `old_hash`
  // if that is still the stored one: not a change of the user (no version,
  // no audit). False when the hash had changed meanwhile.
  static bool upgrade_password_hash(Tx& tx, Id<domain::User> id, const std::string& old_hash,
                                    const std::string& new_hash);
};

}  // namespace rapport::store
