#include "app/idempotency_desk.h"

namespace rapport::app {

using Claimed = std::optional<store::StoredResponse>;

Result<Claimed> IdempotencyDesk::claim(const domain::User& user, const std::string& key,
                                       const std::string& request_hash) {
  if (key.empty() || key.size() > kMaxIdempotencyKey)
    return Error::invalid("idempotency.key_invalid", "Idempotency-Key",
                          {{"max", std::to_string(kMaxIdempotencyKey)}});
  const Instant now = clock_.now();
  const std::int64_t uid = user.id.value;
  using Repo = store::IdempotencyRepository;
  return db_.write([&](store::Tx& tx) -> Result<Claimed> {
    // Insert first: the primary key lets one request through.
    if (Repo::reserve(tx, uid, key, request_hash, now)) return Claimed{};
    auto row = Repo::find(tx, uid, key);
    if (!row) {  // released in between: reserve again
      if (Repo::reserve(tx, uid, key, request_hash, now)) return Claimed{};
      return Error::conflict("idempotency.in_progress");
    }
    if (row->response.request_hash != request_hash)
      return Error::conflict("idempotency.key_reused");
    if (!row->in_progress) return Claimed{row->response};
    if (Repo::take_over(tx, uid, key, request_hash, now, now - kIdempotencyReservationTimeout))
      return Claimed{};
    return Error::conflict("idempotency.in_progress");
  });
}

Status IdempotencyDesk::complete(const domain::User& user, const std::string& key,
                                 const store::StoredResponse& response) {
  return db_.write([&](store::Tx& tx) -> Status {
    store::IdempotencyRepository::complete(tx, user.id.value, key, response);
    return Ok{};
  });
}

Status IdempotencyDesk::release(const domain::User& user, const std::string& key) {
  return db_.write([&](store::Tx& tx) -> Status {
    store::IdempotencyRepository::release(tx, user.id.value, key);
    return Ok{};
  });
}

Status IdempotencyDesk::purge_expired() {
  const Instant cutoff = clock_.now() - std::chrono::hours(24);
  return db_.write([&](store::Tx& tx) -> Status {
    store::IdempotencyRepository::remove_before(tx, cutoff);
    return Ok{};
  });
}

}  // namespace rapport::app
