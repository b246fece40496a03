#include "store/supervision/day_figures_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::ContactStatus;

std::string quoted_instant(Instant t) { return "'" + format_instant(t) + "'"; }

// The codes of the statuses `keep` selects, as domain/ lists them: "90, 92, 93".
template <typename Keep>
std::string codes(Keep keep) {
  std::string out;
  std::size_t n = 0;
  const ContactStatus* all = domain::all_contact_statuses(n);
  for (std::size_t i = 0; i < n; ++i)
    if (keep(all[i])) out += (out.empty() ? "" : ", ") + std::to_string(domain::to_number(all[i]));
  return out;
}

std::string count_when(const std::string& condition) {
  return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
}

// domain::calls_made and domain::worked in SQL.
std::string calls_expression() {
  const std::string finals = codes([](ContactStatus s) { return domain::is_final(s); });
  return "SUM(CASE WHEN e.status IN (" + finals +
         ") THEN e.attempt WHEN e.attempt > 1 THEN e.attempt - 1 ELSE 0 END)";
}
std::string worked_expression() {
  const std::string finals = codes([](ContactStatus s) { return domain::is_final(s); });
  return count_when("(e.status IN (" + finals + ") OR e.attempt > 1)");
}

// The statuses in code order; their count columns follow the fixed ones.
std::vector<ContactStatus> statuses() {
  std::size_t n = 0;
  const ContactStatus* all = domain::all_contact_statuses(n);
  return {all, all + n};
}

}  // namespace

std::vector<PlanDayFigures> DayFiguresRepository::plans(Tx& tx, const DayQuery& day) {
  const std::string now = quoted_instant(day.now);
  const std::string open = "e.status IN (" + codes(domain::is_open) + ")";
  const std::string call_back = std::to_string(domain::to_number(ContactStatus::call_back));
  const auto released = domain::released_before(day.now, day.release_minutes);
  std::string sql =
      "SELECT e.plan_id, p.code, p.name_en, p.name_fr, COUNT(*), " +
      count_when(open + " AND e.next_contact_at <= " + now) + ", " +
      count_when(open + " AND e.next_contact_at <= " + now + " AND e.window_ends_at <= " + now) +
      ", " + count_when("e.status = " + call_back + " AND e.next_contact_at <= " + now) + ", " +
      (released ? count_when("e.status = " + call_back +
                             " AND e.responsible_user IS NOT NULL AND e.next_contact_at <= " +
                             quoted_instant(*released))
                : std::string("0")) +
      ", " + calls_expression() + ", " + worked_expression() + ", " +
      count_when("e.sales_order_id IS NOT NULL");
  for (ContactStatus s : statuses())
    sql += ", " + count_when("e.status = " + std::to_string(domain::to_number(s)));
  sql +=
      " FROM plan_entries e JOIN contact_plans p ON p.id = e.plan_id WHERE e.next_contact_at >= " +
      quoted_instant(day.start) + " AND e.next_contact_at < " + quoted_instant(day.end) +
      " GROUP BY e.plan_id, p.code, p.name_en, p.name_fr ORDER BY p.code";
  std::vector<PlanDayFigures> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << sql;
  for (const auto& r : rs) {
    PlanDayFigures f;
    f.plan = int64_at(r, 0);
    f.code = text_at(r, 1);
    f.name_en = text_at(r, 2);
    f.name_fr = text_at(r, 3);
    domain::DayCounts& c = f.counts;
    c.due = int64_at(r, 4);
    c.overdue = int64_at(r, 5);
    c.overdue_window_closed = int64_at(r, 6);
    c.callbacks_overdue = int64_at(r, 7);
    c.callbacks_released = int64_at(r, 8);
    c.calls = int64_at(r, 9);
    c.worked = int64_at(r, 10);
    c.ok = int64_at(r, 11);
    std::size_t col = 12;
    for (ContactStatus s : statuses()) domain::count_of(c.by_status, s) = int64_at(r, col++);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<domain::CsrCounts> DayFiguresRepository::csrs(Tx& tx, const DayQuery& day) {
  const std::string calls =
      "ev.status IN (" + codes([](ContactStatus s) { return s != ContactStatus::planned; }) + ")";
  std::string sql =
      "SELECT ev.user_id, COALESCE(u.display_name, ''), MAX(ev.at), " + count_when(calls) +
      ", COUNT(DISTINCT CASE WHEN e.sales_order_id IS NOT NULL AND " + calls + " THEN e.id END)";
  const auto all = statuses();
  for (ContactStatus s : all)
    sql += ", " + count_when("ev.status = " + std::to_string(domain::to_number(s)));
  sql +=
      " FROM plan_entry_events ev JOIN plan_entries e ON e.id = ev.entry_id LEFT JOIN users u ON "
      "u.id = ev.user_id WHERE ev.at >= " +
      quoted_instant(day.start) + " AND ev.at < " + quoted_instant(day.end) + " AND " + calls +
      " AND ev.user_id IS NOT NULL GROUP BY ev.user_id, u.display_name ORDER BY "
      "COALESCE(u.display_name, ''), ev.user_id";
  std::vector<domain::CsrCounts> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << sql;
  for (const auto& r : rs) {
    domain::CsrCounts c;
    c.user = int64_at(r, 0);
    c.name = text_at(r, 1);
    if (auto at = optional_text_at(r, 2)) c.last_call_at = parse_instant(*at);
    c.calls = int64_at(r, 3);
    c.orders = int64_at(r, 4);
    std::size_t col = 5;
    for (ContactStatus s : all) domain::count_of(c.outcomes, s) = int64_at(r, col++);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace rapport::store
