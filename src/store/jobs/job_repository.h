// store/jobs/job_repository.h: jobs and their progress.
#pragma once

#include <optional>
#include <string>
#include <vector>

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
  // The payload stored with the job (an upload), read by the worker that runs it.
  static std::string payload(Tx& tx, Id<domain::Job> id);
  static void mark_running(Tx& tx, Id<domain::Job> id, Instant now);
  static void save_progress(Tx& tx, const domain::Job& job, Instant now);
  // Final state; the payload is dropped (it may be large and is done with).
  static void finish(Tx& tx, const domain::Job& job, Instant now);
  static void request_cancel(Tx& tx, Id<domain::Job> id);
  static bool cancel_requested(Tx& tx, Id<domain::Job> id);
  // Jobs left running by a server that stopped (no heartbeat since
  // `stale_before`) are marked failed with "job.interrupted": only jobs
  // without partitions (recorded before partitions existed); a job with
  // partitions is taken over instead.
  static long long fail_abandoned(Tx& tx, Instant stale_before, Instant now);

  // Partitions (issue 17). Lease times are milliseconds since the epoch.
  static void add_partition(Tx& tx, Id<domain::Job> job, const std::string& kind,
                            const domain::JobPartition& partition);
  static std::vector<domain::JobPartition> partitions(Tx& tx, Id<domain::Job> job);
  struct Claimed {
    Id<domain::Job> job;
    domain::JobPartition partition;
  };
  // The first open partition of `kinds` that is queued or whose lease ran
  // out, claimed by `server` until `lease_until` (attempt + 1); the job is
  // marked running. PostgreSQL: FOR UPDATE SKIP LOCKED, so that workers of
  // several servers never wait for each other's claims.
  // Whether claim() would find something: read first, so that idle workers
  // poll without taking SQLite's write lock.
  static bool has_claimable(Tx& tx, const std::vector<std::string>& kinds, std::int64_t now_ms);
  static std::optional<Claimed> claim(Tx& tx, const std::vector<std::string>& kinds,
                                      const std::string& server, std::int64_t now_ms,
                                      std::int64_t lease_until, Instant now);
  // Renews the lease and stores the progress; false when the partition is
  // no longer this claim's (taken over, cancelled).
  static bool renew(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p,
                    std::int64_t lease_until);
  // Moves the cursor and stores the progress in the transaction of a
  // chunk's work; false when the partition is no longer this claim's (the
  // chunk must then roll back).
  static bool checkpoint(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p);
  // Gives the partition back (a server stopping): queued again, cursor kept.
  static void release(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p);
  // Locks the job's row (PostgreSQL) so that two partitions ending at once
  // see each other; SQLite's write transactions take turns anyway.
  static void lock(Tx& tx, Id<domain::Job> job);
  // The partition's final state; false when it is no longer this claim's.
  static bool finish_partition(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p,
                               Instant now);
  // Partitions not started yet end cancelled (a cancel request).
  static void cancel_queued(Tx& tx, Id<domain::Job> job, Instant now);
  static long long open_partitions(Tx& tx, Id<domain::Job> job);
};

}  // namespace rapport::store
