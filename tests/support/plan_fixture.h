// tests/support/plan_fixture.h: a database with users, customers in
// Europe/Paris and America/Toronto, and a Tuesday + Thursday contact plan,
// for the contact-planning tests (contact-planning.md).
//
// The clock stands at 2026-03-10 09:00 UTC (a Tuesday): 10:00 in Paris
// (CET, UTC+1 until 29 March 2026) and 05:00 in Toronto (EDT, UTC-4 since
// 8 March 2026), so every expected UTC instant below is exact.
#pragma once

#include <string>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/contactplan/contact_planner.h"
#include "app/customers/customer_desk.h"
#include "store/contactplan/contact_info_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::testing {

inline CivilDate day(int y, unsigned m, unsigned d) {
  return CivilDate{date::year{y}, date::month{m}, date::day{d}};
}

inline std::string arg_of(const Error& e, const std::string& name) {
  for (const auto& [n, v] : e.args)
    if (n == name) return v;
  return "<missing " + name + ">";
}

class PlanFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    helene = add_customer("Dupré", "Hélène", {"12 rue Victor-Hugo", "", "75011", "Paris", "", "FR"},
                          "06 12 34 56 78");
    noemie = add_customer("Roy", "Noémie", {"100 Queen St W", "", "M5H 2N2", "Toronto", "", "CA"},
                          "(416) 967-1111");
    paul = add_customer("Martin", "Paul", {"3 place du Marché", "", "69002", "Lyon", "", "FR"},
                        "04 78 42 10 10");
    ASSERT_FALSE(HasFailure());
  }

  // A customer made through the desk, as a CSR would; `phone` may be empty.
  std::int64_t add_customer(const std::string& family, const std::string& given,
                            domain::PostalAddress address, const std::string& phone,
                            const std::string& customer_class = "residential",
                            const std::string& category = "") {
    app::NewCustomer n;
    n.customer.family_name = family;
    n.customer.given_name = given;
    n.customer.address = std::move(address);
    n.customer.customer_class = customer_class;
    n.customer.category = category;
    if (phone.empty())
      n.customer.emails = {"sans.telephone@exemple.fr"};
    else
      n.typed_phones = {{domain::PhoneType::mobile, phone}};
    n.save_despite_duplicates = true;
    auto added = app::CustomerDesk(t.db(), clock).add(csr, n);
    EXPECT_TRUE(added && added->created) << (added ? "not created" : added.error().key);
    return added && added->created ? added->created->customer.id.value : 0;
  }

  // A Tuesday + Thursday order-intake plan valid through 2026, owned by `responsible`.
  domain::ContactPlan make_plan(const std::string& code, std::optional<std::int64_t> responsible,
                                const std::string& weekdays = "2,4") {
    domain::ContactPlan p;
    p.code = code;
    p.name_en = "Orders " + code;
    p.name_fr = "Commandes " + code;
    p.weekdays = domain::Weekdays::parse(weekdays).value_or(domain::Weekdays{});
    p.valid_from = day(2026, 1, 1);
    p.valid_to = day(2026, 12, 31);
    p.responsible_user = responsible;
    p.busy = domain::RecalculationRule{30, 3};
    auto created = planner.create_plan(manager, p);
    EXPECT_TRUE(created) << (created ? "" : created.error().key + " " + created.error().field);
    return created ? *created : p;
  }

  store::ContactInfoRow connect(const domain::ContactPlan& plan, std::int64_t customer,
                                const std::string& earliest = "09:00",
                                const std::string& latest = "17:00",
                                const std::string& time_zone = "") {
    app::ContactInfoInput in;
    in.plan = plan.id.value;
    in.customer = customer;
    in.earliest = earliest;
    in.latest = latest;
    in.time_zone = time_zone;
    auto row = planner.connect(csr, in);
    EXPECT_TRUE(row) << (row ? "" : row.error().key + " " + row.error().field);
    return row ? *row : store::ContactInfoRow{};
  }

  void no_contact_on(const domain::ContactPlan& plan, CivilDate d, const std::string& reason) {
    domain::PlanException e;
    e.plan = plan.id;
    e.from = e.to = d;
    e.kind = domain::ExceptionKind::no_contact;
    e.reason = reason;
    auto added = planner.add_exception(manager, e);
    EXPECT_TRUE(added) << (added ? "" : added.error().key + " " + added.error().field);
  }

  void move(const domain::ContactPlan& plan, CivilDate from, CivilDate to,
            const std::string& reason) {
    domain::PlanException e;
    e.plan = plan.id;
    e.from = e.to = from;
    e.kind = domain::ExceptionKind::moved;
    e.moved_to = to;
    e.reason = reason;
    auto added = planner.add_exception(manager, e);
    EXPECT_TRUE(added) << (added ? "" : added.error().key + " " + added.error().field);
  }

  void closed(std::int64_t customer, CivilDate from, CivilDate to, const std::string& reason) {
    domain::NonActivityPeriod p;
    p.customer = customer;
    p.from = from;
    p.to = to;
    p.reason = reason;
    auto added = planner.add_non_activity(csr, p);
    EXPECT_TRUE(added) << (added ? "" : added.error().key + " " + added.error().field);
  }

  long long count(const std::string& table_and_where) {
    return t.db()
        .read([&](store::Tx& tx) -> Result<long long> {
          long long n = 0;
          tx.sql() << ("SELECT COUNT(*) FROM " + table_and_where), soci::into(n);
          return n;
        })
        .value();
  }

  // The text of one column of one row, exactly as stored.
  std::string stored_text(const std::string& sql) {
    return t.db()
        .read([&](store::Tx& tx) -> Result<std::string> {
          std::string s;
          soci::indicator ind = soci::i_null;
          tx.sql() << sql, soci::into(s, ind);
          return ind == soci::i_ok ? s : std::string("<null>");
        })
        .value();
  }

  TestDatabase t;
  FixedClock clock{test_epoch()};
  app::ContactPlanner planner{t.db(), clock};
  domain::User csr = add_user(t.db(), clock, "cora", domain::Role::csr, "Cora");
  domain::User other_csr = add_user(t.db(), clock, "omar", domain::Role::csr, "Omar");
  domain::User manager = add_user(t.db(), clock, "maya", domain::Role::manager, "Maya");
  std::int64_t helene = 0, noemie = 0, paul = 0;
};

}  // namespace rapport::testing
