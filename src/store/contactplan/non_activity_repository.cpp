#include "store/contactplan/non_activity_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::NonActivityPeriod;

NonActivityPeriod period_from(const soci::row& r) {
  NonActivityPeriod p;
  p.id = Id<NonActivityPeriod>{int64_at(r, 0)};
  p.customer = int64_at(r, 1);
  p.from = parse_date(text_at(r, 2)).value_or(CivilDate{});
  p.to = parse_date(text_at(r, 3)).value_or(p.from);
  p.reason = text_at(r, 4);
  return p;
}

std::string period_text(const NonActivityPeriod& p) {
  return format_date(p.from) + " – " + format_date(p.to) + " " + p.reason;
}

}  // namespace

Id<NonActivityPeriod> NonActivityRepository::insert(Tx& tx, const NonActivityPeriod& p,
                                                    const Actor& actor, Instant now) {
  std::string from = format_date(p.from), to = format_date(p.to), when = format_instant(now);
  long long customer = p.customer, by = actor.user ? actor.user->value : 0, id = 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO non_activity_periods (customer_id, date_from, date_to, reason, "
              "created_at, created_by) VALUES (:c, :f, :t, :r, :at, :by) RETURNING id",
      soci::use(customer), soci::use(from), soci::use(to), soci::use(p.reason), soci::use(when),
      soci::use(by, by_ind), soci::into(id);
  AuditRepository::record(tx, actor, now, "customer", customer,
                          {{"non_activity", std::nullopt, period_text(p)}});
  return Id<NonActivityPeriod>{id};
}

Status NonActivityRepository::remove(Tx& tx, std::int64_t customer, Id<NonActivityPeriod> id,
                                     const Actor& actor, Instant now) {
  for (const auto& p : of_customer(tx, customer)) {
    if (p.id != id) continue;
    long long pid = id.value;
    tx.sql() << "DELETE FROM non_activity_periods WHERE id = :id", soci::use(pid);
    AuditRepository::record(tx, actor, now, "customer", customer,
                            {{"non_activity", period_text(p), std::nullopt}});
    return Ok{};
  }
  return Error::not_found("non_activity.not_found");
}

std::vector<NonActivityPeriod> NonActivityRepository::of_customer(Tx& tx, std::int64_t customer) {
  std::vector<NonActivityPeriod> out;
  long long cid = customer;
  soci::row r;
  auto st = tx.cached(
      "SELECT id, customer_id, date_from, date_to, reason FROM "
      "non_activity_periods WHERE customer_id = :c ORDER BY date_from, id");
  for (bool more = st.run(soci::use(cid), soci::into(r)); more; more = st.next())
    out.push_back(period_from(r));
  return out;
}

std::map<std::int64_t, std::vector<NonActivityPeriod>> NonActivityRepository::of_customers(
    Tx& tx, const std::vector<std::int64_t>& customers, CivilDate from, CivilDate to) {
  std::map<std::int64_t, std::vector<NonActivityPeriod>> out;
  if (customers.empty()) return out;
  std::string in;
  for (auto c : customers) in += (in.empty() ? "" : ",") + std::to_string(c);
  std::string f = format_date(from), t = format_date(to);
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id, customer_id, date_from, date_to, reason FROM "
                           "non_activity_periods WHERE customer_id IN (" +
                               in + ") AND date_to >= :f AND date_from <= :t ORDER BY date_from",
       soci::use(f), soci::use(t));
  for (const auto& r : rs) {
    auto p = period_from(r);
    out[p.customer].push_back(std::move(p));
  }
  return out;
}

}  // namespace rapport::store
