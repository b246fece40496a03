#include "app/users/auth_desk.h"

#include <optional>

#include "app/crypto.h"
#include "store/users/session_repository.h"
#include "store/users/token_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

// Verifying against this keeps an unknown login as slow as a wrong password.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("not a password of anyone").value();
  return hash;
}

constexpr std::chrono::seconds kTouchEvery{60};
constexpr std::size_t kMaxLoginInput = 256;

}  // namespace

Result<SessionStart> AuthDesk::login(const LoginRequest& request) {
  if (request.login.empty()) return Error::invalid("field.required", "login");
  if (request.password.empty()) return Error::invalid("field.required", "password");
  if (request.login.size() > kMaxLoginInput || request.password.size() > kMaxLoginInput)
    return Error{ErrorCode::unauthenticated, "login.failed", {}, {}, {}};
  const Instant now = clock_.now();
  const std::string pair = "pair:" + request.login + "\n" + request.address;
  const std::string by_login = "login:" + request.login;
  const std::string by_address = "address:" + request.address;

  // Counted before the hash runs, in one transaction: a refusal rolls the
  // counts back, an admitted attempt stays counted until it succeeds.
  auto admitted = db_.write([&](store::Tx& tx) -> Status {
    using store::LoginThrottleRepository;
    const Instant cutoff = now - policy_.failure_window;
    auto locked_until = [&](Instant window_start) {
      auto minutes =
          std::chrono::ceil<std::chrono::minutes>(window_start + policy_.failure_window - now);
      return Error{ErrorCode::too_many,
                   "login.locked",
                   {{"minutes", std::to_string(std::max<long>(1, minutes.count()))}},
                   {},
                   {}};
    };
    auto p = LoginThrottleRepository::count_attempt(tx, pair, now, cutoff);
    if (p.attempts > policy_.max_failures_per_login_and_address)
      return locked_until(p.window_start);
    auto a = LoginThrottleRepository::count_attempt(tx, by_address, now, cutoff);
    if (a.attempts > policy_.max_failures_per_address) return locked_until(a.window_start);
    auto l = LoginThrottleRepository::count_attempt(tx, by_login, now, cutoff);
    if (l.attempts > policy_.login_backoff_after && l.previous_attempt) {
      const int doublings = std::min(l.attempts - policy_.login_backoff_after - 1, 16);
      const auto gap = std::min(policy_.max_login_backoff, std::chrono::seconds{1LL << doublings});
      const auto waited = now - *l.previous_attempt;
      if (waited < gap) {
        auto seconds = std::chrono::ceil<std::chrono::seconds>(gap - waited).count();
        return Error{ErrorCode::too_many,
                     "login.slow_down",
                     {{"seconds", std::to_string(std::max<long>(1, seconds))}},
                     {},
                     {}};
      }
    }
    return Ok{};
  });
  if (!admitted) return admitted.error();

  auto found = db_.read([&](store::Tx& tx) -> Result<std::optional<store::UserWithHash>> {
    return store::UserRepository::find_by_login(tx, request.login);
  });
  if (!found) return found.error();
  const std::string& hash = *found ? (*found)->password_hash : dummy_hash();
  bool ok = verify_password(hash, request.password) && *found && (*found)->user.active;
  // A failure stays counted.
  if (!ok) return Error{ErrorCode::unauthenticated, "login.failed", {}, {}, {}};

  SessionStart start{random_token(), random_token(), (*found)->user};
  // A hash an earlier version made with other limits: hashed again now that
  // the password is known (once per user; a failure keeps the old one).
  std::optional<std::string> upgraded;
  if (needs_rehash(hash))
    if (auto again = hash_password(request.password)) upgraded = std::move(*again);
  auto opened = db_.write([&](store::Tx& tx) -> Status {
    if (upgraded) store::UserRepository::upgrade_password_hash(tx, start.user.id, hash, *upgraded);
    // This attempt was no failure; this address's failures for the login
    // are forgiven (not those of other addresses).
    store::LoginThrottleRepository::clear(tx, pair);
    store::LoginThrottleRepository::forget_attempt(tx, by_address);
    store::LoginThrottleRepository::forget_attempt(tx, by_login);
    store::SessionRepository::insert(
        tx, {hash_token(start.token), start.user.id, start.csrf_token, now}, now, request.address,
        request.user_agent.substr(0, 256));
    return Ok{};
  });
  if (!opened) return opened.error();
  return start;
}

Result<SessionUser> AuthDesk::resume(const std::string& session_token) {
  const Instant now = clock_.now();
  const std::string key = hash_token(session_token);
  struct Found {
    SessionUser session;
    bool stale_timer;  // last seen long enough ago to be worth a write
  };
  auto found = db_.read([&](store::Tx& tx) -> Result<std::optional<Found>> {
    auto row = store::SessionRepository::find(tx, key);
    if (!row || row->last_seen_at + policy_.idle_timeout < now) return std::optional<Found>();
    auto user = store::UserRepository::find(tx, row->user);
    if (!user || !user->active) return std::optional<Found>();
    return std::optional<Found>(
        Found{SessionUser{*user, row->csrf_token}, now - row->last_seen_at >= kTouchEvery});
  });
  if (!found) return found.error();
  if (!*found) return Error{ErrorCode::unauthenticated, "session.expired", {}, {}, {}};
  if ((*found)->stale_timer) {
    auto touched = db_.write([&](store::Tx& tx) -> Status {
      store::SessionRepository::touch(tx, key, now);
      return Ok{};
    });
    if (!touched) return touched.error();
  }
  return std::move((*found)->session);
}

Status AuthDesk::logout(const std::string& session_token) {
  const std::string key = hash_token(session_token);
  return db_.write([&](store::Tx& tx) -> Status {
    store::SessionRepository::remove(tx, key);
    return Ok{};
  });
}

Result<domain::User> AuthDesk::authenticate_token(const std::string& bearer_token) {
  const Instant now = clock_.now();
  const std::string key = hash_token(bearer_token);
  auto token = db_.read([&](store::Tx& tx) -> Result<std::optional<store::ApiTokenRow>> {
    return store::TokenRepository::find_live(tx, key);
  });
  if (!token) return token.error();
  if (!*token) return Error{ErrorCode::unauthenticated, "token.invalid", {}, {}, {}};
  auto user =
      db_.read([&](store::Tx& tx) { return store::UserRepository::find(tx, (*token)->user); });
  if (!user || !user->active) return Error{ErrorCode::unauthenticated, "token.invalid", {}, {}, {}};
  auto last = (*token)->last_used_at;
  if (!last || now - *last >= kTouchEvery) {
    auto marked = db_.write([&](store::Tx& tx) -> Status {
      store::TokenRepository::mark_used(tx, (*token)->id, now);
      return Ok{};
    });
    if (!marked) return marked.error();
  }
  return user;
}

Result<long long> AuthDesk::purge_expired() {
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<long long> {
    store::LoginThrottleRepository::remove_before(tx, now - policy_.failure_window);
    return store::SessionRepository::remove_idle(tx, now - policy_.idle_timeout);
  });
}

}  // namespace rapport::app
