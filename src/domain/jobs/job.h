// domain/jobs/job.h: a long piece of work and how far it has got.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/time.h"

namespace rapport::domain {

enum class JobStatus { queued, running, done, failed, cancelled };
BOOST_DESCRIBE_ENUM(JobStatus, queued, running, done, failed, cancelled)

std::string_view to_code(JobStatus s);
std::optional<JobStatus> job_status_from(std::string_view code);
inline bool is_final(JobStatus s) {
  return s == JobStatus::done || s == JobStatus::failed || s == JobStatus::cancelled;
}

// One share of a job that one worker holds at a time (issue 17): a range of
// the work (`params`, the kind's own JSON), how far it got (`cursor`, moved
// with each committed chunk) and the server holding it (`claimed_by`) until
// `lease_until` (milliseconds since the epoch), renewed by its heartbeat.
struct JobPartition {
  int number = 0;
  JobStatus status = JobStatus::queued;
  std::string params;
  std::string cursor;
  std::string claimed_by;  // the server's id; empty while queued
  int attempt = 0;         // claims so far: more than one means taken over
  std::int64_t lease_until = 0;
  std::int64_t done = 0;
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> counts;
  std::string message_key;
  MessageArgs message_args;
  std::string result;
  std::optional<Instant> started_at;
  std::optional<Instant> finished_at;
};

struct Job {
  Id<Job> id;
  std::string kind;  // "customer_import"
  JobStatus status = JobStatus::queued;
  std::string params;  // JSON text of the job's parameters
  std::int64_t done = 0;
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> counts;  // named counters ("imported", "skipped")
  std::string message_key;                     // what happened, as a catalog key
  MessageArgs message_args;
  std::string result;  // JSON details of the outcome (e.g. an import's bad rows)
  bool cancel_requested = false;
  std::int64_t created_by = 0;
  Instant created_at{};
  std::optional<Instant> started_at;
  std::optional<Instant> finished_at;
  std::vector<JobPartition> partitions;  // by number; filled by JobRunner::get
};

// The share done, 0–100, or nullopt while the total is unknown.
std::optional<int> percent_done(const Job& job);
// Seconds left at the pace so far, or nullopt when it cannot be told yet.
std::optional<std::int64_t> seconds_left(const Job& job, Instant now);

}  // namespace rapport::domain
