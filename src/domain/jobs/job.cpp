#include "domain/jobs/job.h"

#include <algorithm>
#include <array>
#include <utility>

namespace rapport::domain {

std::string_view to_code(JobStatus s) { return enum_code(s); }

std::optional<JobStatus> job_status_from(std::string_view code) {
  return enum_from_code<JobStatus>(code);
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
