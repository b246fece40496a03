#include "store/customers/premise_repository.h"

#include <unordered_map>

#include <soci/soci.h>

#include "domain/customers/search_query.h"
#include "domain/customers/search_text.h"
#include "store/customers/customer_rows.h"
#include "store/dialect.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

constexpr const char* kColumns =
    "id, line1, line2, postal_code, city, region, country, premise_type, time_zone, version, "
    "number";

domain::Premise from_row(const soci::row& r) {
  domain::Premise p;
  p.id = Id<domain::Premise>{int64_at(r, 0)};
  p.address = {text_at(r, 1), text_at(r, 2), text_at(r, 3),
               text_at(r, 4), text_at(r, 5), text_at(r, 6)};
  p.premise_type = text_at(r, 7);
  p.time_zone = text_at(r, 8);
  p.version = int64_at(r, 9);
  p.number = text_at(r, 10);
  return p;
}

// The premises of `rs` with their service points: one statement (kept
// prepared) for the points of all of them.
// The premises' service points, one statement for all of them.
std::vector<PremiseWithPoints> with_points(Tx& tx, std::vector<PremiseWithPoints> out) {
  if (out.empty()) return out;
  std::unordered_map<std::int64_t, PremiseWithPoints*> by_id;
  std::vector<std::int64_t> ids;
  for (auto& p : out)
    if (by_id.emplace(p.premise.id.value, &p).second) ids.push_back(p.premise.id.value);
  soci::row r;
  auto st = tx.cached(
      "SELECT id, sp_type, installation_status, version, number, premise_id FROM service_points "
      "WHERE premise_id " +
      in_bound_ids(tx.dialect(), ":ids") + " ORDER BY premise_id, id");
  for (bool more = st.run(soci::use(bound_ids(tx.dialect(), ids), "ids"), soci::into(r)); more;
       more = st.next()) {
    const Id<domain::Premise> premise{int64_at(r, 5)};
    by_id[premise.value]->points.push_back({Id<domain::ServicePoint>{int64_at(r, 0)}, premise,
                                            text_at(r, 1), text_at(r, 2), int64_at(r, 3),
                                            text_at(r, 4)});
  }
  return out;
}

std::vector<PremiseWithPoints> load(Tx& tx, soci::rowset<soci::row>& rs) {
  std::vector<PremiseWithPoints> out;
  for (const auto& r : rs) out.push_back({from_row(r), {}});
  return with_points(tx, std::move(out));
}

}  // namespace

Id<domain::Premise> PremiseRepository::insert(Tx& tx, const domain::Premise& p, const Actor& actor,
                                              Instant now) {
  const auto& a = p.address;
  std::string when = format_instant(now), postal = domain::postal_key(a.postal_code);
  std::string address_key = premise_address_key(a);
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  long long by = actor.user ? actor.user->value : 0, id = 0;
  tx.sql()
      << "INSERT INTO premises (line1, line2, postal_code, city, region, country, postal_key, "
         "address_key, premise_type, time_zone, version, created_at, updated_at, updated_by) "
         "VALUES (:l1, :l2, :pc, :c, :r, :co, :pk, :ak, :t, :tz, 1, :ca, :ua, :by) RETURNING id",
      soci::use(a.line1), soci::use(a.line2), soci::use(a.postal_code), soci::use(a.city),
      soci::use(a.region), soci::use(a.country), soci::use(postal), soci::use(address_key),
      soci::use(p.premise_type), soci::use(p.time_zone), soci::use(when), soci::use(when),
      soci::use(by, by_ind), soci::into(id);
  std::string number = premise_number_for(id);
  tx.sql() << "UPDATE premises SET number = :n WHERE id = :id", soci::use(number), soci::use(id);
  AuditRepository::record(
      tx, actor, now, "premise", id,
      {{"number", std::nullopt, number},
       {"address", std::nullopt, a.line1 + ", " + a.postal_code + " " + a.city}});
  return Id<domain::Premise>{id};
}

Id<domain::ServicePoint> PremiseRepository::insert_point(Tx& tx, const domain::ServicePoint& sp,
                                                         const Actor& actor, Instant now) {
  std::string when = format_instant(now);
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  long long by = actor.user ? actor.user->value : 0, premise = sp.premise.value, id = 0;
  tx.sql()
      << "INSERT INTO service_points (premise_id, sp_type, installation_status, version, "
         "created_at, updated_at, updated_by) VALUES (:p, :t, :s, 1, :ca, :ua, :by) RETURNING id",
      soci::use(premise), soci::use(sp.type), soci::use(sp.installation_status), soci::use(when),
      soci::use(when), soci::use(by, by_ind), soci::into(id);
  std::string number = service_point_number_for(id);
  tx.sql() << "UPDATE service_points SET number = :n WHERE id = :id", soci::use(number),
      soci::use(id);
  AuditRepository::record(tx, actor, now, "service_point", id,
                          {{"number", std::nullopt, number}, {"sp_type", std::nullopt, sp.type}});
  return Id<domain::ServicePoint>{id};
}

void PremiseRepository::link(Tx& tx, Id<domain::Customer> customer, Id<domain::Premise> premise) {
  long long c = customer.value, p = premise.value;
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM customer_premises WHERE customer_id = :c AND premise_id = :p",
      soci::use(c), soci::use(p), soci::into(n);
  if (n == 0)
    tx.sql() << "INSERT INTO customer_premises (customer_id, premise_id) VALUES (:c, :p)",
        soci::use(c), soci::use(p);
}

Result<PremiseWithPoints> PremiseRepository::find(Tx& tx, Id<domain::Premise> id) {
  long long pid = id.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT " << kColumns << " FROM premises WHERE id = :id",
       soci::use(pid));
  auto found = load(tx, rs);
  if (found.empty()) return Error::not_found("premise.not_found");
  return std::move(found.front());
}

Result<PremiseWithPoints> PremiseRepository::find_by_number(Tx& tx, const std::string& number) {
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT " << kColumns << " FROM premises WHERE number = :n",
       soci::use(number));
  auto found = load(tx, rs);
  if (found.empty()) return Error::not_found("premise.not_found");
  return std::move(found.front());
}

std::vector<PremiseWithPoints> PremiseRepository::of_customer(Tx& tx,
                                                              Id<domain::Customer> customer) {
  long long cid = customer.value;
  std::vector<PremiseWithPoints> out;
  soci::row r;
  auto st = tx.cached(std::string("SELECT ") + kColumns +
                      " FROM premises WHERE id IN (SELECT premise_id "
                      "FROM customer_premises WHERE customer_id = :c) ORDER BY id");
  for (bool more = st.run(soci::use(cid), soci::into(r)); more; more = st.next())
    out.push_back({from_row(r), {}});
  return with_points(tx, std::move(out));
}

std::vector<PremiseWithPoints> PremiseRepository::search(Tx& tx,
                                                         const std::vector<std::string>& words,
                                                         const std::string& postal_key, int limit) {
  // Prefix words against the normalized address: "12 rue vic" finds
  // "12 Rue Victor-Hugo"; a word may also be (part of) the postal code:
  // "69003", "lilas 69003", "h2x 1y4". Words are normalized (letters,
  // digits), so safe to place in LIKE patterns; postal keys are upper case.
  std::string where = "1 = 1";
  for (const auto& w : words) {
    std::string upper = w;
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    where += " AND ((' ' || address_key) LIKE '% " + w + "%' OR postal_key LIKE '%" + upper + "%')";
  }
  if (!postal_key.empty()) where += " AND postal_key = :pk";
  std::string pk = postal_key.empty() ? std::string("-") : postal_key;
  soci::rowset<soci::row> rs =
      postal_key.empty() ? (tx.sql().prepare << "SELECT " << kColumns << " FROM premises WHERE "
                                             << where << " ORDER BY id LIMIT " << limit)
                         : (tx.sql().prepare << "SELECT " << kColumns << " FROM premises WHERE "
                                             << where << " ORDER BY id LIMIT " << limit,
                            soci::use(pk));
  return load(tx, rs);
}

}  // namespace rapport::store
