// app/jobs/job_runner.h: runs long work in the background — an import, a batch
// generation — as a job whose progress any page can show and any user with
// the right role can cancel.
//
// A job is recorded in the database, then run on a thread of this server.
// Its body reports progress through JobContext, which writes at most once a
// second (so progress costs nothing measurable) and tells the body when a
// cancel was asked for (from any server: the flag is in the database).
#pragma once

#include <atomic>
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

// What this server knows of a job it runs, ahead of the database: on
// SQLite the job's own transaction may hold the write lock for its whole
// run, so progress and cancel requests cannot wait for the database.
struct LiveJob {
  std::mutex mutex;
  domain::Job snapshot;
  std::atomic<bool> cancel{false};
};

class JobContext {
 public:
  // `stopping` turns true when the server shuts down: the job then stops too.
  JobContext(store::Database& db, const Clock& clock, domain::Job& job,
             const std::atomic<bool>& stopping, LiveJob& live);
  const domain::Job& job() const { return job_; }
  // Records progress; written to the database at most once a second.
  void progress(std::int64_t done, std::int64_t total);
  void count(const std::string& name, std::int64_t value) { job_.counts[name] = value; }
  // True once someone asked to cancel (checked at most once a second).
  bool cancel_requested();
  // Writes the progress now.
  void flush();

 private:
  store::Database& db_;
  const Clock& clock_;
  domain::Job& job_;
  const std::atomic<bool>& stopping_;
  LiveJob& live_;
  std::chrono::steady_clock::time_point last_write_{};
  std::chrono::steady_clock::time_point last_cancel_check_{};
  bool cancelled_ = false;
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
using JobBody = std::function<Result<JobSummary>(JobContext&, const std::string& payload)>;

class JobRunner {
 public:
  JobRunner(store::Database& db, const Clock& clock);
  // Waits for running jobs to end (they see a cancel request first).
  ~JobRunner();

  // Who may start, see and cancel jobs of `kind` (app/access.h), and what runs.
  void define(const std::string& kind, Capability who, JobBody body);

  // Records the job and starts it. Errors: forbidden, invalid_input
  // ("job.kind_unknown").
  Result<Id<domain::Job>> start(const domain::User& actor, const std::string& kind,
                                const std::string& params, const std::string& payload);
  // The same with the payload read from `payload` (an upload received into
  // a file): read in once here, stored with the job in the database (the
  // record every server shares) and handed to the job's thread, which does
  // not read it back. Errors: also unavailable (unreadable).
  Result<Id<domain::Job>> start(const domain::User& actor, const std::string& kind,
                                const std::string& params, std::istream& payload);
  // Errors: forbidden, not_found.
  Result<domain::Job> get(const domain::User& actor, Id<domain::Job> id);
  // Asks the job to stop; it ends as cancelled at its next check.
  Status cancel(const domain::User& actor, Id<domain::Job> id);
  // Marks jobs of servers that stopped mid-way as failed.
  Result<long long> fail_abandoned();

 private:
  struct Definition {
    Capability who;
    JobBody body;
  };
  Status may_use(const domain::User& actor, const std::string& kind) const;
  // Records the job and runs it on a thread of its own with `payload`.
  Result<Id<domain::Job>> launch(const domain::User& actor, const std::string& kind,
                                 const std::string& params, std::string payload);
  void run(Id<domain::Job> id, JobBody body, std::shared_ptr<LiveJob> live,
           const std::string& payload);

  store::Database& db_;
  const Clock& clock_;
  std::map<std::string, Definition> kinds_;
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> finished;
  };
  // Joins the threads of jobs that ended. Requires: mutex_ held.
  void reap_finished();

  std::mutex mutex_;
  std::vector<Worker> workers_;
  std::map<std::int64_t, std::shared_ptr<LiveJob>> live_;  // jobs running here
  std::atomic<bool> stopping_{false};
};

}  // namespace rapport::app
