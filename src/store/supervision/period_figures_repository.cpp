#include "store/supervision/period_figures_repository.h"

#include <map>

#include <soci/soci.h>

#include "domain/contactplan/contact_status.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

std::string period_literal(const std::string& text) { return "'" + text + "'"; }

// The days as a table (d: index, s and e: bounds), for a range join that
// puts each row on its business day, daylight-saving changes included.
std::string days_table(const std::vector<PeriodDay>& days) {
  std::string sql = "(";
  for (std::size_t i = 0; i < days.size(); ++i) {
    sql += i == 0 ? "SELECT " : " UNION ALL SELECT ";
    sql += std::to_string(i) + (i == 0 ? " AS d, " : ", ") +
           period_literal(format_instant(days[i].start)) + (i == 0 ? " AS s, " : ", ") +
           period_literal(format_instant(days[i].end)) + (i == 0 ? " AS e" : "");
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
      "SELECT pd.d, e.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status, COUNT(*), "
      "SUM(ev.attempt) FROM plan_entry_events ev JOIN " +
      days_table(days) +
      " ON ev.at >= pd.s AND ev.at < pd.e JOIN plan_entries e ON e.id = ev.entry_id JOIN "
      "customers c ON c.id = e.customer_id WHERE " +
      in_period("ev", "at", days) + " AND ev.status <> " + reopening +
      " GROUP BY pd.d, e.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status";
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
      "SELECT e.contact_date, e.plan_id, c.category, e.status, COUNT(*) FROM plan_entries e JOIN "
      "customers c ON c.id = e.customer_id WHERE e.contact_date >= " +
      period_literal(format_date(days.front().day)) +
      " AND e.contact_date <= " + period_literal(format_date(days.back().day)) +
      " GROUP BY e.contact_date, e.plan_id, c.category, e.status";
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
