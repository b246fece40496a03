#include "app/idempotency_desk.h"

#include <chrono>

namespace rapport::app {

Result<std::optional<store::StoredResponse>> IdempotencyDesk::recall(
    const domain::User& user, const std::string& key, const std::string& request_hash) {
  if (key.empty() || key.size() > kMaxIdempotencyKey)
    return Error::invalid("idempotency.key_invalid", "Idempotency-Key",
                          {{"max", std::to_string(kMaxIdempotencyKey)}});
  auto found = db_.read([&](store::Tx& tx) -> Result<std::optional<store::StoredResponse>> {
    return store::IdempotencyRepository::find(tx, user.id.value, key);
  });
  if (found && *found && (*found)->request_hash != request_hash)
    return Error::conflict("idempotency.key_reused");
  return found;
}

Status IdempotencyDesk::remember(const domain::User& user, const std::string& key,
                                 const store::StoredResponse& response) {
  const Instant now = clock_.now();
  auto stored = db_.write([&](store::Tx& tx) -> Status {
    store::IdempotencyRepository::store(tx, user.id.value, key, response, now);
    return Ok{};
  });
  if (!stored && stored.error().code == ErrorCode::conflict) return Ok{};
  return stored;
}

Status IdempotencyDesk::purge_expired() {
  const Instant cutoff = clock_.now() - std::chrono::hours(24);
  return db_.write([&](store::Tx& tx) -> Status {
    store::IdempotencyRepository::remove_before(tx, cutoff);
    return Ok{};
  });
}

}  // namespace rapport::app
