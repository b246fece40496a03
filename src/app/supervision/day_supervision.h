// app/supervision/day_supervision.h: the supervisor's view of the day,
// live (issue 18, section 1): the figures per contact plan, in total and per
// CSR, for the page, the JSON API and the /metrics gauges alike.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/supervision/day_counts.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/supervision/day_figures_repository.h"

namespace rapport::app {

struct TodayFigures {
  CivilDate day{};                           // the business day (the installation's zone)
  std::string zone;                          // that zone
  Instant at{};                              // the figures are as at this instant
  int release_minutes = 0;                   // call-backs go to the team this long after their time
  std::vector<store::PlanDayFigures> plans;  // by plan code
  domain::DayCounts total;                   // every plan
  std::vector<domain::CsrCounts> csrs;       // the users who called today, by name
};

class DaySupervision {
 public:
  DaySupervision(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Managers and admins (supervise_calls). Errors: forbidden.
  Result<TodayFigures> today(const domain::User& actor);
  // The plans' figures alone, for /metrics (who may read it is decided
  // there): one read of the settings and one query.
  Result<TodayFigures> plan_gauges();

 private:
  Result<TodayFigures> read(bool with_csrs);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
