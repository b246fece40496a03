// app/supervision/period_supervision.h: the supervisor's view over a period
// (issue 18, section 2): the counts by day, per plan, per CSR and per
// customer category, the outcome rates, the attempts needed to reach a
// customer and the campaigns' conversion — for the page, its CSV tables
// and the JSON API alike. The period's default (the week ending today, in
// the installation's zone) and its limit are decided here
// (domain/supervision/period_counts.h).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/supervision/period_counts.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

// The dates as typed ("YYYY-MM-DD"); empty: the default.
struct PeriodInput {
  std::string from;
  std::string to;
};

// One row of a table: a day, a plan, a CSR or a category.
struct PeriodRow {
  CivilDate day{};      // the days' table
  std::int64_t id = 0;  // a plan's or a user's id
  std::string code;     // a plan's code; a category
  std::string name;     // a plan's English name; a user's name
  std::string name_fr;  // a plan's French name
  domain::PeriodCounts counts;
};

struct PeriodFigures {
  domain::Period period;
  std::string zone;  // the installation's: the days are its days
  CivilDate today{};
  std::vector<PeriodRow> days;        // every day of the period, in order
  std::vector<PeriodRow> plans;       // plans with entries or calls, by code
  std::vector<PeriodRow> csrs;        // users who called or were given orders, by name
  std::vector<PeriodRow> categories;  // customer categories, in order
  domain::PeriodCounts total;
};

// The tables of the report, as the CSV export names them.
enum class PeriodTable { days, plans, csrs, categories };
// "days", "plans", "csrs", "categories"; none otherwise.
std::optional<PeriodTable> period_table_from(std::string_view name);

class PeriodSupervision {
 public:
  PeriodSupervision(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Managers and admins (supervise_calls). Errors: forbidden;
  // invalid_input "field.date_invalid" (field from/to),
  // "supervision.period_reversed", "supervision.period_too_long" {max}.
  Result<PeriodFigures> report(const domain::User& actor, const PeriodInput& input);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
