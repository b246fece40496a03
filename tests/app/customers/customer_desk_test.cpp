#include "app/customers/customer_desk.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/settings/settings_desk.h"
#include "store/audit_repository.h"
#include "store/customers/customer_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using rapport::testing::typed_in;

using domain::Role;

NewCustomer helene() {
  NewCustomer n;
  n.customer.family_name = "Dupré";
  n.customer.given_name = "Hélène";
  n.language = Language::fr;
  n.customer.emails = {"helene.dupre@exemple.fr"};
  n.customer.address = {"12 rue Victor-Hugo", "", "75011", "Paris", "", "FR"};
  n.typed_phones = {{domain::PhoneType::mobile, "06 12 34 56 78"}};
  n.service_point_type = "electric_meter";
  return n;
}

NewCustomer paul() {
  NewCustomer n;
  n.customer.family_name = "Martin";
  n.customer.given_name = "Paul";
  n.customer.address = {"3 place du Marché", "", "69002", "Lyon", "", "FR"};
  n.typed_phones = {{domain::PhoneType::home, "04 78 42 10 10"}};
  return n;
}

std::vector<TypedPhone> typed(const domain::Customer& c) {
  std::vector<TypedPhone> out;
  for (const auto& p : c.phones) out.push_back({p.type, p.e164});
  return out;
}

class CustomerDeskTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  CustomerView added(NewCustomer n) {
    auto outcome = desk.add(csr, std::move(n));
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().key);
    EXPECT_TRUE(outcome && outcome->created)
        << (outcome ? std::to_string(outcome->duplicates.size()) + " possible duplicate(s)" : "");
    return outcome && outcome->created ? *outcome->created : CustomerView{};
  }

  long long count(const std::string& table) {
    return t.db()
        .read([&](store::Tx& tx) -> Result<long long> {
          if (table == "customers") return store::CustomerRepository::count(tx);
          long long n = 0;
          tx.sql() << ("SELECT COUNT(*) FROM " + table), soci::into(n);
          return n;
        })
        .value();
  }

  void predefine_territory() {
    SettingsDesk settings(t.db(), clock);
    auto s = settings.get(admin).value();
    s.territory_predefined = true;
    ASSERT_TRUE(settings.update(admin, s));
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CustomerDesk desk{t.db(), clock};
  domain::User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  domain::User admin = testing::add_user(t.db(), clock, "ada", Role::admin, "Ada");
};

TEST_F(CustomerDeskTest, AddCreatesCustomerAccountPremiseAndServicePointTogether) {
  auto view = added(helene());
  EXPECT_TRUE(view.customer.id.valid());
  EXPECT_EQ(view.customer.display_name(), "Dupré, Hélène");
  ASSERT_EQ(view.customer.phones.size(), 1u);
  EXPECT_EQ(view.customer.phones[0].e164, "+33612345678");
  EXPECT_EQ(view.customer.time_zone, "Europe/Paris");
  ASSERT_EQ(view.accounts.size(), 1u);
  EXPECT_EQ(view.accounts[0].currency, "EUR");
  EXPECT_TRUE(domain::looks_like_account_number(view.accounts[0].number));
  ASSERT_EQ(view.premises.size(), 1u);
  EXPECT_EQ(view.premises[0].premise.address.postal_code, "75011");
  ASSERT_EQ(view.premises[0].points.size(), 1u);
  EXPECT_EQ(view.premises[0].points[0].type, "electric_meter");

  auto reopened = desk.view(csr, view.customer.id);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->accounts.size(), 1u);
  EXPECT_EQ(reopened->premises.size(), 1u);
  EXPECT_EQ(reopened->premises[0].points.size(), 1u);
}

TEST_F(CustomerDeskTest, AddGivesACustomerTheTimeZoneOfTheirAddress) {
  auto brussels = paul();
  brussels.customer.address = {"Rue Neuve 1", "", "1000", "Bruxelles", "", "BE"};
  brussels.typed_phones = {{domain::PhoneType::mobile, "+33 6 12 34 56 78"}};
  auto view = added(brussels);
  EXPECT_EQ(view.customer.time_zone, "Europe/Brussels");
  ASSERT_EQ(view.premises.size(), 1u);
  EXPECT_EQ(view.premises[0].premise.time_zone, "Europe/Brussels");

  auto vancouver = paul();
  vancouver.customer.address = {"1055 West Georgia St", "", "V6E 3P3", "Vancouver", "BC", "CA"};
  vancouver.typed_phones = {{domain::PhoneType::mobile, "604 681 1234"}};
  EXPECT_EQ(added(vancouver).customer.time_zone, "America/Vancouver");
}

TEST_F(CustomerDeskTest, AddFailingHalfWayLeavesNothing) {
  added(paul());
  const long long customers = count("customers"), accounts = count("accounts");
  auto n = helene();
  n.existing_premise = Id<domain::Premise>{999999};  // fails after the customer insert
  auto refused = desk.add(csr, n);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  EXPECT_EQ(count("customers"), customers);
  EXPECT_EQ(count("accounts"), accounts);
  EXPECT_EQ(count("customer_phones"), 1);
  auto found = desk.search(csr, typed_in("dupre"));
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->results.empty());
}

TEST_F(CustomerDeskTest, AddRefusesInvalidFieldsNamingEachAndSavesNothing) {
  auto n = helene();
  n.typed_phones = {{domain::PhoneType::mobile, "12 34"}};
  n.customer.emails = {"helene.dupre.exemple.fr"};
  n.customer.address.postal_code = "7501";
  FieldErrors errors;
  auto refused = desk.add(csr, n, &errors);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  std::set<std::string> fields;
  for (const auto& e : errors.errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"phone", "email", "postal_code"}));
  EXPECT_EQ(count("customers"), 0);
}

TEST_F(CustomerDeskTest, AddFindsADuplicateByPhoneAndCreatesNothing) {
  auto first = added(helene());
  auto n = paul();
  n.typed_phones = {{domain::PhoneType::mobile, "+33 6 12 34 56 78"}};
  auto outcome = desk.add(csr, n);
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->created);
  ASSERT_EQ(outcome->duplicates.size(), 1u);
  EXPECT_EQ(outcome->duplicates[0].customer.id, first.customer.id);
  EXPECT_EQ(outcome->duplicates[0].reasons, (std::vector<std::string>{"phone"}));
  EXPECT_EQ(count("customers"), 1);

  n.save_despite_duplicates = true;
  auto saved = desk.add(csr, n);
  ASSERT_TRUE(saved);
  ASSERT_TRUE(saved->created);
  EXPECT_NE(saved->created->customer.id, first.customer.id);
  EXPECT_EQ(count("customers"), 2);
}

TEST_F(CustomerDeskTest, AddFindsADuplicateByEmailAndByNameAtThePostalCode) {
  auto first = added(helene());
  auto by_email = paul();
  by_email.customer.emails = {"HELENE.DUPRE@exemple.fr"};
  auto outcome = desk.add(csr, by_email);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->duplicates.size(), 1u);
  EXPECT_EQ(outcome->duplicates[0].reasons, (std::vector<std::string>{"email"}));

  auto by_name = paul();
  by_name.customer.family_name = "DUPRE";
  by_name.customer.given_name = "helene";
  by_name.customer.address = helene().customer.address;
  outcome = desk.add(csr, by_name);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->duplicates.size(), 1u);
  EXPECT_EQ(outcome->duplicates[0].reasons, (std::vector<std::string>{"name_postal_code"}));
  EXPECT_EQ(count("customers"), 1);
}

TEST_F(CustomerDeskTest, PredefinedTerritoryRefusesANewPremiseAndAcceptsAnExistingOne) {
  auto first = added(helene());
  const auto premise = first.premises.at(0).premise.id;
  const auto point = first.premises.at(0).points.at(0).id;
  predefine_territory();
  const long long premises = count("premises"), points = count("service_points");

  FieldErrors errors;
  auto refused = desk.add(csr, paul(), &errors);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "territory.premise_required");
  EXPECT_EQ(count("customers"), 1);

  auto n = paul();
  n.existing_premise = premise;
  n.existing_service_point = point;
  auto view = added(n);
  ASSERT_EQ(view.premises.size(), 1u);
  EXPECT_EQ(view.premises[0].premise.id, premise);
  EXPECT_EQ(count("premises"), premises);
  EXPECT_EQ(count("service_points"), points);
}

TEST_F(CustomerDeskTest, FindsPremisesByAddressForAPredefinedTerritory) {
  added(helene());
  added(paul());
  auto found = desk.find_premises(csr, "12 rue victor", "75011");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->at(0).premise.address.city, "Paris");
}

TEST_F(CustomerDeskTest, RefusesAStaleEditAndKeepsTheFirst) {
  auto opened = added(helene()).customer;
  auto first = opened, second = opened;
  first.given_name = "Hélène-Marie";
  second.given_name = "Léna";
  ASSERT_TRUE(desk.update(csr, first, typed(first)));
  auto refused = desk.update(csr, second, typed(second));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "record.stale");
  auto now = desk.view(csr, opened.id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->customer.given_name, "Hélène-Marie");
  EXPECT_EQ(now->customer.version, opened.version + 1);
}

TEST_F(CustomerDeskTest, MakesACustomerInactiveAndAuditsIt) {
  auto opened = added(helene()).customer;
  // Without a reason: refused, nothing changes.
  for (const std::string blank : {"", "   "}) {
    auto refused = desk.set_active(csr, opened.id, opened.version, false, blank);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().key, "customer.inactive_reason_required");
    EXPECT_EQ(refused.error().field, "reason");
  }
  EXPECT_EQ(
      desk.set_active(csr, opened.id, opened.version, false, std::string(501, 'x')).error().key,
      "field.too_long");
  EXPECT_EQ(desk.view(csr, opened.id)->customer.status, domain::CustomerStatus::active);
  auto inactive = desk.set_active(csr, opened.id, opened.version, false, "Parti à l’étranger");
  ASSERT_TRUE(inactive);
  EXPECT_EQ(inactive->status, domain::CustomerStatus::inactive);
  EXPECT_EQ(desk.view(csr, opened.id)->customer.status, domain::CustomerStatus::inactive);
  auto history = t.db().read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "customer", opened.id.value);
  });
  ASSERT_TRUE(history);
  auto change = std::find_if(history->begin(), history->end(), [](const store::AuditRow& r) {
    return r.field == "status" && r.old_value;
  });
  ASSERT_NE(change, history->end());
  EXPECT_EQ(change->old_value, "active");
  EXPECT_EQ(change->new_value, "inactive");
  EXPECT_EQ(change->user_name, "Cora");
  auto reason = std::find_if(history->begin(), history->end(),
                             [](const store::AuditRow& r) { return r.field == "status_reason"; });
  ASSERT_NE(reason, history->end());
  EXPECT_EQ(reason->new_value, "Parti à l’étranger");
  // The phones are kept: making inactive changes nothing else.
  EXPECT_EQ(inactive->phones.size(), 1u);
  auto stale = desk.set_active(csr, opened.id, opened.version, true);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().key, "record.stale");
}

TEST_F(CustomerDeskTest, ShowsInteractionsNewestFirst) {
  auto id = added(helene()).customer.id;
  domain::Interaction call;
  call.customer = id;
  call.channel = domain::InteractionChannel::call;
  call.direction = domain::InteractionDirection::inbound;
  call.summary = "Asked about her bill";
  ASSERT_TRUE(desk.record_interaction(csr, call));
  clock.advance(std::chrono::minutes{5});
  domain::Interaction note = call;
  note.channel = domain::InteractionChannel::note;
  note.direction = domain::InteractionDirection::none;
  note.summary = "Call back on Friday";
  ASSERT_TRUE(desk.record_interaction(csr, note));
  note.summary = "Same minute, recorded after";
  ASSERT_TRUE(desk.record_interaction(csr, note));
  auto view = desk.view(csr, id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->interactions.size(), 3u);
  EXPECT_EQ(view->interactions[0].summary, "Same minute, recorded after");
  EXPECT_EQ(view->interactions[1].summary, "Call back on Friday");
  EXPECT_EQ(view->interactions[2].summary, "Asked about her bill");
  EXPECT_EQ(view->interactions[2].channel, domain::InteractionChannel::call);
  EXPECT_EQ(view->interactions[2].user_name, "Cora");
}

TEST_F(CustomerDeskTest, RefusesAnInteractionWithoutSummaryOrCustomer) {
  domain::Interaction i;
  i.customer = added(helene()).customer.id;
  EXPECT_EQ(desk.record_interaction(csr, i).error().key, "interaction.summary_required");
  i.summary = "Hello";
  i.customer = Id<domain::Customer>{999999};
  EXPECT_EQ(desk.record_interaction(csr, i).error().code, ErrorCode::not_found);
}

TEST_F(CustomerDeskTest, RefusesAnOverLongOutcomeNamingTheOutcome) {
  domain::Interaction i;
  i.customer = added(helene()).customer.id;
  i.summary = "Asked about her bill";
  i.outcome = std::string(kMaxInteractionOutcome + 1, 'x');
  auto refused = desk.record_interaction(csr, i);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "field.too_long");
  EXPECT_EQ(refused.error().field, "outcome");
  i.outcome.pop_back();
  EXPECT_TRUE(desk.record_interaction(csr, i));
}

TEST_F(CustomerDeskTest, ACustomerAccountCannotUseTheDesk) {
  auto id = added(helene()).customer.id;
  auto customer = testing::add_user(t.db(), clock, "client", Role::customer);
  EXPECT_EQ(desk.search(customer, typed_in("dupre")).error().code, ErrorCode::forbidden);
  EXPECT_EQ(desk.view(customer, id).error().code, ErrorCode::forbidden);
  EXPECT_EQ(desk.add(customer, paul()).error().code, ErrorCode::forbidden);
  EXPECT_EQ(desk.set_active(customer, id, 1, false).error().code, ErrorCode::forbidden);
  domain::Interaction i;
  i.customer = id;
  i.summary = "Hello";
  EXPECT_EQ(desk.record_interaction(customer, i).error().code, ErrorCode::forbidden);
  EXPECT_EQ(desk.find_premises(customer, "rue", "").error().code, ErrorCode::forbidden);
  EXPECT_EQ(count("customers"), 1);
}

}  // namespace
}  // namespace rapport::app
