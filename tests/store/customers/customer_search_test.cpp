#include "store/customers/customer_search.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "domain/customers/search_query.h"
#include "store/customers/account_repository.h"
#include "store/customers/customer_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_values.h"

namespace rapport::store {
namespace {

using rapport::testing::kSystem;

using domain::Customer;

// What the CSR typed: `text` in the one box, or in the field named `field`.
domain::SearchInput typed_in(std::string text, const std::string& field = "q") {
  domain::SearchInput in;
  if (field == "q") in.text = std::move(text);
  if (field == "name") in.name = std::move(text);
  if (field == "phone") in.phone = std::move(text);
  return in;
}

Customer person(const std::string& given, const std::string& family, const std::string& phone,
                const std::string& email, const std::string& postal_code,
                const std::string& city = "Paris", const std::string& country = "FR") {
  Customer c;
  c.given_name = given;
  c.family_name = family;
  if (!phone.empty()) c.phones = {{domain::PhoneType::mobile, phone, true}};
  if (!email.empty()) c.emails = {email};
  c.address = {"1 rue de la Paix", "", postal_code, city, "", country};
  c.time_zone = "Europe/Paris";
  return c;
}

class CustomerSearchTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  // Inserts the customer with one account; returns the account number.
  std::pair<Id<Customer>, std::string> add(const Customer& c) {
    auto added = t.db().write([&](Tx& tx) -> Result<std::pair<Id<Customer>, std::string>> {
      auto id = CustomerRepository::insert(tx, c, kSystem, now);
      domain::Account a;
      a.customer = id;
      a.customer_class = "residential";
      a.currency = "EUR";
      a.start_date = date::year{2026} / 3 / 10;
      auto stored = AccountRepository::insert(tx, a, kSystem, now);
      return std::pair{id, stored.number};
    });
    EXPECT_TRUE(added);
    return *added;
  }

  // The ids found for the text typed in the one box.
  std::vector<std::int64_t> find(const std::string& text, int limit = 50, int offset = 0) {
    domain::SearchInput in;
    in.text = text;
    return find(in, limit, offset).first;
  }

  std::pair<std::vector<std::int64_t>, SearchPage> find(const domain::SearchInput& in, int limit,
                                                        int offset) {
    auto q = domain::parse_search(in, "FR");
    EXPECT_TRUE(q);
    auto page = t.db().read(
        [&](Tx& tx) -> Result<SearchPage> { return search_customers(tx, *q, limit, offset); });
    EXPECT_TRUE(page);
    std::vector<std::int64_t> ids;
    for (const auto& h : page->hits) ids.push_back(h.customer_id);
    return {ids, *page};
  }

  testing::TestDatabase t;
  Instant now = testing::test_epoch();
};

TEST_F(CustomerSearchTest, FindsAnAccentedNameTypedWithoutAccents) {
  auto [helene, _] = add(person("Hélène", "Dupré", "+33612345678", "", "75011"));
  add(person("Paul", "Martin", "+33142685300", "", "69002", "Lyon"));
  EXPECT_EQ(find("helene dupre"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("HÉLÈNE"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("DUPRE"), (std::vector<std::int64_t>{helene.value}));
}

TEST_F(CustomerSearchTest, FindsAnUnaccentedNameTypedWithAccents) {
  auto [helene, _] = add(person("HELENE", "DUPRE", "", "", "75011"));
  EXPECT_EQ(find("Hélène Dupré"), (std::vector<std::int64_t>{helene.value}));
}

TEST_F(CustomerSearchTest, MatchesWordsAsPrefixesAndRequiresEveryWord) {
  auto [helene, _] = add(person("Hélène", "Dupré", "", "", "75011"));
  add(person("Hélène", "Martin", "", "", "75011"));
  EXPECT_EQ(find("hel dup"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("hel").size(), 2u);
  EXPECT_TRUE(find("elene").empty());
  EXPECT_TRUE(find("helene durand").empty());
}

TEST_F(CustomerSearchTest, FindsAPhoneTypedInThreeFormats) {
  auto [helene, _] = add(person("Hélène", "Dupré", "+33612345678", "", "75011"));
  add(person("Paul", "Martin", "+33612345679", "", "69002", "Lyon"));
  for (const char* typed : {"06 12 34 56 78", "+33 6 12 34 56 78", "0612345678"})
    EXPECT_EQ(find(typed), (std::vector<std::int64_t>{helene.value})) << typed;
}

TEST_F(CustomerSearchTest, FindsByAccountNumber) {
  add(person("Paul", "Martin", "", "", "69002", "Lyon"));
  auto [helene, number] = add(person("Hélène", "Dupré", "", "", "75011"));
  ASSERT_TRUE(domain::looks_like_account_number(number)) << number;
  auto [ids, page] = find(typed_in(number), 10, 0);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(page.hits.front().matched, "account");
}

TEST_F(CustomerSearchTest, FindsByPostalCode) {
  auto [helene, _] = add(person("Hélène", "Dupré", "", "", "75011"));
  add(person("Paul", "Martin", "", "", "69002", "Lyon"));
  auto ottawa = add(person("Noémie", "Roy", "", "", "K1A 0B1", "Ottawa", "CA")).first;
  EXPECT_EQ(find("75011"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("k1a0b1"), (std::vector<std::int64_t>{ottawa.value}));
  EXPECT_EQ(find("K1A 0B1"), (std::vector<std::int64_t>{ottawa.value}));
}

TEST_F(CustomerSearchTest, FindsByEmailWhateverItsCase) {
  auto [helene, _] = add(person("Hélène", "Dupré", "", "Helene.Dupre@Exemple.fr", "75011"));
  add(person("Paul", "Martin", "", "paul@exemple.fr", "69002", "Lyon"));
  EXPECT_EQ(find("helene.dupre@exemple.fr"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("HELENE.DUPRE@EXEMPLE.FR"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_TRUE(find("dupre@exemple.fr").empty());
}

TEST_F(CustomerSearchTest, FindsByCustomerId) {
  add(person("Paul", "Martin", "", "", "69002", "Lyon"));
  auto [helene, _] = add(person("Hélène", "Dupré", "", "", "75011"));
  EXPECT_EQ(find("#" + std::to_string(helene.value)), (std::vector<std::int64_t>{helene.value}));
}

TEST_F(CustomerSearchTest, NarrowsANameByPostalCode) {
  auto [paris, _] = add(person("Hélène", "Dupré", "", "", "75011"));
  add(person("Hélène", "Dupré", "", "", "69002", "Lyon"));
  domain::SearchInput in;
  in.name = "helene";
  in.postal_code = "75011";
  EXPECT_EQ(find(in, 10, 0).first, (std::vector<std::int64_t>{paris.value}));
}

TEST_F(CustomerSearchTest, PagesWithoutRepeatingACustomer) {
  for (int i = 0; i < 25; ++i)
    add(person("Jean" + std::string(1, 'a' + i), "Lefèvre", "", "", "75011"));
  add(person("Paul", "Martin", "", "", "75011"));
  auto in = typed_in("lefevre");
  std::set<std::int64_t> seen;
  std::vector<std::size_t> sizes;
  std::vector<bool> more;
  for (int offset = 0; offset < 30; offset += 10) {
    auto [ids, page] = find(in, 10, offset);
    sizes.push_back(ids.size());
    more.push_back(page.more);
    seen.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{10, 10, 5}));
  EXPECT_EQ(more, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(seen.size(), 25u);
}

TEST_F(CustomerSearchTest, AShortWordMatchesTheStartOfAWord) {
  // One to three letters: "hel d" as a CSR types a first name and an initial
  // (PostgreSQL matches them against the short prefixes of migration 0030,
  // SQLite against FTS5's prefix index).
  auto [helene, _] = add(person("Hélène", "Dupré", "", "", "75011"));
  add(person("Hélène", "Martin", "", "", "75011"));
  add(person("Denis", "Hébert", "", "", "75011"));
  EXPECT_EQ(find("hel d"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("h dup"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("du he"), (std::vector<std::int64_t>{helene.value}));
  EXPECT_EQ(find("d h").size(), 2u);
  EXPECT_TRUE(find("hel x").empty());
  EXPECT_TRUE(find("elen").empty()) << "a word is matched from its start only";
}

TEST_F(CustomerSearchTest, ManyMatchesAreListedInTheOrderTheyWereAddedPageAfterPage) {
  // More matches than are ranked (1,000): listed by id, the first pages
  // and a deeper one alike, without a customer twice.
  std::vector<std::int64_t> added;
  auto stored = t.db().write([&](Tx& tx) -> Status {
    for (int i = 0; i < 1010; ++i)
      added.push_back(
          CustomerRepository::insert(tx, person("Thomas", "Thomsen", "", "", "75011"), kSystem, now)
              .value);
    return Ok{};
  });
  ASSERT_TRUE(stored);
  add(person("Paul", "Martin", "", "", "75011"));
  const auto first = find("thomas tho", 20, 0);
  EXPECT_EQ(first, std::vector<std::int64_t>(added.begin(), added.begin() + 20));
  const auto second = find("thomas tho", 20, 20);
  EXPECT_EQ(second, std::vector<std::int64_t>(added.begin() + 20, added.begin() + 40));
  const auto deep = find("thomas tho", 20, 500);
  EXPECT_EQ(deep, std::vector<std::int64_t>(added.begin() + 500, added.begin() + 520));
  const auto last = find("thomas tho", 20, 1000);
  EXPECT_EQ(last, std::vector<std::int64_t>(added.begin() + 1000, added.end()));
}

TEST_F(CustomerSearchTest, FindsTheNewNameAfterAnUpdate) {
  auto [id, _] = add(person("Hélène", "Dupré", "", "", "75011"));
  auto updated = t.db().write([&](Tx& tx) -> Result<Version> {
    auto c = CustomerRepository::find(tx, id);
    if (!c) return c.error();
    c->family_name = "Lefèvre";
    return CustomerRepository::update(tx, *c, kSystem, now);
  });
  ASSERT_TRUE(updated);
  EXPECT_TRUE(find("dupre").empty());
  EXPECT_EQ(find("lefevre"), (std::vector<std::int64_t>{id.value}));
}

}  // namespace
}  // namespace rapport::store
