// store/supervision/day_figures_repository.h: the supervisor's figures of
// the day (issue 18), read from the counters that triggers keep (migration
// 0026) and counted with the rules of domain/supervision/day_counts.h; the
// figures as at now (overdue, released) from the open entries due before
// now alone. A handful of statements whatever the number of entries.
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
  // name: outcomes, their final statuses set on an entry that has an order,
  // the time of their last call (one statement, and one per user).
  static std::vector<domain::CsrCounts> csrs(Tx& tx, const DayQuery& day);
};

}  // namespace rapport::store
