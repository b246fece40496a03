#include "app/jobs/job_runner.h"

#include <random>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "app/access.h"
#include "store/jobs/job_repository.h"

namespace rapport::app {
namespace {

std::int64_t epoch_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// host/pid/random: which machine and process, and unique even for two
// runners of one process (the tests' two "servers").
std::string new_server_id() {
  char host[64] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  std::uniform_int_distribution<unsigned> hex(0, 15);
  std::string tag;
  for (int i = 0; i < 6; ++i) tag += "0123456789abcdef"[hex(rd)];
  return std::string(host[0] ? host : "server") + "/" + std::to_string(getpid()) + "/" + tag;
}

}  // namespace

JobContext::JobContext(store::Database& db, const domain::Job& job, domain::JobPartition partition,
                       const std::atomic<bool>& stopping, LivePartition& live,
                       std::chrono::milliseconds pause)
    : db_(db),
      job_(job),
      partition_(std::move(partition)),
      stopping_(stopping),
      live_(live),
      pause_(pause) {}

void JobContext::publish() {
  std::lock_guard lock(live_.mutex);
  live_.snapshot.done = partition_.done;
  live_.snapshot.total = partition_.total;
  live_.snapshot.counts = partition_.counts;
}

void JobContext::progress(std::int64_t done, std::int64_t total) {
  partition_.done = done;
  partition_.total = total;
  publish();
  if (pause_.count() > 0 && done > 0) {
    // A test's pause (to stop a server half-way); a stop or a cancel ends it.
    const auto until = std::chrono::steady_clock::now() + pause_;
    while (!cancel_requested() && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void JobContext::count(const std::string& name, std::int64_t value) {
  partition_.counts[name] = value;
}

bool JobContext::cancel_requested() { return stopping_ || live_.cancel || live_.lost; }

Status JobContext::checkpoint(store::Tx& tx, const std::string& cursor) {
  partition_.cursor = cursor;
  if (live_.lost || !store::JobRepository::checkpoint(tx, job_.id, partition_)) {
    live_.lost = true;
    return Error::unavailable("the partition was taken over by another server");
  }
  return Ok{};
}

JobRunner::JobRunner(store::Database& db, const Clock& clock, JobRunnerOptions options)
    : db_(db), clock_(clock), options_(options), server_id_(new_server_id()) {}

JobRunner::~JobRunner() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    threads.swap(workers_);
    if (heartbeat_.joinable()) threads.push_back(std::move(heartbeat_));
    ++wake_seq_;
  }
  wake_.notify_all();
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    ++wake_seq_;
  }
  wake_.notify_all();
}

void JobRunner::define(const std::string& kind, Capability who, JobBody body, JobSplit split,
                       JobMerge merge) {
  std::lock_guard lock(mutex_);
  kinds_[kind] = {who, std::move(body), std::move(split), std::move(merge)};
}

void JobRunner::start_workers() {
  std::lock_guard lock(mutex_);
  if (!workers_.empty() || stopping_) return;
  for (int i = 0; i < std::max(1, options_.workers); ++i) workers_.emplace_back([this] { work(); });
  heartbeat_ = std::thread([this] { beat(); });
}

void JobRunner::wake() {
  {
    std::lock_guard lock(mutex_);
    ++wake_seq_;
  }
  wake_.notify_all();
}

void JobRunner::freeze_for_test() { frozen_ = true; }

Status JobRunner::may_use(const domain::User& actor, const std::string& kind) const {
  auto it = kinds_.find(kind);
  if (it == kinds_.end()) return Error::invalid("job.kind_unknown", "kind", {{"kind", kind}});
  return require(actor, it->second.who);
}

Result<Id<domain::Job>> JobRunner::start(const domain::User& actor, const std::string& kind,
                                         const std::string& params, const std::string& payload) {
  if (auto ok = may_use(actor, kind); !ok) return ok.error();
  return launch(actor, kind, params, payload);
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
  return launch(actor, kind, params, text);
}

Result<Id<domain::Job>> JobRunner::launch(const domain::User& actor, const std::string& kind,
                                          const std::string& params, const std::string& payload) {
  const auto& definition = kinds_.at(kind);
  // Split outside the write transaction: it reads (contact infos by id).
  std::vector<domain::JobPartition> parts;
  if (definition.split) {
    auto split = db_.read([&](store::Tx& tx) -> Result<std::vector<domain::JobPartition>> {
      return definition.split(tx, params, std::max<std::int64_t>(1, options_.partition_size));
    });
    if (!split) return split.error();
    parts = std::move(*split);
  }
  if (parts.empty()) parts.push_back(domain::JobPartition{});
  for (std::size_t i = 0; i < parts.size(); ++i) parts[i].number = static_cast<int>(i);
  const Instant now = clock_.now();
  auto id = db_.write([&](store::Tx& tx) -> Result<Id<domain::Job>> {
    auto job = store::JobRepository::insert(tx, kind, params, payload, actor.id.value, now);
    for (const auto& p : parts) store::JobRepository::add_partition(tx, job, kind, p);
    return job;
  });
  if (!id) return id.error();
  start_workers();
  wake();
  return id;
}

void JobRunner::work() {
  std::uint64_t seen = 0;
  while (!stopping_) {
    if (!frozen_ && run_one()) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [&] { return stopping_ || wake_seq_ != seen; });
    seen = wake_seq_;
  }
}

void JobRunner::beat() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      // A stopping server renews the leases of the partitions still
      // finishing their chunk, until they are given back.
      wake_.wait_for(lock, options_.heartbeat, [&] { return stopping_ && live_.empty(); });
      if (stopping_ && live_.empty()) return;
    }
    if (frozen_) continue;
    std::vector<std::shared_ptr<LivePartition>> running;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [key, live] : live_) running.push_back(live);
    }
    if (running.empty()) continue;
    const std::int64_t until = epoch_ms() + options_.lease.count();
    auto renewed = db_.write([&](store::Tx& tx) -> Status {
      for (const auto& live : running) {
        domain::JobPartition p;
        {
          std::lock_guard lock(live->mutex);
          p = live->snapshot;
        }
        if (!store::JobRepository::renew(tx, live->job, p, until)) live->lost = true;
        if (store::JobRepository::cancel_requested(tx, live->job)) live->cancel = true;
      }
      return Ok{};
    });
    if (!renewed) spdlog::warn("job heartbeat not written: {}", renewed.error().detail);
  }
}

bool JobRunner::run_one() {
  std::vector<std::string> kinds;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [kind, d] : kinds_) kinds.push_back(kind);
  }
  const auto now_ms = epoch_ms();
  const Instant now = clock_.now();
  auto any = db_.read([&](store::Tx& tx) -> Result<bool> {
    return store::JobRepository::has_claimable(tx, kinds, now_ms);
  });
  if (!any || !*any) return false;
  struct Claimed {
    domain::Job job;
    domain::JobPartition partition;
    std::string payload;
  };
  auto claimed = db_.write([&](store::Tx& tx) -> Result<std::optional<Claimed>> {
    auto c = store::JobRepository::claim(tx, kinds, server_id_, now_ms,
                                         now_ms + options_.lease.count(), now);
    if (!c) return std::optional<Claimed>{};
    auto job = store::JobRepository::find(tx, c->job);
    if (!job) return job.error();
    return std::optional<Claimed>{Claimed{std::move(*job), std::move(c->partition),
                                          store::JobRepository::payload(tx, c->job)}};
  });
  if (!claimed) {
    spdlog::warn("jobs: claim failed: {}", claimed.error().detail);
    return false;
  }
  if (!*claimed) return false;
  domain::Job job = std::move((*claimed)->job);
  const std::string payload = std::move((*claimed)->payload);
  domain::JobPartition part = std::move((*claimed)->partition);
  if (part.attempt > 1)
    spdlog::info("job {} partition {}: taken over (attempt {}) by {}", job.id.value, part.number,
                 part.attempt, server_id_);
  auto live = std::make_shared<LivePartition>();
  live->job = job.id;
  live->snapshot = part;
  live->cancel = job.cancel_requested;
  const auto key = std::pair{job.id.value, part.number};
  {
    std::lock_guard lock(mutex_);
    live_[key] = live;
  }
  JobBody body;
  {
    std::lock_guard lock(mutex_);
    body = kinds_.at(job.kind).body;
  }
  JobContext context(db_, job, part, stopping_, *live, options_.pause_after_progress);
  Result<JobSummary> outcome = Error::internal("not run");
  try {
    outcome = body(context, payload);
  } catch (const std::exception& e) {
    outcome = Error::internal(e.what());
  }
  context.flush();
  {
    std::lock_guard lock(mutex_);
    live_.erase(key);
  }
  if (stopping_) wake_.notify_all();  // the heartbeat ends with the last one
  if (frozen_) return true;           // a "killed" server writes nothing more
  if (live->lost) {
    spdlog::info("job {} partition {}: taken over by another server", job.id.value, part.number);
    return true;
  }
  domain::JobPartition end = context.partition();
  const bool stopped_for_cancel =
      (!outcome && outcome.error().key == kJobCancelled) || (outcome && outcome->cancelled);
  if (stopped_for_cancel && stopping_ && !live->cancel) {
    // This server stops: the partition goes back to the queue, its cursor
    // kept, for another server (or this one when it starts again).
    auto released = db_.write([&](store::Tx& tx) -> Status {
      store::JobRepository::release(tx, job.id, end);
      return Ok{};
    });
    if (!released)
      spdlog::error("job {} partition {} not released: {}", job.id.value, end.number,
                    released.error().detail);
    return true;
  }
  // The body decides whether it stopped for a cancel: work that finished
  // (and committed) before it noticed one is done, not cancelled.
  if (!outcome && outcome.error().key == kJobCancelled) {
    end.status = domain::JobStatus::cancelled;
    end.message_key = kJobCancelled;
  } else if (outcome) {
    end.status = outcome->cancelled ? domain::JobStatus::cancelled
                 : outcome->failed  ? domain::JobStatus::failed
                                    : domain::JobStatus::done;
    end.message_key = outcome->message_key;
    end.message_args = outcome->message_args;
    end.result = outcome->result;
  } else {
    end.status = domain::JobStatus::failed;
    end.message_key = outcome.error().key;
    end.message_args = outcome.error().args;
    if (!outcome.error().field.empty())
      end.message_args.emplace_back("field", outcome.error().field);
    spdlog::warn("job {} ({}) partition {} failed: {} {}", job.id.value, job.kind, end.number,
                 outcome.error().key, outcome.error().detail);
  }
  auto finished = db_.write([&](store::Tx& tx) -> Status {
    store::JobRepository::lock(tx, job.id);
    if (!store::JobRepository::finish_partition(tx, job.id, end, clock_.now())) return Ok{};
    close_if_last(tx, job.id);
    return Ok{};
  });
  if (!finished)
    spdlog::error("job {} partition {} could not be closed: {}", job.id.value, end.number,
                  finished.error().detail);
  return true;
}

void JobRunner::close_if_last(store::Tx& tx, Id<domain::Job> id) {
  if (store::JobRepository::open_partitions(tx, id) > 0) return;
  auto job = store::JobRepository::find(tx, id);
  if (!job || domain::is_final(job->status)) return;
  job->partitions = store::JobRepository::partitions(tx, id);
  job->done = job->total = 0;
  job->counts.clear();
  const domain::JobPartition* failed = nullptr;
  const domain::JobPartition* cancelled = nullptr;
  for (const auto& p : job->partitions) {
    job->done += p.done;
    job->total += p.total;
    for (const auto& [k, v] : p.counts) job->counts[k] += v;
    if (p.status == domain::JobStatus::failed && !failed) failed = &p;
    if (p.status == domain::JobStatus::cancelled && !cancelled) cancelled = &p;
  }
  const domain::JobPartition* source = failed                    ? failed
                                       : cancelled               ? cancelled
                                       : job->partitions.empty() ? nullptr
                                                                 : &job->partitions.back();
  job->status = failed      ? domain::JobStatus::failed
                : cancelled ? domain::JobStatus::cancelled
                            : domain::JobStatus::done;
  JobMerge merge;
  if (auto it = kinds_.find(job->kind); it != kinds_.end()) merge = it->second.merge;
  if (job->status == domain::JobStatus::done && merge) {
    auto summary = merge(*job);
    job->message_key = summary.message_key;
    job->message_args = summary.message_args;
    job->result = summary.result;
  } else if (source) {
    job->message_key = source->message_key;
    job->message_args = source->message_args;
    job->result = source->result;
  }
  store::JobRepository::finish(tx, *job, clock_.now());
}

Result<domain::Job> JobRunner::get(const domain::User& actor, Id<domain::Job> id) {
  auto job = db_.read([&](store::Tx& tx) -> Result<domain::Job> {
    auto j = store::JobRepository::find(tx, id);
    if (!j) return j.error();
    j->partitions = store::JobRepository::partitions(tx, id);
    return j;
  });
  if (!job) return job.error();
  if (auto ok = may_use(actor, job->kind); !ok) return ok.error();
  if (domain::is_final(job->status) || job->partitions.empty()) return job;
  // A partition running here knows its progress before the database does.
  {
    std::lock_guard lock(mutex_);
    for (auto& p : job->partitions) {
      auto it = live_.find({id.value, p.number});
      if (it == live_.end()) continue;
      std::lock_guard live_lock(it->second->mutex);
      if (it->second->snapshot.attempt != p.attempt) continue;
      p.done = it->second->snapshot.done;
      p.total = it->second->snapshot.total;
      p.counts = it->second->snapshot.counts;
      job->cancel_requested = job->cancel_requested || it->second->cancel;
    }
  }
  job->done = job->total = 0;
  job->counts.clear();
  for (const auto& p : job->partitions) {
    job->done += p.done;
    job->total += p.total;
    for (const auto& [k, v] : p.counts) job->counts[k] += v;
  }
  return job;
}

Status JobRunner::cancel(const domain::User& actor, Id<domain::Job> id) {
  auto job = get(actor, id);
  if (!job) return job.error();
  if (domain::is_final(job->status)) return Error::conflict("job.already_finished");
  {
    std::lock_guard lock(mutex_);
    for (auto& [key, live] : live_)
      if (key.first == id.value) live->cancel = true;
  }
  return db_.write([&](store::Tx& tx) -> Status {
    store::JobRepository::lock(tx, id);
    store::JobRepository::request_cancel(tx, id);
    store::JobRepository::cancel_queued(tx, id, clock_.now());
    close_if_last(tx, id);
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
