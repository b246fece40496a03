#include "store/users/session_repository.h"

#include <soci/soci.h>

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
  tx.sql() << "SELECT user_id, csrf_token, last_seen_at FROM sessions WHERE token_hash = :t",
      soci::use(token_hash), soci::into(uid), soci::into(row.csrf_token), soci::into(seen);
  if (!tx.sql().got_data()) return std::nullopt;
  row.token_hash = token_hash;
  row.user = Id<domain::User>{uid};
  row.last_seen_at = parse_instant(seen).value_or(Instant{});
  return row;
}

void SessionRepository::touch(Tx& tx, const std::string& token_hash, Instant now) {
  std::string when = format_instant(now);
  tx.sql() << "UPDATE sessions SET last_seen_at = :s WHERE token_hash = :t", soci::use(when),
      soci::use(token_hash);
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

void LoginFailureRepository::record(Tx& tx, const std::string& login, const std::string& address,
                                    Instant at) {
  std::string when = format_instant(at);
  tx.sql() << "INSERT INTO login_failures (login, address, at) VALUES (:l, :a, :t)",
      soci::use(login), soci::use(address), soci::use(when);
}

int LoginFailureRepository::count_for_login(Tx& tx, const std::string& login, Instant since) {
  std::string when = format_instant(since);
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM login_failures WHERE login = :l AND at >= :s", soci::use(login),
      soci::use(when), soci::into(n);
  return n;
}

int LoginFailureRepository::count_for_address(Tx& tx, const std::string& address, Instant since) {
  std::string when = format_instant(since);
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM login_failures WHERE address = :a AND at >= :s",
      soci::use(address), soci::use(when), soci::into(n);
  return n;
}

std::optional<Instant> LoginFailureRepository::oldest_for_login(Tx& tx, const std::string& login,
                                                                Instant since) {
  std::string when = format_instant(since), oldest;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT MIN(at) FROM login_failures WHERE login = :l AND at >= :s", soci::use(login),
      soci::use(when), soci::into(oldest, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return parse_instant(oldest);
}

void LoginFailureRepository::clear_login(Tx& tx, const std::string& login) {
  tx.sql() << "DELETE FROM login_failures WHERE login = :l", soci::use(login);
}

void LoginFailureRepository::remove_before(Tx& tx, Instant cutoff) {
  std::string when = format_instant(cutoff);
  tx.sql() << "DELETE FROM login_failures WHERE at < :c", soci::use(when);
}

}  // namespace rapport::store
