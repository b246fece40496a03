#include "store/idempotency_repository.h"

#include <soci/soci.h>

namespace rapport::store {

std::optional<IdempotencyRow> IdempotencyRepository::find(Tx& tx, std::int64_t user_id,
                                                          const std::string& key) {
  IdempotencyRow row;
  StoredResponse& r = row.response;
  long long uid = user_id;
  std::string state, created;
  tx.sql() << "SELECT request_hash, status, content_type, body, location, state, created_at "
              "FROM idempotency_keys WHERE user_id = :u AND idem_key = :k",
      soci::use(uid), soci::use(key), soci::into(r.request_hash), soci::into(r.status),
      soci::into(r.content_type), soci::into(r.body), soci::into(r.location), soci::into(state),
      soci::into(created);
  if (!tx.sql().got_data()) return std::nullopt;
  row.in_progress = state == "in_progress";
  row.created_at = parse_instant(created).value_or(Instant{});
  return row;
}

bool IdempotencyRepository::reserve(Tx& tx, std::int64_t user_id, const std::string& key,
                                    const std::string& request_hash, Instant now) {
  long long uid = user_id;
  std::string when = format_instant(now);
  soci::statement st =
      (tx.sql().prepare << "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, status, "
                           "content_type, body, location, created_at, state) VALUES (:u, :k, :h, "
                           "0, '', '', '', :w, 'in_progress') ON CONFLICT (user_id, idem_key) "
                           "DO NOTHING",
       soci::use(uid), soci::use(key), soci::use(request_hash), soci::use(when));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool IdempotencyRepository::take_over(Tx& tx, std::int64_t user_id, const std::string& key,
                                      const std::string& request_hash, Instant now,
                                      Instant cutoff) {
  long long uid = user_id;
  std::string when = format_instant(now), before = format_instant(cutoff);
  soci::statement st =
      (tx.sql().prepare << "UPDATE idempotency_keys SET created_at = :w, request_hash = :h "
                           "WHERE user_id = :u AND idem_key = :k AND state = 'in_progress' "
                           "AND created_at < :c",
       soci::use(when), soci::use(request_hash), soci::use(uid), soci::use(key), soci::use(before));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void IdempotencyRepository::complete(Tx& tx, std::int64_t user_id, const std::string& key,
                                     const StoredResponse& r) {
  long long uid = user_id;
  tx.sql() << "UPDATE idempotency_keys SET request_hash = :h, status = :s, content_type = :c, "
              "body = :b, location = :l, state = 'done' WHERE user_id = :u AND idem_key = :k",
      soci::use(r.request_hash), soci::use(r.status), soci::use(r.content_type), soci::use(r.body),
      soci::use(r.location), soci::use(uid), soci::use(key);
}

void IdempotencyRepository::release(Tx& tx, std::int64_t user_id, const std::string& key) {
  long long uid = user_id;
  tx.sql() << "DELETE FROM idempotency_keys WHERE user_id = :u AND idem_key = :k "
              "AND state = 'in_progress'",
      soci::use(uid), soci::use(key);
}

void IdempotencyRepository::remove_before(Tx& tx, Instant cutoff) {
  std::string when = format_instant(cutoff);
  tx.sql() << "DELETE FROM idempotency_keys WHERE created_at < :c", soci::use(when);
}

}  // namespace rapport::store
