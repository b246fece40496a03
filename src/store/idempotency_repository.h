// store/idempotency_repository.h: the stored answers to POST requests that
// carried an Idempotency-Key, so a retried request gets the first answer
// instead of acting twice. A key is reserved (state in_progress) before the
// request runs, under the (user, key) primary key: of concurrent duplicates,
// on one server or several, exactly one runs.
#pragma once

#include <optional>
#include <string>

#include "core/time.h"
#include "store/database.h"

namespace rapport::store {

struct StoredResponse {
  std::string request_hash;  // method, path and body, hashed
  int status = 200;
  std::string content_type;
  std::string body;
  std::string location;  // the Location header, if any
};

struct IdempotencyRow {
  StoredResponse response;  // status, content type and body empty while in progress
  bool in_progress = false;
  Instant created_at;
};

class IdempotencyRepository {
 public:
  static std::optional<IdempotencyRow> find(Tx& tx, std::int64_t user_id, const std::string& key);
  // Inserts the key in progress; false when a row for it exists already
  // (nothing changed: INSERT … ON CONFLICT DO NOTHING).
  static bool reserve(Tx& tx, std::int64_t user_id, const std::string& key,
                      const std::string& request_hash, Instant now);
  // Takes over a reservation in progress since before `cutoff` (its request
  // died with its server); false when there is none such (someone else did).
  static bool take_over(Tx& tx, std::int64_t user_id, const std::string& key,
                        const std::string& request_hash, Instant now, Instant cutoff);
  // Stores the answer on the reserved row (state done).
  static void complete(Tx& tx, std::int64_t user_id, const std::string& key,
                       const StoredResponse& response);
  // Deletes a reservation still in progress (its request failed), so a
  // retry runs.
  static void release(Tx& tx, std::int64_t user_id, const std::string& key);
  static void remove_before(Tx& tx, Instant cutoff);
};

}  // namespace rapport::store
