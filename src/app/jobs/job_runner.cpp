#include "app/jobs/job_runner.h"

#include <spdlog/spdlog.h>

#include "app/access.h"
#include "store/jobs/job_repository.h"

namespace rapport::app {
namespace {

constexpr auto kWriteEvery = std::chrono::seconds(1);

}  // namespace

JobContext::JobContext(store::Database& db, const Clock& clock, domain::Job& job,
                       const std::atomic<bool>& stopping, LiveJob& live)
    : db_(db), clock_(clock), job_(job), stopping_(stopping), live_(live) {}

void JobContext::progress(std::int64_t done, std::int64_t total) {
  job_.done = done;
  job_.total = total;
  if (std::chrono::steady_clock::now() - last_write_ >= kWriteEvery) flush();
}

void JobContext::flush() {
  last_write_ = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(live_.mutex);
    live_.snapshot = job_;
  }
  // Other servers read progress from the database; with SQLite there are
  // none, and the job's own transaction may hold the write lock.
  if (db_.dialect() == store::Dialect::sqlite) return;
  const Instant now = clock_.now();
  auto saved = db_.write([&](store::Tx& tx) -> Status {
    store::JobRepository::save_progress(tx, job_, now);
    return Ok{};
  });
  if (!saved) spdlog::warn("job {}: progress not saved: {}", job_.id.value, saved.error().detail);
}

bool JobContext::cancel_requested() {
  if (cancelled_ || stopping_ || live_.cancel) return true;
  if (db_.dialect() == store::Dialect::sqlite) return false;  // a cancel here sets live_.cancel
  if (std::chrono::steady_clock::now() - last_cancel_check_ < kWriteEvery) return false;
  last_cancel_check_ = std::chrono::steady_clock::now();
  auto flag = db_.read([&](store::Tx& tx) -> Result<bool> {
    return store::JobRepository::cancel_requested(tx, job_.id);
  });
  cancelled_ = flag && *flag;
  return cancelled_;
}

JobRunner::JobRunner(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

JobRunner::~JobRunner() {
  stopping_ = true;
  std::vector<Worker> workers;
  {
    std::lock_guard lock(mutex_);  // a finishing job takes it too: join outside
    workers.swap(workers_);
  }
  for (auto& w : workers)
    if (w.thread.joinable()) w.thread.join();
}

void JobRunner::reap_finished() {
  std::erase_if(workers_, [](Worker& w) {
    if (!w.finished->load()) return false;
    w.thread.join();
    return true;
  });
}

void JobRunner::define(const std::string& kind, Capability who, JobBody body) {
  kinds_[kind] = {who, std::move(body)};
}

Status JobRunner::may_use(const domain::User& actor, const std::string& kind) const {
  auto it = kinds_.find(kind);
  if (it == kinds_.end()) return Error::invalid("job.kind_unknown", "kind", {{"kind", kind}});
  return require(actor, it->second.who);
}

Result<Id<domain::Job>> JobRunner::start(const domain::User& actor, const std::string& kind,
                                         const std::string& params, const std::string& payload) {
  if (auto ok = may_use(actor, kind); !ok) return ok.error();
  return launch(actor, kind, params, std::string(payload));
}

Result<Id<domain::Job>> JobRunner::launch(const domain::User& actor, const std::string& kind,
                                          const std::string& params, std::string payload) {
  const Instant now = clock_.now();
  auto id = db_.write([&](store::Tx& tx) -> Result<Id<domain::Job>> {
    return store::JobRepository::insert(tx, kind, params, payload, actor.id.value, now);
  });
  if (!id) return id.error();
  std::lock_guard lock(mutex_);
  reap_finished();
  auto finished = std::make_shared<std::atomic<bool>>(false);
  auto live = std::make_shared<LiveJob>();
  live_[id->value] = live;
  // The job runs here, with the payload it was given: the copy stored with
  // it is not read back (a second copy of an upload in memory).
  workers_.push_back({std::thread([this, job = *id, body = kinds_.at(kind).body, finished, live,
                                   payload = std::move(payload)] {
                        run(job, body, live, payload);
                        std::lock_guard lock(mutex_);
                        live_.erase(job.value);
                        *finished = true;
                      }),
                      finished});
  return id;
}

Result<Id<domain::Job>> JobRunner::start(const domain::User& actor, const std::string& kind,
                                         const std::string& params, std::istream& payload) {
  if (auto ok = may_use(actor, kind); !ok) return ok.error();
  // One allocation of the payload's size: no copy grows while reading.
  std::string text;
  payload.seekg(0, std::ios::end);
  const auto size = payload.tellg();
  payload.seekg(0, std::ios::beg);
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    payload.read(text.data(), size);
  }
  if (!payload && size > 0) return Error::unavailable("the job's payload could not be read");
  return launch(actor, kind, params, std::move(text));
}

void JobRunner::run(Id<domain::Job> id, JobBody body, std::shared_ptr<LiveJob> live,
                    const std::string& payload) {
  auto loaded = db_.write([&](store::Tx& tx) -> Result<domain::Job> {
    store::JobRepository::mark_running(tx, id, clock_.now());
    return store::JobRepository::find(tx, id);
  });
  if (!loaded) {
    spdlog::error("job {} could not start: {}", id.value, loaded.error().detail);
    return;
  }
  domain::Job job = std::move(*loaded);
  {
    std::lock_guard lock(live->mutex);
    live->snapshot = job;
  }
  JobContext context(db_, clock_, job, stopping_, *live);
  Result<JobSummary> outcome = Error::internal("not run");
  try {
    outcome = body(context, payload);
  } catch (const std::exception& e) {
    outcome = Error::internal(e.what());
  }
  // The body decides whether it stopped for a cancel: work that finished
  // (and committed) before it noticed one is done, not cancelled.
  if (!outcome && outcome.error().key == kJobCancelled) {
    job.status = domain::JobStatus::cancelled;
    job.message_key = kJobCancelled;
  } else if (outcome) {
    job.status = outcome->cancelled ? domain::JobStatus::cancelled
                 : outcome->failed  ? domain::JobStatus::failed
                                    : domain::JobStatus::done;
    job.message_key = outcome->message_key;
    job.message_args = outcome->message_args;
    job.result = outcome->result;
  } else {
    job.status = domain::JobStatus::failed;
    job.message_key = outcome.error().key;
    job.message_args = outcome.error().args;
    if (!outcome.error().field.empty())
      job.message_args.emplace_back("field", outcome.error().field);
    spdlog::warn("job {} ({}) failed: {} {}", id.value, job.kind, outcome.error().key,
                 outcome.error().detail);
  }
  auto finished = db_.write([&](store::Tx& tx) -> Status {
    store::JobRepository::finish(tx, job, clock_.now());
    return Ok{};
  });
  if (!finished) spdlog::error("job {} could not be closed: {}", id.value, finished.error().detail);
}

Result<domain::Job> JobRunner::get(const domain::User& actor, Id<domain::Job> id) {
  auto job = db_.read([&](store::Tx& tx) { return store::JobRepository::find(tx, id); });
  if (!job) return job.error();
  if (auto ok = may_use(actor, job->kind); !ok) return ok.error();
  // A job running here knows its progress before the database does.
  std::shared_ptr<LiveJob> live;
  {
    std::lock_guard lock(mutex_);
    if (auto it = live_.find(id.value); it != live_.end()) live = it->second;
  }
  if (live && !domain::is_final(job->status)) {
    std::lock_guard lock(live->mutex);
    if (live->snapshot.id == id) {
      job->status = live->snapshot.status;
      job->done = live->snapshot.done;
      job->total = live->snapshot.total;
      job->counts = live->snapshot.counts;
      job->started_at = live->snapshot.started_at;
      job->cancel_requested = job->cancel_requested || live->cancel;
    }
  }
  return job;
}

Status JobRunner::cancel(const domain::User& actor, Id<domain::Job> id) {
  auto job = get(actor, id);
  if (!job) return job.error();
  if (domain::is_final(job->status)) return Error::conflict("job.already_finished");
  {
    std::lock_guard lock(mutex_);
    if (auto it = live_.find(id.value); it != live_.end()) {
      it->second->cancel = true;
      // On SQLite the job may hold the write lock: the flag above is enough.
      if (db_.dialect() == store::Dialect::sqlite) return Ok{};
    }
  }
  return db_.write([&](store::Tx& tx) -> Status {
    store::JobRepository::request_cancel(tx, id);
    return Ok{};
  });
}

Result<long long> JobRunner::fail_abandoned() {
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<long long> {
    return store::JobRepository::fail_abandoned(tx, now - std::chrono::minutes(2), now);
  });
}

}  // namespace rapport::app
