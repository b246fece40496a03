// store/jobs/job_repository.h: jobs and their progress.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "domain/jobs/job.h"
#include "store/database.h"

namespace rapport::store {

class JobRepository {
 public:
  static Id<domain::Job> insert(Tx& tx, const std::string& kind, const std::string& params,
                                const std::string& payload, std::int64_t created_by, Instant now);
  // Errors: not_found ("job.not_found").
  static Result<domain::Job> find(Tx& tx, Id<domain::Job> id);
  static void mark_running(Tx& tx, Id<domain::Job> id, Instant now);
  static void save_progress(Tx& tx, const domain::Job& job, Instant now);
  // Final state; the payload is dropped (it may be large and is done with).
  static void finish(Tx& tx, const domain::Job& job, Instant now);
  static void request_cancel(Tx& tx, Id<domain::Job> id);
  static bool cancel_requested(Tx& tx, Id<domain::Job> id);
  // Jobs left running by a server that stopped (no heartbeat since
  // `stale_before`) are marked failed with "job.interrupted".
  static long long fail_abandoned(Tx& tx, Instant stale_before, Instant now);
};

}  // namespace rapport::store
