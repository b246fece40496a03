#include "store/idempotency_repository.h"

#include <soci/soci.h>

namespace rapport::store {

std::optional<StoredResponse> IdempotencyRepository::find(Tx& tx, std::int64_t user_id,
                                                          const std::string& key) {
  StoredResponse r;
  long long uid = user_id;
  tx.sql() << "SELECT request_hash, status, content_type, body, location FROM idempotency_keys "
              "WHERE user_id = :u AND idem_key = :k",
      soci::use(uid), soci::use(key), soci::into(r.request_hash), soci::into(r.status),
      soci::into(r.content_type), soci::into(r.body), soci::into(r.location);
  if (!tx.sql().got_data()) return std::nullopt;
  return r;
}

void IdempotencyRepository::store(Tx& tx, std::int64_t user_id, const std::string& key,
                                  const StoredResponse& r, Instant now) {
  long long uid = user_id;
  std::string when = format_instant(now);
  tx.sql() << "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, status, "
              "content_type, body, location, created_at) VALUES (:u, :k, :h, :s, :c, :b, :l, :w)",
      soci::use(uid), soci::use(key), soci::use(r.request_hash), soci::use(r.status),
      soci::use(r.content_type), soci::use(r.body), soci::use(r.location), soci::use(when);
}

void IdempotencyRepository::remove_before(Tx& tx, Instant cutoff) {
  std::string when = format_instant(cutoff);
  tx.sql() << "DELETE FROM idempotency_keys WHERE created_at < :c", soci::use(when);
}

}  // namespace rapport::store
