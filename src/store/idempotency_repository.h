// store/idempotency_repository.h: the stored answers to POST requests that
// carried an Idempotency-Key, so a retried request gets the first answer
// instead of acting twice.
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

class IdempotencyRepository {
 public:
  static std::optional<StoredResponse> find(Tx& tx, std::int64_t user_id, const std::string& key);
  // Errors (thrown as a unique violation, turned into conflict by Database):
  // a concurrent request stored the same key first.
  static void store(Tx& tx, std::int64_t user_id, const std::string& key,
                    const StoredResponse& response, Instant now);
  static void remove_before(Tx& tx, Instant cutoff);
};

}  // namespace rapport::store
