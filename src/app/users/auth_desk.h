// app/users/auth_desk.h: log-in, sessions and API tokens — who is calling.
//
// Sessions live in the database (they survive a restart and are shared by
// every app server); the browser holds only a random token whose hash is
// stored. Log-in attempts are counted in the database before the password
// is checked (one UPSERT each, so concurrent guesses are counted exactly,
// on every server): per (login, client address) and per address over a
// window, attempts beyond the limit are refused until it passes; per login,
// from all addresses, a slower backoff spaces attempts out instead of
// locking the account, so a stranger elsewhere cannot lock its user out.
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
  int max_failures_per_login_and_address = 5;  // one login from one address
  int max_failures_per_address = 20;           // any logins from one address
  // Failures of a login from all addresses in the window beyond which its
  // attempts are spaced out: 1 s, 2 s, 4 s… up to max_login_backoff apart.
  int login_backoff_after = 10;
  std::chrono::seconds max_login_backoff{60};
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
  // too_many ("login.locked" with {minutes}: too many failures of this
  // login from this address, or from this address; "login.slow_down" with
  // {seconds}: the login's backoff), invalid_input (empty fields).
  Result<SessionStart> login(const LoginRequest& request);

  // The user of a live session; refreshes its idle timer.
  // Errors: unauthenticated ("session.expired").
  Result<SessionUser> resume(const std::string& session_token);

  // Ends a session (no error if it was already gone).
  Status logout(const std::string& session_token);

  // The user of a live API token. Errors: unauthenticated ("token.invalid").
  Result<domain::User> authenticate_token(const std::string& bearer_token);

  // Deletes idle sessions and old failure counts; returns sessions deleted.
  Result<long long> purge_expired();

 private:
  store::Database& db_;
  const Clock& clock_;
  AuthPolicy policy_;
};

}  // namespace rapport::app
