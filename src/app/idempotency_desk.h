// app/idempotency_desk.h: remembers the answers to POST requests sent with
// an Idempotency-Key, for 24 hours, so a client that retries after a lost
// answer does not create a second record.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/idempotency_repository.h"

namespace rapport::app {

constexpr std::size_t kMaxIdempotencyKey = 255;

class IdempotencyDesk {
 public:
  IdempotencyDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The stored answer for this user's key, if any. Errors: invalid_input
  // ("idempotency.key_invalid"); conflict ("idempotency.key_reused") when the
  // key was used for a different request.
  Result<std::optional<store::StoredResponse>> recall(const domain::User& user,
                                                      const std::string& key,
                                                      const std::string& request_hash);
  // Keeps the answer. A concurrent duplicate is ignored: the first wins.
  Status remember(const domain::User& user, const std::string& key,
                  const store::StoredResponse& response);
  Status purge_expired();

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
