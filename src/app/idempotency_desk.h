// app/idempotency_desk.h: remembers the answers to POST requests sent with
// an Idempotency-Key, for 24 hours, so a client that retries after a lost
// answer does not create a second record.
//
// The key is reserved in the database before the request runs (claim), so
// of concurrent duplicates — on one server or on several sharing the
// database — exactly one runs; the others get 409 "idempotency.in_progress"
// until its answer is kept (complete), then the answer itself. A request
// that fails (5xx) gives its key back (release); a reservation whose server
// died expires after kIdempotencyReservationTimeout.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/idempotency_repository.h"

namespace rapport::app {

constexpr std::size_t kMaxIdempotencyKey = 255;
constexpr std::chrono::seconds kIdempotencyReservationTimeout{120};

class IdempotencyDesk {
 public:
  IdempotencyDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Reserves this user's key for this request: empty when the caller is to
  // run the request (then complete() or release()), else the stored answer
  // to replay. Errors: invalid_input ("idempotency.key_invalid"); conflict
  // ("idempotency.key_reused") when the key was used for a different
  // request; conflict ("idempotency.in_progress") while another request
  // with the key runs.
  Result<std::optional<store::StoredResponse>> claim(const domain::User& user,
                                                     const std::string& key,
                                                     const std::string& request_hash);
  // Keeps the answer of a claimed key.
  Status complete(const domain::User& user, const std::string& key,
                  const store::StoredResponse& response);
  // Gives a claimed key back (the request failed): a retry runs it again.
  Status release(const domain::User& user, const std::string& key);
  Status purge_expired();

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
