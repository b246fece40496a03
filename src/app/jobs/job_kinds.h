// app/jobs/job_kinds.h: every kind of job the server runs, in one place.
#pragma once

#include "app/jobs/job_runner.h"

namespace rapport::app {

// Registers the job kinds (customer_import, …) with their roles and bodies.
void define_jobs(JobRunner& runner, store::Database& db, const Clock& clock);

}  // namespace rapport::app
