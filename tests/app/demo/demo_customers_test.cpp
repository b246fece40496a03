// Demonstration customers (`rapport demo --customers N`): what a load
// writes, that the normal search finds it, that a second run adds nothing,
// and that the same seed gives the same customers.
#include "app/demo/demo_customers.h"

#include <map>
#include <set>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/customers/customer_desk.h"
#include "app/demo/demo_data.h"
#include "domain/customers/customer_rules.h"
#include "domain/customers/phone.h"
#include "store/customers/account_repository.h"
#include "store/customers/customer_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

using domain::Role;

long long count_rows(store::Database& db, const std::string& from_where) {
  auto n = db.read([&](store::Tx& tx) -> Result<long long> {
    long long count = 0;
    tx.sql() << "SELECT COUNT(*) FROM " + from_where, soci::into(count);
    return count;
  });
  return n ? *n : -1;
}

// The derived columns of one customer, as stored.
std::map<std::string, std::string> search_columns(store::Database& db, std::int64_t id) {
  auto row = db.read([&](store::Tx& tx) -> Result<std::map<std::string, std::string>> {
    std::map<std::string, std::string> out;
    std::string search_text, name_key, postal_key, display_name;
    long long cid = id;
    tx.sql()
        << "SELECT search_text, name_key, postal_key, display_name FROM customers WHERE id = :id",
        soci::use(cid), soci::into(search_text), soci::into(name_key), soci::into(postal_key),
        soci::into(display_name);
    out = {{"search_text", search_text},
           {"name_key", name_key},
           {"postal_key", postal_key},
           {"display_name", display_name}};
    if (tx.dialect() == store::Dialect::sqlite) {
      std::string fts;
      tx.sql() << "SELECT search_text FROM customer_search WHERE rowid = :id", soci::use(cid),
          soci::into(fts);
      out["fts"] = fts;
    }
    return out;
  });
  return row ? *row : std::map<std::string, std::string>{};
}

class DemoCustomersTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  DemoReport load(long long customers, store::Database* db = nullptr) {
    DemoOptions options;
    options.customers = customers;
    options.batch_size = 64;    // several batches even for a few hundred
    options.campaigns = false;  // their prospects would interleave with the demo customers
    auto report = load_demo_data(db ? *db : t.db(), clock, options);
    EXPECT_TRUE(report) << (report ? "" : report.error().key + " " + report.error().detail);
    return report ? *report : DemoReport{};
  }

  SearchResults search(const std::string& text) {
    domain::SearchInput in;
    in.text = text;
    auto found = desk.search(csr, in);
    EXPECT_TRUE(found) << text << ": " << (found ? "" : found.error().key);
    return found ? *found : SearchResults{};
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CustomerDesk desk{t.db(), clock};
  domain::User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
};

TEST_F(DemoCustomersTest, LoadsCustomersWithTheirAccountsPremisesAndHistory) {
  auto report = load(200);
  EXPECT_EQ(report.users_created, 5);
  EXPECT_EQ(report.customers_created, 200);
  auto& db = t.db();
  EXPECT_EQ(count_rows(db, "customers"), 200);
  EXPECT_EQ(count_rows(db, "accounts"), 200);
  EXPECT_EQ(count_rows(db, "account_persons WHERE relationship = 'main'"), 200);
  EXPECT_EQ(count_rows(db, "premises"), 200);
  EXPECT_EQ(count_rows(db, "customer_premises"), 200);
  EXPECT_GE(count_rows(db, "service_points"), 200);
  EXPECT_LE(count_rows(db, "service_points"), 400);
  EXPECT_GT(count_rows(db, "service_agreements"), 100);
  EXPECT_GT(count_rows(db, "interactions WHERE channel = 'call'"), 20);
  EXPECT_GT(count_rows(db, "interactions WHERE channel = 'note'"), 5);
  EXPECT_GE(count_rows(db, "customer_phones"), 190);
  EXPECT_EQ(count_rows(db, "customer_emails"), 200);
  const long long companies = count_rows(db, "customers WHERE kind = 'company'");
  EXPECT_GT(companies, 5);
  EXPECT_LT(companies, 40);
  EXPECT_GE(count_rows(db, "contacts"), companies);
  EXPECT_LE(count_rows(db, "contacts"), 2 * companies);
  EXPECT_EQ(count_rows(db,
                       "contacts WHERE customer_id NOT IN (SELECT id FROM customers WHERE "
                       "kind = 'company') AND id NOT IN (SELECT contact_id FROM portal_users)"),
            0);
  EXPECT_GT(count_rows(db, "customers WHERE language = 'fr'"), 50);
  EXPECT_GT(count_rows(db, "customers WHERE language = 'en'"), 50);
  EXPECT_EQ(count_rows(db, "customers WHERE country = 'GB' AND language = 'fr'"), 0);
  // Two audit rows per customer made (the demo contact plans add their
  // non-activity periods to the customers' trails too, the demo sales the
  // business price list given to two of them).
  EXPECT_EQ(count_rows(db,
                       "audit_log WHERE record_type = 'customer' AND field NOT IN "
                       "('non_activity', 'price_list')"),
            400);
  if (t.kind() == "sqlite") {
    EXPECT_EQ(count_rows(db, "customer_search"), 200);
  }
  // The demo call centre opens 08:00–20:00, so its 24-hour customers are
  // not called back at midnight.
  EXPECT_EQ(count_rows(db,
                       "installation_settings WHERE opens_minutes = 480 AND "
                       "closes_minutes = 1200"),
            1);
  // Ordinary inserts after a bulk load get fresh ids.
  NewCustomer n;
  n.customer.given_name = "Zoé";
  n.customer.family_name = "Bérénice";
  n.customer.address = {"3 rue des Prés", "", "69003", "Lyon", "", "FR"};
  n.service_point_type = "electric_meter";
  n.save_despite_duplicates = true;
  auto added = desk.add(csr, n);
  ASSERT_TRUE(added && added->created) << (added ? "" : added.error().key);
  EXPECT_EQ(added->created->customer.id.value, 201);
  ASSERT_EQ(added->created->accounts.size(), 1u);
  EXPECT_EQ(added->created->accounts[0].number, "A1000201");
}

TEST_F(DemoCustomersTest, TheTwoKnownCustomersAreFoundByTheNormalSearch) {
  load(200);
  for (const std::string typed : {"0612345678", "06 12 34 56 78", "+33 6 12 34 56 78"}) {
    auto found = search(typed);
    ASSERT_EQ(found.results.size(), 1u) << typed;
    EXPECT_EQ(found.results[0].customer.display_name(), "Dupré, Hélène");
    EXPECT_EQ(found.results[0].matched, "phone");
    EXPECT_EQ(found.results[0].customer.address.postal_code, "69002");
    EXPECT_EQ(found.results[0].customer.emails,
              std::vector<std::string>{"helene.dupre@exemple.fr"});
  }
  auto robert = search("robert trem");
  ASSERT_FALSE(robert.results.empty());
  EXPECT_EQ(robert.results[0].customer.display_name(), "Tremblay, Robert");
  EXPECT_EQ(robert.results[0].customer.phones.at(0).e164, "+14165550142");
  EXPECT_EQ(robert.results[0].customer.address.city, "Toronto");
  EXPECT_EQ(search("+1 416 555 0142").results.at(0).customer.display_name(), "Tremblay, Robert");
  EXPECT_EQ(search("helene dupre").results.at(0).customer.display_name(), "Dupré, Hélène");
  auto by_account = search("A1000001");
  ASSERT_EQ(by_account.results.size(), 1u);
  EXPECT_EQ(by_account.results[0].customer.display_name(), "Dupré, Hélène");
  auto by_postal = search("M5V 3L9");
  ASSERT_FALSE(by_postal.results.empty());
  EXPECT_EQ(by_postal.results[0].matched, "postal_code");
  auto view = desk.view(csr, robert.results[0].customer.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->accounts.size(), 1u);
  EXPECT_EQ(view->premises.size(), 1u);
  EXPECT_FALSE(view->interactions.empty());
  EXPECT_EQ(view->interactions[0].user_name, "Sam Carter");
}

TEST_F(DemoCustomersTest, ASecondRunAddsNothingAndALargerOneOnlyWhatIsMissing) {
  load(120);
  auto again = load(120);
  EXPECT_TRUE(again.already_loaded);
  EXPECT_EQ(again.customers_created, 0);
  EXPECT_EQ(count_rows(t.db(), "customers"), 120);
  // The five demo users and cora (the demo portal users aside).
  EXPECT_EQ(count_rows(t.db(), "users WHERE id NOT IN (SELECT user_id FROM portal_users)"), 6);

  auto grown = load(150);
  EXPECT_EQ(grown.users_created, 0);
  EXPECT_EQ(grown.customers_created, 30);
  EXPECT_EQ(count_rows(t.db(), "customers"), 150);
  EXPECT_EQ(search("0612345678").results.size(), 1u);

  // Growing from 120 to 150 adds the customers a fresh load of 150 makes.
  testing::TestDatabase fresh;
  ASSERT_TRUE(fresh.ok());
  load(150, &fresh.db());
  for (std::int64_t id : {1, 2, 119, 121, 135, 150})
    EXPECT_EQ(search_columns(t.db(), id), search_columns(fresh.db(), id)) << "customer " << id;
}

TEST_F(DemoCustomersTest, RefusesMoreThanAMillionAndWritesNothing) {
  DemoOptions options;
  options.customers = kMaxDemoCustomers + 1;
  auto report = load_demo_data(t.db(), clock, options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "demo.customers_invalid");
  EXPECT_EQ(count_rows(t.db(), "users"), 1);
}

// The bulk path writes the search columns CustomerRepository writes.
TEST_F(DemoCustomersTest, BulkRowsMatchThoseOfTheRepository) {
  DemoCustomerGenerator generator(kDemoSeed, CivilDate{date::year{2026} / 3 / 10});
  std::vector<store::CustomerBundle> bulk{generator.make(0), generator.make(7)};
  auto loaded = t.db().write([&](store::Tx& tx) -> Status {
    store::CustomerBulkLoader::insert(tx, bulk, store::Actor{std::nullopt, "test"}, clock.now());
    return Ok{};
  });
  ASSERT_TRUE(loaded) << loaded.error().detail;

  testing::TestDatabase other;
  ASSERT_TRUE(other.ok());
  for (const auto& b : bulk) {
    auto stored = other.db().write([&](store::Tx& tx) -> Result<Ok> {
      store::Actor actor{std::nullopt, "test"};
      auto id = store::CustomerRepository::insert(tx, b.customer, actor, clock.now());
      domain::Account account = b.account;
      account.customer = id;
      store::AccountRepository::insert(tx, account, actor, clock.now());
      return Ok{};
    });
    ASSERT_TRUE(stored);
    auto expected = search_columns(other.db(), b.customer.id.value);
    EXPECT_EQ(search_columns(t.db(), b.customer.id.value), expected);
    EXPECT_NE(expected["search_text"].find(" a100000"), std::string::npos);
  }
}

TEST(DemoCustomerGenerator, TheSameSeedGivesTheSameCustomers) {
  const CivilDate day{date::year{2026} / 3 / 10};
  DemoCustomerGenerator a(kDemoSeed, day), b(kDemoSeed, day), other(kDemoSeed + 1, day);
  int differ = 0;
  for (std::int64_t i = 0; i < 200; ++i) {
    auto x = a.make(i), y = b.make(i);
    EXPECT_EQ(x.customer.display_name(), y.customer.display_name());
    EXPECT_EQ(x.customer.emails, y.customer.emails);
    ASSERT_EQ(x.customer.phones.size(), y.customer.phones.size());
    for (std::size_t k = 0; k < x.customer.phones.size(); ++k)
      EXPECT_EQ(x.customer.phones[k].e164, y.customer.phones[k].e164);
    EXPECT_EQ(x.customer.address.line1, y.customer.address.line1);
    if (other.make(i).customer.display_name() != x.customer.display_name()) ++differ;
  }
  EXPECT_GT(differ, 150);  // another seed, other people (0 and 1 are always the same)
  EXPECT_EQ(a.make(0).customer.display_name(), "Dupré, Hélène");
  EXPECT_EQ(a.make(1).customer.display_name(), "Tremblay, Robert");
}

TEST(DemoCustomerGenerator, MakesValidCustomersWithDistinctPhoneNumbers) {
  DemoCustomerGenerator generator(kDemoSeed, CivilDate{date::year{2026} / 3 / 10});
  std::set<std::string> phones, emails, countries;
  int accented = 0;
  for (std::int64_t i = 0; i < 3000; ++i) {
    auto b = generator.make(i);
    const auto& c = b.customer;
    auto errors = domain::validate_customer(c);
    EXPECT_TRUE(errors.empty()) << i << ": " << errors.errors.front().field;
    EXPECT_TRUE(domain::postal_code_fits(c.address.postal_code, c.address.country))
        << c.address.postal_code;
    const bool french = c.address.country == "FR" || c.address.region == "QC";
    EXPECT_EQ(c.language, french ? Language::fr : Language::en) << i;
    EXPECT_FALSE(c.phones.empty()) << i;
    for (const auto& p : c.phones) {
      auto parsed = domain::parse_phone(p.e164, "ZZ");
      ASSERT_TRUE(parsed) << p.e164;
      EXPECT_EQ(parsed->region, c.address.country) << p.e164;
      EXPECT_TRUE(phones.insert(p.e164).second) << "phone given twice: " << p.e164;
    }
    EXPECT_TRUE(emails.insert(c.emails.at(0)).second);
    EXPECT_EQ(c.kind == domain::CustomerKind::company, !b.contacts.empty()) << i;
    EXPECT_LE(b.contacts.size(), 2u);
    for (const auto& k : b.contacts) EXPECT_TRUE(domain::parse_phone(k.phone_e164, "ZZ"));
    ASSERT_GE(b.points.size(), 1u);
    ASSERT_LE(b.points.size(), 2u);
    for (const auto& sa : b.agreements) EXPECT_LT(sa.point, b.points.size());
    if (c.display_name().find("\xC3") != std::string::npos) ++accented;
    countries.insert(c.address.country);
  }
  EXPECT_EQ(countries, (std::set<std::string>{"CA", "FR", "GB", "US"}));
  EXPECT_GT(accented, 500);
}

}  // namespace
}  // namespace rapport::app
