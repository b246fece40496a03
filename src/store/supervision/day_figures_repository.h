// store/supervision/day_figures_repository.h: the supervisor's figures of
// the day (issue 18), counted by the database with the rules of
// domain/supervision/day_counts.h — one statement per table, grouped,
// whatever the number of plans and CSRs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/day_counts.h"
#include "store/database.h"

namespace rapport::store {

// The day to count: entries due in [start, end), figures as at `now`.
struct DayQuery {
  Instant start{};
  Instant end{};
  Instant now{};
  int release_minutes = 0;  // the installation's call-back release time
};

struct PlanDayFigures {
  std::int64_t plan = 0;
  std::string code;
  std::string name_en;
  std::string name_fr;
  domain::DayCounts counts;
};

class DayFiguresRepository {
 public:
  // The plans with entries due on the day, by code (one statement).
  static std::vector<PlanDayFigures> plans(Tx& tx, const DayQuery& day);
  // The users who set a status on an entry during the day (calls), by
  // name: outcomes, entries with an order among those they called, the
  // time of their last call (one statement).
  static std::vector<domain::CsrCounts> csrs(Tx& tx, const DayQuery& day);
};

}  // namespace rapport::store
