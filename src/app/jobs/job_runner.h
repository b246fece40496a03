// app/jobs/job_runner.h: runs long work in the background — an import, a batch
// generation — as a job whose progress any page can show and any user with
// the right role can cancel, on any of the servers that share the database.
//
// A job is recorded in the database with its partitions (issue 17): shares
// of the work (a range of contact infos, or the whole job for kinds that do
// not split). Every server runs a few worker threads that claim open
// partitions from the database (PostgreSQL: SELECT … FOR UPDATE SKIP
// LOCKED; SQLite: a write transaction, the same code in one process), so a
// job started on one server may be worked on by all of them at once. A
// running partition holds a lease that this runner's heartbeat renews; a
// partition whose lease ran out (its server was killed or lost) is claimed
// again by any worker, and resumes after the cursor its last committed
// chunk moved (JobContext::checkpoint, in the chunk's own transaction): no
// work twice, none missing. The job's progress and counts are the sums over
// its partitions; it ends when its last partition ends. A cancel is a flag
// in the database, seen by every holder at its next heartbeat.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/access.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/jobs/job.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

struct JobRunnerOptions {
  int workers = 2;  // worker threads of this server claiming partitions
  std::chrono::milliseconds heartbeat{2000};
  std::chrono::milliseconds lease{10000};  // a partition not renewed this long is taken over
  std::chrono::milliseconds poll{1000};    // how often idle workers look for work
  // A hint for kinds that split: units of work (contact infos) per partition.
  std::int64_t partition_size = 5000;
  // Tests only: a pause after each progress report, so that a job lasts
  // long enough to be watched, shared or killed half-way.
  std::chrono::milliseconds pause_after_progress{0};
};

// What this server knows of a partition it runs, ahead of the database.
struct LivePartition {
  std::mutex mutex;
  Id<domain::Job> job;
  domain::JobPartition snapshot;
  std::atomic<bool> cancel{false};  // asked for, here or on another server
  std::atomic<bool> lost{false};    // taken over by another claim: stop, write nothing
};

class JobContext {
 public:
  JobContext(store::Database& db, const domain::Job& job, domain::JobPartition partition,
             const std::atomic<bool>& stopping, LivePartition& live,
             std::chrono::milliseconds pause);
  const domain::Job& job() const { return job_; }
  // The partition being run: its params (the kind's range) and, when taken
  // over, the cursor of its last committed chunk.
  const domain::JobPartition& partition() const { return partition_; }
  // Records progress (within this partition); the heartbeat publishes it.
  void progress(std::int64_t done, std::int64_t total);
  void count(const std::string& name, std::int64_t value);
  // True once someone asked to cancel, this server stops, or the partition
  // was taken over.
  bool cancel_requested();
  // In the transaction of a chunk's work: moves the partition's cursor with
  // it. Error (unavailable, "job.lease_lost") when another worker took the
  // partition over: the chunk must roll back.
  Status checkpoint(store::Tx& tx, const std::string& cursor);
  void flush() { publish(); }

 private:
  void publish();
  store::Database& db_;
  const domain::Job& job_;
  domain::JobPartition partition_;
  const std::atomic<bool>& stopping_;
  LivePartition& live_;
  std::chrono::milliseconds pause_;
};

// What a job body returns: the final message (a catalog key and its
// arguments) on success; an Error fails the job with that message, except
// Error{kJobCancelled}, returned when the body stopped on a cancel request.
constexpr const char* kJobCancelled = "job.cancelled";
struct JobSummary {
  std::string message_key;
  MessageArgs message_args;
  std::string result;   // JSON details shown on the job's page
  bool failed = false;  // the work ended without effect (e.g. an import with bad rows)
  // Stopped for a cancel after part of the work was committed: the job is
  // cancelled, and the message says what was kept.
  bool cancelled = false;
};
// Runs one partition (for kinds that do not split: the whole job).
using JobBody = std::function<Result<JobSummary>(JobContext&, const std::string& payload)>;
// Splits a job into partitions when it starts (params and total of each);
// none given: one partition.
using JobSplit = std::function<Result<std::vector<domain::JobPartition>>(
    store::Tx&, const std::string& params, std::int64_t partition_size)>;
// The summary of a job whose partitions all ended done, from its summed
// counts; none given: the partition's own summary.
using JobMerge = std::function<JobSummary(const domain::Job&)>;

class JobRunner {
 public:
  JobRunner(store::Database& db, const Clock& clock, JobRunnerOptions options = {});
  // Stops the workers: the partitions they hold are given back (queued
  // again, their cursor kept) for another server or the next start.
  ~JobRunner();

  // Who may start, see and cancel jobs of `kind` (app/access.h), and what runs.
  void define(const std::string& kind, Capability who, JobBody body, JobSplit split = {},
              JobMerge merge = {});
  // Starts the workers (once; start() does it too): this server then takes
  // its share of every job, including those other servers left behind.
  void start_workers();
  // Stops taking partitions: those running stop after their current chunk
  // and are given back. Returns at once (the destructor waits for them).
  void stop();
  // This server's id, recorded as the claimer of the partitions it runs.
  const std::string& server_id() const { return server_id_; }

  // Records the job and its partitions and wakes the workers. Errors:
  // forbidden, invalid_input ("job.kind_unknown", or the split's).
  Result<Id<domain::Job>> start(const domain::User& actor, const std::string& kind,
                                const std::string& params, const std::string& payload);
  // The same with the payload read from `payload` (an upload received into
  // a file), stored with the job in the database (the record every server
  // shares). Errors: also unavailable (unreadable).
  Result<Id<domain::Job>> start(const domain::User& actor, const std::string& kind,
                                const std::string& params, std::istream& payload);
  // The job with its partitions; progress and counts are their sums.
  // Errors: forbidden, not_found.
  Result<domain::Job> get(const domain::User& actor, Id<domain::Job> id);
  // Asks every partition to stop, on every server; the job ends cancelled
  // when the last one has.
  Status cancel(const domain::User& actor, Id<domain::Job> id);
  // Marks jobs without partitions (recorded by an older version) left
  // unfinished by a stopped server as failed.
  Result<long long> fail_abandoned();

  // Tests: behaves from now on as a server that was killed — no heartbeat,
  // no claim, its running partitions stop without writing anything more
  // and stay claimed until their lease runs out.
  void freeze_for_test();

 private:
  struct Definition {
    Capability who;
    JobBody body;
    JobSplit split;
    JobMerge merge;
  };
  struct Claim;
  Status may_use(const domain::User& actor, const std::string& kind) const;
  Result<Id<domain::Job>> launch(const domain::User& actor, const std::string& kind,
                                 const std::string& params, const std::string& payload);
  void work();
  void beat();
  bool run_one();
  // Ends the job when none of its partitions is open. Inside a write
  // transaction that locked the job.
  void close_if_last(store::Tx& tx, Id<domain::Job> id);
  void wake();

  store::Database& db_;
  const Clock& clock_;
  JobRunnerOptions options_;
  std::string server_id_;
  std::map<std::string, Definition> kinds_;

  std::mutex mutex_;  // guards what follows
  std::vector<std::thread> workers_;
  std::thread heartbeat_;
  std::map<std::pair<std::int64_t, int>, std::shared_ptr<LivePartition>> live_;
  std::condition_variable wake_;
  std::uint64_t wake_seq_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> frozen_{false};
};

}  // namespace rapport::app
