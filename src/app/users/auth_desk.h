// app/users/auth_desk.h: log-in, sessions and API tokens — who is calling.
//
// Sessions live in the database (they survive a restart and are shared by
// every app server); the browser holds only a random token whose hash is
// stored. Failed log-ins are counted per login and per address over a
// sliding window, and further attempts are refused until it passes.
#pragma once

#include <chrono>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

struct AuthPolicy {
  std::chrono::minutes idle_timeout{60};
  std::chrono::minutes failure_window{15};
  int max_failures_per_login = 5;
  int max_failures_per_address = 20;
};

struct LoginRequest {
  std::string login;
  std::string password;
  std::string address;  // the client's IP address
  std::string user_agent;
};

struct SessionStart {
  std::string token;  // for the cookie; only its hash is stored
  std::string csrf_token;
  domain::User user;
};

struct SessionUser {
  domain::User user;
  std::string csrf_token;
};

class AuthDesk {
 public:
  AuthDesk(store::Database& db, const Clock& clock, AuthPolicy policy = {})
      : db_(db), clock_(clock), policy_(policy) {}

  // Checks the password and opens a session.
  // Errors: unauthenticated ("login.failed": wrong login or password, or an
  // inactive user — the same message, so logins cannot be probed),
  // too_many ("login.locked" with {minutes}), invalid_input (empty fields).
  Result<SessionStart> login(const LoginRequest& request);

  // The user of a live session; refreshes its idle timer.
  // Errors: unauthenticated ("session.expired").
  Result<SessionUser> resume(const std::string& session_token);

  // Ends a session (no error if it was already gone).
  Status logout(const std::string& session_token);

  // The user of a live API token. Errors: unauthenticated ("token.invalid").
  Result<domain::User> authenticate_token(const std::string& bearer_token);

  // Deletes idle sessions and old failure records; returns sessions deleted.
  Result<long long> purge_expired();

 private:
  store::Database& db_;
  const Clock& clock_;
  AuthPolicy policy_;
};

}  // namespace rapport::app
