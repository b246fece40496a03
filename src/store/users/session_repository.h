// store/users/session_repository.h: server-side log-in sessions and the failed
// log-in record used for rate limiting. Both live in the database so they
// survive a restart and are shared by every app server.
#pragma once

#include <optional>
#include <string>

#include "core/id.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::store {

struct SessionRow {
  std::string token_hash;
  Id<domain::User> user;
  std::string csrf_token;
  Instant last_seen_at;
};

class SessionRepository {
 public:
  static void insert(Tx& tx, const SessionRow& row, Instant now, const std::string& address,
                     const std::string& user_agent);
  static std::optional<SessionRow> find(Tx& tx, const std::string& token_hash);
  static void touch(Tx& tx, const std::string& token_hash, Instant now);
  static void remove(Tx& tx, const std::string& token_hash);
  // Every session of the user but `keep` (a token hash; empty: none kept).
  static void remove_for_user(Tx& tx, Id<domain::User> user, const std::string& keep = {});
  // Deletes sessions idle since before `cutoff`; returns how many.
  static long long remove_idle(Tx& tx, Instant cutoff);
};

class LoginFailureRepository {
 public:
  static void record(Tx& tx, const std::string& login, const std::string& address, Instant at);
  static int count_for_login(Tx& tx, const std::string& login, Instant since);
  static int count_for_address(Tx& tx, const std::string& address, Instant since);
  // The oldest failure of the login still inside the window, to say when
  // the lock ends.
  static std::optional<Instant> oldest_for_login(Tx& tx, const std::string& login, Instant since);
  static void clear_login(Tx& tx, const std::string& login);
  static void remove_before(Tx& tx, Instant cutoff);
};

}  // namespace rapport::store
