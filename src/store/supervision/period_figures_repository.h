// store/supervision/period_figures_repository.h: the supervisor's figures
// over a period (issue 18, section 2), read from the counters that triggers
// keep (migration 0026) and grouped at the finest grain the report's tables
// need (day × plan × CSR × category × status); app/ sums the groups into
// its tables with domain/'s rules. One statement per source, whatever the
// number of days, plans and CSRs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"
#include "store/database.h"

namespace rapport::store {

// A business day of the period and its bounds in UTC.
struct PeriodDay {
  CivilDate day{};
  Instant start{};
  Instant end{};
};

// Calls (statuses set, reopenings left out) of one day, plan, user,
// customer category and status.
struct CallGroup {
  std::size_t day = 0;  // index in the days asked for
  std::int64_t plan = 0;
  std::int64_t user = 0;  // 0: set by the system
  std::string category;
  int status = 0;
  long long calls = 0;
  long long attempts = 0;  // their attempts, summed
};

// Entries planned (contact date) on one day, of one plan and category, by
// their status now.
struct EntryGroup {
  std::size_t day = 0;
  std::int64_t plan = 0;
  std::string category;
  int status = 0;
  long long entries = 0;
};

// Service orders started on one day, by the user they are assigned to
// (0: none), and how many of them are complete.
struct OrderGroup {
  std::size_t day = 0;
  std::int64_t user = 0;
  long long started = 0;
  long long completed = 0;
};

struct PlanName {
  std::int64_t id = 0;
  std::string code;
  std::string name_en;
  std::string name_fr;
};

struct UserName {
  std::int64_t id = 0;
  std::string name;
};

class PeriodFiguresRepository {
 public:
  // `days`: consecutive, in order.
  static std::vector<CallGroup> calls(Tx& tx, const std::vector<PeriodDay>& days);
  static std::vector<EntryGroup> entries(Tx& tx, const std::vector<PeriodDay>& days);
  static std::vector<OrderGroup> orders(Tx& tx, const std::vector<PeriodDay>& days);
  static std::vector<PlanName> plan_names(Tx& tx, const std::vector<std::int64_t>& ids);
  static std::vector<UserName> user_names(Tx& tx, const std::vector<std::int64_t>& ids);
};

}  // namespace rapport::store
