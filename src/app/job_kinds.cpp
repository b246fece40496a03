#include "app/job_kinds.h"

namespace rapport::app {

void define_jobs(JobRunner& runner, store::Database& db, const Clock& clock) {
  (void)runner;
  (void)db;
  (void)clock;
}

}  // namespace rapport::app
