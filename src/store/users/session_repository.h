// store/users/session_repository.h: server-side log-in sessions and the failed
// log-in counts used for rate limiting. Both live in the database so they
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

// A count of failed (and running) log-in attempts of one subject — a
// (login, address) pair, a login, an address — over a fixed window.
struct AttemptCount {
  int attempts = 0;  // this attempt included
  Instant window_start;
  std::optional<Instant> previous_attempt;  // the subject's attempt before this one
};

class LoginThrottleRepository {
 public:
  // Counts one more attempt of `subject` (one UPSERT: exact under any
  // concurrency; a window started before `window_cutoff` starts again at
  // `now`) and reads the count back. The row stays locked until the
  // transaction ends, so roll back to not count an attempt refused.
  static AttemptCount count_attempt(Tx& tx, const std::string& subject, Instant now,
                                    Instant window_cutoff);
  // One attempt fewer (it succeeded, so it was no failure).
  static void forget_attempt(Tx& tx, const std::string& subject);
  static void clear(Tx& tx, const std::string& subject);
  static void remove_before(Tx& tx, Instant cutoff);
};

}  // namespace rapport::store
