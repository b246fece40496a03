#include "store/supervision/day_figures_repository.h"

#include <map>

#include <soci/soci.h>

#include "store/row_values.h"
#include "store/statement_cache.h"

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

}  // namespace

// The quarter-hour of a bound of the day ("2027-03-17T14:00"): the day's
// bounds fall on quarter-hours in every zone, as the counters' slots do.
std::string slot_of(Instant t) { return "'" + format_instant(t).substr(0, 16) + "'"; }

std::vector<PlanDayFigures> DayFiguresRepository::plans(Tx& tx, const DayQuery& day) {
  // The counts that do not depend on the time of day, from the counters
  // (migration 0026): a few rows per plan, status and quarter-hour.
  std::vector<PlanDayFigures> out;
  std::map<std::int64_t, std::size_t> index;
  {
    soci::rowset<soci::row> rs =
        tx.sql().prepare
        << "SELECT k.plan_id, p.code, p.name_en, p.name_fr, k.status, SUM(k.entries), "
           "SUM(k.attempts), SUM(k.retried), SUM(k.with_order) FROM supervision_due_counts k JOIN "
           "contact_plans p ON p.id = k.plan_id WHERE k.slot >= " +
               slot_of(day.start) + " AND k.slot < " + slot_of(day.end) +
               " GROUP BY k.plan_id, p.code, p.name_en, p.name_fr, k.status ORDER BY p.code, "
               "k.plan_id ASC";
    for (const auto& r : rs) {
      const std::int64_t plan = int64_at(r, 0);
      auto at = index.find(plan);
      if (at == index.end()) {
        at = index.emplace(plan, out.size()).first;
        PlanDayFigures f;
        f.plan = plan;
        f.code = text_at(r, 1);
        f.name_en = text_at(r, 2);
        f.name_fr = text_at(r, 3);
        out.push_back(std::move(f));
      }
      if (auto status = domain::contact_status_from(int_at(r, 4)))
        domain::add_entries(out[at->second].counts, *status,
                            {int64_at(r, 5), int64_at(r, 6), int64_at(r, 7), int64_at(r, 8)});
    }
  }
  // A plan whose entries all moved to another day.
  std::erase_if(out, [](const PlanDayFigures& f) { return f.counts.due == 0; });
  index.clear();
  for (std::size_t i = 0; i < out.size(); ++i) index[out[i].plan] = i;

  // The figures as at now: the open entries due between the day's start
  // and now alone, from the index that starts with their status.
  const std::string now = quoted_instant(day.now);
  const std::string call_back = std::to_string(domain::to_number(ContactStatus::call_back));
  const auto released = domain::released_before(day.now, day.release_minutes);
  const std::string sql =
      "SELECT e.plan_id, COUNT(*), " + count_when("e.window_ends_at <= " + now) + ", " +
      count_when("e.status = " + call_back) + ", " +
      (released ? count_when("e.status = " + call_back +
                             " AND e.responsible_user IS NOT NULL AND e.next_contact_at <= " +
                             quoted_instant(*released))
                : std::string("0")) +
      " FROM plan_entries e WHERE e.status IN (" + codes(domain::is_open) +
      ") AND e.next_contact_at >= " + quoted_instant(day.start) + " AND e.next_contact_at < " +
      quoted_instant(day.end) + " AND e.next_contact_at <= " + now + " GROUP BY e.plan_id";
  soci::rowset<soci::row> rs = tx.sql().prepare << sql;
  for (const auto& r : rs) {
    auto at = index.find(int64_at(r, 0));
    if (at == index.end()) continue;
    domain::DayCounts& c = out[at->second].counts;
    c.overdue = int64_at(r, 1);
    c.overdue_window_closed = int64_at(r, 2);
    c.callbacks_overdue = int64_at(r, 3);
    c.callbacks_released = int64_at(r, 4);
  }
  return out;
}

std::vector<domain::CsrCounts> DayFiguresRepository::csrs(Tx& tx, const DayQuery& day) {
  // Their calls by status, from the counters (migration 0026).
  const std::string reopening = std::to_string(domain::to_number(ContactStatus::planned));
  std::vector<domain::CsrCounts> out;
  std::map<std::int64_t, std::size_t> index;
  soci::rowset<soci::row> rs =
      tx.sql().prepare << "SELECT k.user_id, COALESCE(u.display_name, ''), k.status, "
                          "SUM(k.calls), SUM(k.with_order) FROM supervision_call_counts k LEFT "
                          "JOIN users u ON u.id = k.user_id WHERE k.slot >= " +
                              slot_of(day.start) + " AND k.slot < " + slot_of(day.end) +
                              " AND k.user_id <> 0 AND k.status <> " + reopening +
                              " GROUP BY k.user_id, u.display_name, k.status ORDER BY "
                              "COALESCE(u.display_name, ''), k.user_id";
  for (const auto& r : rs) {
    const std::int64_t user = int64_at(r, 0);
    auto at = index.find(user);
    if (at == index.end()) {
      at = index.emplace(user, out.size()).first;
      domain::CsrCounts c;
      c.user = user;
      c.name = text_at(r, 1);
      out.push_back(std::move(c));
    }
    domain::CsrCounts& c = out[at->second];
    const long long calls = int64_at(r, 3);
    if (auto status = domain::contact_status_from(int_at(r, 2))) {
      c.calls += calls;
      domain::count_of(c.outcomes, *status) += calls;
    }
    c.orders += int64_at(r, 4);
  }
  std::erase_if(out, [](const domain::CsrCounts& c) { return c.calls == 0; });
  // The time of each one's last call: the latest of their statuses of the
  // day, from the index on (user, time).
  static const std::string last =
      "SELECT at FROM plan_entry_events WHERE user_id = :u AND at >= :s AND at < :e AND status "
      "<> " +
      reopening + " ORDER BY at DESC LIMIT 1";
  const std::string start = format_instant(day.start), end = format_instant(day.end);
  for (auto& c : out) {
    long long user = c.user;
    std::string at;
    soci::indicator ind = soci::i_null;
    if (tx.cached(last).run(soci::use(user), soci::use(start), soci::use(end),
                            soci::into(at, ind)) &&
        ind == soci::i_ok)
      c.last_call_at = parse_instant(at);
  }
  return out;
}

}  // namespace rapport::store
