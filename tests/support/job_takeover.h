// tests/support/job_takeover.h: a job whose server dies after its first
// chunk and that another server's worker takes over once the lease ran out
// (issue 17 §2), in-process: each "server" is a JobRunner on connections of
// its own; the dead one is frozen as kill -9 would leave it.
//
//   auto a_db = store::Database::open(t.url(), 4);
//   auto a = takeover_runner(**a_db, clock, 400ms);
//   auto id = a->start(...);
//   kill_after_first_chunk(a, [&] { return t.count(written) > 0; });
//   auto b = takeover_runner(t.db(), clock, 0ms);
//   b->start_workers();
//   domain::Job job = wait_final(*b, manager, *id);
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "app/jobs/job_kinds.h"
#include "app/jobs/job_runner.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::testing {

// A server's runner of every job kind on `db`: one worker, a heartbeat every
// 100 ms and a lease of 800 ms, short because the test waits for it to run
// out (tests of healthy servers sharing a job need a longer one: a busy
// machine's heartbeat can be late by more), and a pause of `pause` after
// each chunk so that the test can stop it half-way.
inline std::unique_ptr<app::JobRunner> takeover_runner(store::Database& db, const Clock& clock,
                                                       std::chrono::milliseconds pause) {
  using namespace std::chrono_literals;
  app::JobRunnerOptions o;
  o.workers = 1;
  o.heartbeat = 100ms;
  o.lease = 800ms;
  o.poll = 50ms;
  o.pause_after_progress = pause;
  auto runner = std::make_unique<app::JobRunner>(db, clock, o);
  app::define_jobs(*runner, db, clock);
  return runner;
}

// Waits (30 s at most) until `first_chunk_written()`, then freezes `runner`
// as kill -9 would (no heartbeat, nothing more written) and destroys it.
inline void kill_after_first_chunk(std::unique_ptr<app::JobRunner>& runner,
                                   const std::function<bool()>& first_chunk_written) {
  using namespace std::chrono_literals;
  for (auto deadline = std::chrono::steady_clock::now() + 30s;
       !first_chunk_written() && std::chrono::steady_clock::now() < deadline;)
    std::this_thread::sleep_for(5ms);
  runner->freeze_for_test();
  runner.reset();
}

// The job as `runner` shows it to `actor` once it ended (60 s at most;
// then as last seen).
inline domain::Job wait_final(app::JobRunner& runner, const domain::User& actor,
                              Id<domain::Job> id) {
  using namespace std::chrono_literals;
  domain::Job job;
  for (auto deadline = std::chrono::steady_clock::now() + 60s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
    auto got = runner.get(actor, id);
    if (!got) {
      ADD_FAILURE() << "the job could not be read: " << got.error().key;
      return job;
    }
    job = *got;
    if (domain::is_final(job.status)) break;
  }
  return job;
}

}  // namespace rapport::testing
