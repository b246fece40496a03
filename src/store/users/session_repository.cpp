#include "store/users/session_repository.h"

#include <soci/soci.h>

#include "store/statement_cache.h"

namespace rapport::store {

void SessionRepository::insert(Tx& tx, const SessionRow& row, Instant now,
                               const std::string& address, const std::string& user_agent) {
  std::string when = format_instant(now);
  long long uid = row.user.value;
  tx.sql() << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
              "address, user_agent) VALUES (:t, :u, :c, :a, :s, :ad, :ua)",
      soci::use(row.token_hash), soci::use(uid), soci::use(row.csrf_token), soci::use(when),
      soci::use(when), soci::use(address), soci::use(user_agent);
}

std::optional<SessionRow> SessionRepository::find(Tx& tx, const std::string& token_hash) {
  SessionRow row;
  long long uid = 0;
  std::string seen;
  auto st =
      tx.cached("SELECT user_id, csrf_token, last_seen_at FROM sessions WHERE token_hash = :t");
  if (!st.run(soci::use(token_hash), soci::into(uid), soci::into(row.csrf_token), soci::into(seen)))
    return std::nullopt;
  row.token_hash = token_hash;
  row.user = Id<domain::User>{uid};
  row.last_seen_at = parse_instant(seen).value_or(Instant{});
  return row;
}

void SessionRepository::touch(Tx& tx, const std::string& token_hash, Instant now) {
  std::string when = format_instant(now);
  tx.cached("UPDATE sessions SET last_seen_at = :s WHERE token_hash = :t")
      .run(soci::use(when), soci::use(token_hash));
}

void SessionRepository::remove(Tx& tx, const std::string& token_hash) {
  tx.sql() << "DELETE FROM sessions WHERE token_hash = :t", soci::use(token_hash);
}

void SessionRepository::remove_for_user(Tx& tx, Id<domain::User> user, const std::string& keep) {
  long long uid = user.value;
  tx.sql() << "DELETE FROM sessions WHERE user_id = :u AND token_hash <> :k", soci::use(uid),
      soci::use(keep);
}

long long SessionRepository::remove_idle(Tx& tx, Instant cutoff) {
  std::string when = format_instant(cutoff);
  soci::statement st =
      (tx.sql().prepare << "DELETE FROM sessions WHERE last_seen_at < :c", soci::use(when));
  st.execute(true);
  return st.get_affected_rows();
}

AttemptCount LoginThrottleRepository::count_attempt(Tx& tx, const std::string& subject, Instant now,
                                                    Instant window_cutoff) {
  const std::string at = format_instant(now), cutoff = format_instant(window_cutoff);
  // Every right-hand side reads the row as it was: previous_attempt_at
  // takes the last attempt before this one.
  tx.sql() << "INSERT INTO login_throttle (subject, window_start, attempts, last_attempt_at) "
              "VALUES (:s, :n1, 1, :n2) ON CONFLICT (subject) DO UPDATE SET "
              "attempts = CASE WHEN login_throttle.window_start < :c1 THEN 1 "
              "ELSE login_throttle.attempts + 1 END, "
              "window_start = CASE WHEN login_throttle.window_start < :c2 THEN :n3 "
              "ELSE login_throttle.window_start END, "
              "previous_attempt_at = login_throttle.last_attempt_at, last_attempt_at = :n4",
      soci::use(subject), soci::use(at), soci::use(at), soci::use(cutoff), soci::use(cutoff),
      soci::use(at), soci::use(at);
  AttemptCount count;
  std::string start, previous;
  soci::indicator previous_ind = soci::i_null;
  tx.sql() << "SELECT attempts, window_start, previous_attempt_at FROM login_throttle "
              "WHERE subject = :s",
      soci::use(subject), soci::into(count.attempts), soci::into(start),
      soci::into(previous, previous_ind);
  count.window_start = parse_instant(start).value_or(now);
  if (previous_ind == soci::i_ok) count.previous_attempt = parse_instant(previous);
  return count;
}

void LoginThrottleRepository::forget_attempt(Tx& tx, const std::string& subject) {
  tx.sql() << "UPDATE login_throttle SET attempts = attempts - 1 WHERE subject = :s "
              "AND attempts > 0",
      soci::use(subject);
}

void LoginThrottleRepository::clear(Tx& tx, const std::string& subject) {
  tx.sql() << "DELETE FROM login_throttle WHERE subject = :s", soci::use(subject);
}

void LoginThrottleRepository::remove_before(Tx& tx, Instant cutoff) {
  std::string when = format_instant(cutoff);
  tx.sql() << "DELETE FROM login_throttle WHERE window_start < :c", soci::use(when);
}

}  // namespace rapport::store
