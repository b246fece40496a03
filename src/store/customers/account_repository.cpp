#include "store/customers/account_repository.h"

#include <algorithm>
#include <unordered_map>

#include <soci/soci.h>

#include "domain/customers/codes.h"
#include "store/actor_column.h"
#include "store/customers/customer_repository.h"
#include "store/customers/customer_rows.h"
#include "store/dialect.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {}  // namespace

domain::Account AccountRepository::insert(Tx& tx, domain::Account a, const Actor& actor,
                                          Instant now) {
  std::string when = format_instant(now), start = format_date(a.start_date);
  std::string status = a.status == domain::AccountStatus::inactive ? "inactive" : "active";
  std::string provisional = "pending-" + std::to_string(now.time_since_epoch().count()) + "-" +
                            std::to_string(a.customer.value);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), customer = a.customer.value, id = 0;
  tx.sql() << "INSERT INTO accounts (number, customer_id, customer_class, currency, status, "
              "start_date, version, created_at, updated_at, updated_by) VALUES (:n, :c, :cc, :cu, "
              ":s, :sd, 1, :ca, :ua, :by) RETURNING id",
      soci::use(provisional), soci::use(customer), soci::use(a.customer_class),
      soci::use(a.currency), soci::use(status), soci::use(start), soci::use(when), soci::use(when),
      soci::use(by, by_ind), soci::into(id);
  a.id = Id<domain::Account>{id};
  a.number = account_number_for(id);
  a.version = 1;
  tx.sql() << "UPDATE accounts SET number = :n WHERE id = :id", soci::use(a.number), soci::use(id);
  if (a.persons.empty()) a.persons.push_back({a.customer, domain::AccountRelationship::main});
  for (const auto& p : a.persons) {
    long long person = p.customer.value;
    std::string rel(domain::to_code(p.relationship));
    tx.sql() << "INSERT INTO account_persons (account_id, customer_id, relationship) VALUES (:a, "
                ":c, :r)",
        soci::use(id), soci::use(person), soci::use(rel);
  }
  AuditRepository::record(
      tx, actor, now, "account", id,
      {{"number", std::nullopt, a.number}, {"currency", std::nullopt, a.currency}});
  CustomerRepository::reindex(tx, a.customer);
  return a;
}

std::vector<domain::Account> AccountRepository::of_customer(Tx& tx, Id<domain::Customer> customer) {
  return std::move(of_customers(tx, {customer.value}).front());
}

std::vector<std::vector<domain::Account>> AccountRepository::of_customers(
    Tx& tx, const std::vector<std::int64_t>& customers) {
  std::vector<std::vector<domain::Account>> out(customers.size());
  if (customers.empty()) return out;
  const std::string set = bound_ids(tx.dialect(), customers);
  std::vector<domain::Account> accounts;
  soci::row r;
  {
    // UNION, not "customer_id IN (…) OR id IN (…)": PostgreSQL answers the
    // OR by reading every account (240 ms at a million).
    auto st = tx.cached(
        "SELECT a.id, a.number, a.customer_id, a.customer_class, a.currency, a.status, "
        "a.start_date, a.version FROM accounts a WHERE a.id IN (SELECT id FROM accounts WHERE "
        "customer_id " +
        in_bound_ids(tx.dialect(), ":ids") +
        " UNION SELECT account_id FROM account_persons WHERE customer_id " +
        in_bound_ids(tx.dialect(), ":ids2") + ") ORDER BY a.id");
    for (bool more = st.run(soci::use(set, "ids"), soci::use(set, "ids2"), soci::into(r)); more;
         more = st.next()) {
      domain::Account a;
      a.id = Id<domain::Account>{int64_at(r, 0)};
      a.number = text_at(r, 1);
      a.customer = Id<domain::Customer>{int64_at(r, 2)};
      a.customer_class = text_at(r, 3);
      a.currency = text_at(r, 4);
      a.status = text_at(r, 5) == "inactive" ? domain::AccountStatus::inactive
                                             : domain::AccountStatus::active;
      a.start_date = parse_date(text_at(r, 6)).value_or(CivilDate{});
      a.version = int64_at(r, 7);
      accounts.push_back(std::move(a));
    }
  }
  if (accounts.empty()) return out;
  std::unordered_map<std::int64_t, domain::Account*> by_id;
  std::vector<std::int64_t> account_ids;
  for (auto& a : accounts) {
    by_id[a.id.value] = &a;
    account_ids.push_back(a.id.value);
  }
  {
    auto st = tx.cached(
        "SELECT account_id, customer_id, relationship FROM account_persons WHERE account_id " +
        in_bound_ids(tx.dialect(), ":ids") + " ORDER BY account_id, customer_id");
    for (bool more = st.run(soci::use(bound_ids(tx.dialect(), account_ids), "ids"), soci::into(r));
         more; more = st.next())
      by_id[int64_at(r, 0)]->persons.push_back(
          {Id<domain::Customer>{int64_at(r, 1)}, domain::parse_relationship(text_at(r, 2))});
  }
  for (std::size_t i = 0; i < customers.size(); ++i)
    for (const auto& a : accounts) {
      const bool person = std::any_of(a.persons.begin(), a.persons.end(), [&](const auto& p) {
        return p.customer.value == customers[i];
      });
      if (a.customer.value == customers[i] || person) out[i].push_back(a);
    }
  return out;
}

Result<Id<domain::ServiceAgreement>> AccountRepository::insert_agreement(
    Tx& tx, domain::ServiceAgreement sa, const Actor& actor, Instant now) {
  int active = 0;
  std::string division;
  tx.sql() << "SELECT active, division FROM service_agreement_types WHERE code = :c",
      soci::use(sa.type), soci::into(active), soci::into(division);
  if (!tx.sql().got_data() || active == 0)
    return Error::invalid("agreement.type_unknown", "sa_type", {{"type", sa.type}});
  if (sa.division.empty()) sa.division = division;
  std::string when = format_instant(now), start = format_date(sa.start_date);
  std::string status(domain::to_code(sa.status));
  soci::indicator by_ind, sp_ind = sa.service_point ? soci::i_ok : soci::i_null;
  long long by = actor_id(actor, by_ind), account = sa.account.value, id = 0;
  long long sp = sa.service_point ? sa.service_point->value : 0;
  tx.sql()
      << "INSERT INTO service_agreements (account_id, service_point_id, sa_type, division, "
         "start_date, status, version, created_at, updated_at, updated_by) VALUES (:a, :sp, :t, "
         ":d, :sd, :s, 1, :ca, :ua, :by) RETURNING id",
      soci::use(account), soci::use(sp, sp_ind), soci::use(sa.type), soci::use(sa.division),
      soci::use(start), soci::use(status), soci::use(when), soci::use(when), soci::use(by, by_ind),
      soci::into(id);
  std::string number = agreement_number_for(id);
  tx.sql() << "UPDATE service_agreements SET number = :n WHERE id = :id", soci::use(number),
      soci::use(id);
  AuditRepository::record(tx, actor, now, "service_agreement", id,
                          {{"number", std::nullopt, number},
                           {"sa_type", std::nullopt, sa.type},
                           {"status", std::nullopt, status}});
  return Id<domain::ServiceAgreement>{id};
}

std::vector<domain::ServiceAgreement> AccountRepository::agreements_of(
    Tx& tx, const std::vector<domain::Account>& accounts) {
  std::vector<domain::ServiceAgreement> out;
  if (accounts.empty()) return out;
  std::vector<std::int64_t> ids;
  for (const auto& a : accounts) ids.push_back(a.id.value);
  std::unordered_map<std::int64_t, std::vector<domain::ServiceAgreement>> by_account;
  soci::row r;
  auto st = tx.cached(
      "SELECT id, service_point_id, sa_type, division, start_date, status, version, number, "
      "account_id FROM service_agreements WHERE account_id " +
      in_bound_ids(tx.dialect(), ":ids") + " ORDER BY account_id, id");
  for (bool more = st.run(soci::use(bound_ids(tx.dialect(), ids), "ids"), soci::into(r)); more;
       more = st.next()) {
    domain::ServiceAgreement sa;
    sa.id = Id<domain::ServiceAgreement>{int64_at(r, 0)};
    sa.account = Id<domain::Account>{int64_at(r, 8)};
    if (auto sp = optional_int64_at(r, 1)) sa.service_point = Id<domain::ServicePoint>{*sp};
    sa.type = text_at(r, 2);
    sa.division = text_at(r, 3);
    sa.start_date = parse_date(text_at(r, 4)).value_or(CivilDate{});
    sa.status = domain::parse_agreement_status(text_at(r, 5));
    sa.version = int64_at(r, 6);
    sa.number = text_at(r, 7);
    by_account[sa.account.value].push_back(std::move(sa));
  }
  // In the order of `accounts`, each account's agreements oldest first.
  for (const auto& a : accounts)
    if (auto it = by_account.find(a.id.value); it != by_account.end()) {
      for (auto& sa : it->second) out.push_back(std::move(sa));
      by_account.erase(it);
    }
  return out;
}

bool AccountRepository::has_agreements(Tx& tx, Id<domain::Customer> customer) {
  long long cid = customer.value;
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM service_agreements sa JOIN accounts a ON a.id = sa.account_id "
              "WHERE a.customer_id = :c",
      soci::use(cid), soci::into(n);
  return n > 0;
}

}  // namespace rapport::store
