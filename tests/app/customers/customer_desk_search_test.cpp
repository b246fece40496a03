// Control Central search through the desk: the installation's region for
// phone numbers, what matched, pages.
#include <set>

#include <gtest/gtest.h>

#include "app/customers/customer_desk.h"
#include "domain/customers/search_text.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using rapport::testing::typed_in;

using domain::Role;

NewCustomer person(const std::string& given, const std::string& family, const std::string& phone,
                   const std::string& postal_code = "75011") {
  NewCustomer n;
  n.customer.given_name = given;
  n.customer.family_name = family;
  n.customer.address = {"12 rue Victor-Hugo", "", postal_code, "Paris", "", "FR"};
  if (!phone.empty()) n.typed_phones = {{domain::PhoneType::mobile, phone}};
  n.customer.emails = {domain::normalize_for_search(given) + "." + std::to_string(phone.size()) +
                       "@exemple.fr"};
  n.save_despite_duplicates = true;
  return n;
}

class CustomerDeskSearchTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  Id<domain::Customer> add(NewCustomer n) {
    auto outcome = desk.add(csr, std::move(n));
    EXPECT_TRUE(outcome && outcome->created) << (outcome ? "" : outcome.error().key);
    return outcome && outcome->created ? outcome->created->customer.id : Id<domain::Customer>{};
  }

  SearchResults search(const std::string& text, int page = 1, int page_size = 20) {
    auto found = desk.search(csr, typed_in(text), page, page_size);
    EXPECT_TRUE(found) << text << ": " << (found ? "" : found.error().key);
    return found ? *found : SearchResults{};
  }

  std::vector<Id<domain::Customer>> ids(const SearchResults& r) {
    std::vector<Id<domain::Customer>> out;
    for (const auto& x : r.results) out.push_back(x.customer.id);
    return out;
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CustomerDesk desk{t.db(), clock};
  domain::User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
};

TEST_F(CustomerDeskSearchTest, FindsAnAccentedNameTypedWithoutAccentsAndSaysItMatchedTheName) {
  auto helene = add(person("Hélène", "Dupré", "06 12 34 56 78"));
  add(person("Paul", "Martin", "04 78 42 10 10", "69002"));
  for (const char* typed : {"helene dupre", "HÉLÈNE", "Dupre Helene"}) {
    auto found = search(typed);
    ASSERT_EQ(ids(found), (std::vector{helene})) << typed;
    EXPECT_EQ(found.results[0].matched, "name") << typed;
    EXPECT_EQ(found.results[0].account_numbers.size(), 1u);
  }
}

TEST_F(CustomerDeskSearchTest, FindsAPhoneInThreeFormatsForTheInstallationCountry) {
  auto helene = add(person("Hélène", "Dupré", "06 12 34 56 78"));
  add(person("Paul", "Martin", "06 12 34 56 79"));
  for (const char* typed : {"06 12 34 56 78", "+33 6 12 34 56 78", "0612345678"}) {
    auto found = search(typed);
    ASSERT_EQ(ids(found), (std::vector{helene})) << typed;
    EXPECT_EQ(found.results[0].matched, "phone");
  }
}

TEST_F(CustomerDeskSearchTest, FindsByAccountNumberAndPostalCode) {
  auto helene = add(person("Hélène", "Dupré", "06 12 34 56 78"));
  add(person("Paul", "Martin", "04 78 42 10 10", "69002"));
  auto number = desk.view(csr, helene)->accounts.at(0).number;
  auto by_account = search(number);
  ASSERT_EQ(ids(by_account), (std::vector{helene}));
  EXPECT_EQ(by_account.results[0].matched, "account");
  auto by_postal = search("75011");
  ASSERT_EQ(ids(by_postal), (std::vector{helene}));
  EXPECT_EQ(by_postal.results[0].matched, "postal_code");
}

TEST_F(CustomerDeskSearchTest, PagesTwentyFiveMatchesTenAtATime) {
  for (int i = 0; i < 25; ++i)
    add(person("Jean" + std::string(1, static_cast<char>('a' + i)), "Lefèvre", ""));
  add(person("Paul", "Martin", ""));
  std::set<Id<domain::Customer>> seen;
  std::vector<std::size_t> sizes;
  std::vector<bool> more;
  for (int page = 1; page <= 3; ++page) {
    auto found = search("lefevre", page, 10);
    EXPECT_EQ(found.page, page);
    sizes.push_back(found.results.size());
    more.push_back(found.more);
    for (const auto& r : found.results) seen.insert(r.customer.id);
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{10, 10, 5}));
  EXPECT_EQ(more, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_TRUE(search("lefevre", 4, 10).results.empty());
}

TEST_F(CustomerDeskSearchTest, RefusesOverLongQueriesAndBadPages) {
  auto refused = desk.search(csr, typed_in(std::string(domain::kMaxSearchLength + 1, 'a'), "name"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "search.too_long");
  EXPECT_EQ(refused.error().field, "name");
  EXPECT_EQ(desk.search(csr, typed_in("12 34", "phone")).error().key, "phone.invalid");
  EXPECT_EQ(desk.search(csr, typed_in("x"), 1, kMaxSearchPageSize + 1).error().key,
            "page.limit_invalid");
  EXPECT_EQ(desk.search(csr, typed_in("x"), 0).error().key, "page.number_invalid");
}

TEST_F(CustomerDeskSearchTest, FindsNothingForAnEmptyQuery) {
  add(person("Hélène", "Dupré", "06 12 34 56 78"));
  EXPECT_TRUE(search("").results.empty());
}

}  // namespace
}  // namespace rapport::app
