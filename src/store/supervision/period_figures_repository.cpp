#include "store/supervision/period_figures_repository.h"

#include <map>

#include <soci/soci.h>

#include "domain/contactplan/contact_status.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

std::string period_literal(const std::string& text) { return "'" + text + "'"; }

// A bound as an instant, or as the counters' quarter-hour slot
// ("2027-03-17T14:00"; a business day starts on a quarter-hour in every zone).
std::string bound(Instant t, bool slot) {
  const std::string text = format_instant(t);
  return period_literal(slot ? text.substr(0, 16) : text);
}

// The days as a table (d: index, s and e: bounds), for a range join that
// puts each row on its business day, daylight-saving changes included.
std::string days_table(const std::vector<PeriodDay>& days, bool slots = false) {
  std::string sql = "(";
  for (std::size_t i = 0; i < days.size(); ++i) {
    sql += i == 0 ? "SELECT " : " UNION ALL SELECT ";
    sql += std::to_string(i) + (i == 0 ? " AS d, " : ", ") + bound(days[i].start, slots) +
           (i == 0 ? " AS s, " : ", ") + bound(days[i].end, slots) + (i == 0 ? " AS e" : "");
  }
  return sql + ") pd";
}

// Rows whose `column` falls in the period (lets the index on it bound the scan).
std::string in_period(const std::string& table, const std::string& name,
                      const std::vector<PeriodDay>& days) {
  const std::string column = table + "." + name;
  return column + " >= " + period_literal(format_instant(days.front().start)) + " AND " + column +
         " < " + period_literal(format_instant(days.back().end));
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

}  // namespace

std::vector<CallGroup> PeriodFiguresRepository::calls(Tx& tx, const std::vector<PeriodDay>& days) {
  std::vector<CallGroup> out;
  if (days.empty()) return out;
  const std::string reopening = std::to_string(domain::to_number(domain::ContactStatus::planned));
  const std::string sql =
      "SELECT pd.d, k.plan_id, k.user_id, k.category, k.status, SUM(k.calls), SUM(k.attempts) "
      "FROM supervision_call_counts k JOIN " +
      days_table(days, true) +
      " ON k.slot >= pd.s AND k.slot < pd.e WHERE k.slot >= " + bound(days.front().start, true) +
      " AND k.slot < " + bound(days.back().end, true) + " AND k.status <> " + reopening +
      " GROUP BY pd.d, k.plan_id, k.user_id, k.category, k.status";
  soci::rowset<soci::row> rs = tx.sql().prepare << sql;
  for (const auto& r : rs)
    out.push_back({static_cast<std::size_t>(int64_at(r, 0)), int64_at(r, 1), int64_at(r, 2),
                   text_at(r, 3), int_at(r, 4), int64_at(r, 5), int64_at(r, 6)});
  return out;
}

std::vector<EntryGroup> PeriodFiguresRepository::entries(Tx& tx,
                                                         const std::vector<PeriodDay>& days) {
  std::vector<EntryGroup> out;
  if (days.empty()) return out;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < days.size(); ++i) index[format_date(days[i].day)] = i;
  const std::string sql =
      "SELECT k.contact_date, k.plan_id, k.category, k.status, SUM(k.entries) FROM "
      "supervision_date_counts k WHERE k.contact_date >= " +
      period_literal(format_date(days.front().day)) +
      " AND k.contact_date <= " + period_literal(format_date(days.back().day)) +
      " GROUP BY k.contact_date, k.plan_id, k.category, k.status";
  soci::rowset<soci::row> rs = tx.sql().prepare << sql;
  for (const auto& r : rs) {
    auto at = index.find(text_at(r, 0));
    if (at == index.end()) continue;
    out.push_back({at->second, int64_at(r, 1), text_at(r, 2), int_at(r, 3), int64_at(r, 4)});
  }
  return out;
}

std::vector<OrderGroup> PeriodFiguresRepository::orders(Tx& tx,
                                                        const std::vector<PeriodDay>& days) {
  std::vector<OrderGroup> out;
  if (days.empty()) return out;
  const std::string sql =
      "SELECT pd.d, COALESCE(so.assigned_user, 0), COUNT(*), SUM(CASE WHEN so.status = "
      "'complete' THEN 1 ELSE 0 END) FROM service_orders so JOIN " +
      days_table(days) + " ON so.created_at >= pd.s AND so.created_at < pd.e WHERE " +
      in_period("so", "created_at", days) + " GROUP BY pd.d, COALESCE(so.assigned_user, 0)";
  soci::rowset<soci::row> rs = tx.sql().prepare << sql;
  for (const auto& r : rs)
    out.push_back(
        {static_cast<std::size_t>(int64_at(r, 0)), int64_at(r, 1), int64_at(r, 2), int64_at(r, 3)});
  return out;
}

std::vector<PlanName> PeriodFiguresRepository::plan_names(Tx& tx,
                                                          const std::vector<std::int64_t>& ids) {
  std::vector<PlanName> out;
  if (ids.empty()) return out;
  soci::rowset<soci::row> rs =
      tx.sql().prepare << "SELECT id, code, name_en, name_fr FROM contact_plans WHERE id IN (" +
                              id_list(ids) + ") ORDER BY code";
  for (const auto& r : rs)
    out.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3)});
  return out;
}

std::vector<UserName> PeriodFiguresRepository::user_names(Tx& tx,
                                                          const std::vector<std::int64_t>& ids) {
  std::vector<UserName> out;
  if (ids.empty()) return out;
  soci::rowset<soci::row> rs =
      tx.sql().prepare << "SELECT id, display_name FROM users WHERE id IN (" + id_list(ids) +
                              ") ORDER BY display_name, id";
  for (const auto& r : rs) out.push_back({int64_at(r, 0), text_at(r, 1)});
  return out;
}

}  // namespace rapport::store
