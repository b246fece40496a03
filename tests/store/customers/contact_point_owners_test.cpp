// The owners of a chunk's phones and e-mails, found in two queries on
// SQLite and PostgreSQL (the customer import's re-check under its lock).
#include "store/customers/contact_point_owners.h"

#include <gtest/gtest.h>

#include "store/customers/customer_repository.h"
#include "store/customers/customer_rows.h"
#include "support/fixed_clock.h"
#include "support/must.h"
#include "support/test_database.h"
#include "support/test_values.h"

namespace rapport::store {
namespace {

using rapport::testing::kSystem;

using testing::must;

TEST(ContactPointOwners, NamesTheCustomerOfEachStoredPhoneAndEmailAndNoOther) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto add = [&](const std::string& family, const std::string& phone, const std::string& email) {
    return must(t.db().write([&](Tx& tx) -> Result<long long> {
      domain::Customer c;
      c.family_name = family;
      c.given_name = "Test";
      c.address = {"1 rue de la Paix", "", "75002", "Paris", "", "FR"};
      c.time_zone = "Europe/Paris";
      c.phones.push_back({domain::PhoneType::mobile, phone, true});
      c.emails.push_back(email);
      return CustomerRepository::insert(tx, c, kSystem, testing::test_epoch()).value;
    }));
  };
  const long long dupre = add("Dupré", "+33612345678", "Helene.Dupre@Example.fr");
  const long long martin = add("Martin", "+33698765432", "martin@example.fr");

  // 1,500 keys in one bound parameter, most of them unknown.
  std::vector<std::string> phones{"+33698765432", "+33612345678"};
  for (int i = 0; i < 1500; ++i) phones.push_back("+3361000" + std::to_string(1000 + i));
  std::vector<std::string> emails{email_key("HELENE.DUPRE@example.FR"), "nobody@example.fr",
                                  "quote'\"),(--@example.fr"};
  auto owners = must(t.db().read([&](Tx& tx) -> Result<ContactPointOwners> {
    return contact_point_owners(tx, phones, emails);
  }));
  ASSERT_EQ(owners.by_phone.size(), 2u);
  EXPECT_EQ(owners.by_phone.at("+33612345678").customer, dupre);
  EXPECT_EQ(owners.by_phone.at("+33698765432").customer, martin);
  EXPECT_EQ(owners.by_phone.at("+33698765432").display_name, "Martin, Test");
  ASSERT_EQ(owners.by_email_key.size(), 1u);
  EXPECT_EQ(owners.by_email_key.at("helene.dupre@example.fr").customer, dupre);

  auto none = must(t.db().read(
      [&](Tx& tx) -> Result<ContactPointOwners> { return contact_point_owners(tx, {}, {}); }));
  EXPECT_TRUE(none.by_phone.empty());
  EXPECT_TRUE(none.by_email_key.empty());
}

}  // namespace
}  // namespace rapport::store
