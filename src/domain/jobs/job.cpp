#include "domain/jobs/job.h"

#include <algorithm>
#include <array>
#include <utility>

namespace rapport::domain {
namespace {

constexpr std::array<std::pair<JobStatus, std::string_view>, 5> kStatuses{{
    {JobStatus::queued, "queued"},
    {JobStatus::running, "running"},
    {JobStatus::done, "done"},
    {JobStatus::failed, "failed"},
    {JobStatus::cancelled, "cancelled"},
}};

}  // namespace

std::string_view to_code(JobStatus s) {
  for (const auto& [status, code] : kStatuses)
    if (status == s) return code;
  return "queued";
}

std::optional<JobStatus> job_status_from(std::string_view code) {
  for (const auto& [status, c] : kStatuses)
    if (c == code) return status;
  return std::nullopt;
}

std::optional<int> percent_done(const Job& job) {
  if (job.status == JobStatus::done) return 100;
  if (job.total <= 0) return std::nullopt;
  return static_cast<int>(std::min<std::int64_t>(100, job.done * 100 / job.total));
}

std::optional<std::int64_t> seconds_left(const Job& job, Instant now) {
  if (job.status != JobStatus::running || !job.started_at || job.done <= 0 || job.total <= job.done)
    return std::nullopt;
  const auto elapsed = (now - *job.started_at).count();
  if (elapsed < 1) return std::nullopt;
  return elapsed * (job.total - job.done) / job.done;
}

}  // namespace rapport::domain
