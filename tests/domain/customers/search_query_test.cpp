#include "domain/customers/search_query.h"

#include <string>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

SearchQuery understood(const std::string& text, std::string_view region = "FR") {
  SearchInput in;
  in.text = text;
  auto q = parse_search(in, region);
  EXPECT_TRUE(q) << text << ": " << (q ? "" : q.error().key);
  return q ? *q : SearchQuery{};
}

TEST(SearchQuery, ReadsNamesAsNormalizedWords) {
  auto q = understood("  Hélène DUPRÉ ");
  EXPECT_EQ(q.words, (std::vector<std::string>{"helene", "dupre"}));
  EXPECT_TRUE(q.phones.empty());
  EXPECT_FALSE(q.email);
  EXPECT_FALSE(q.postal_key);
}

TEST(SearchQuery, ReadsAPhoneInThreeFormatsAsTheSameNumber) {
  for (const char* typed : {"06 12 34 56 78", "+33 6 12 34 56 78", "0612345678"}) {
    auto q = understood(typed);
    EXPECT_EQ(q.phones, (std::vector<std::string>{"+33612345678"})) << typed;
    EXPECT_TRUE(q.words.empty()) << typed;
    EXPECT_FALSE(q.postal_key) << typed;
  }
}

TEST(SearchQuery, ReadsANationalPhoneForTheInstallationRegion) {
  auto q = understood("(416) 967-1111", "CA");
  EXPECT_EQ(q.phones, (std::vector<std::string>{"+14169671111"}));
}

TEST(SearchQuery, ReadsAnEmailInLowerCase) {
  auto q = understood("Jean.Dupont@Exemple.FR");
  EXPECT_EQ(q.email, "jean.dupont@exemple.fr");
  EXPECT_TRUE(q.words.empty());
}

TEST(SearchQuery, ReadsAnAccountNumber) {
  EXPECT_EQ(understood("A1000001").account_number, "A1000001");
  EXPECT_EQ(understood("a1000001").account_number, "A1000001");
  EXPECT_FALSE(understood("A100").account_number);
}

TEST(SearchQuery, ReadsACustomerIdAfterAHash) {
  auto q = understood("#42");
  EXPECT_EQ(q.customer_id, 42);
  EXPECT_TRUE(q.words.empty());
}

TEST(SearchQuery, ReadsBareDigitsAsAWordNotAnId) {
  auto q = understood("42");
  EXPECT_FALSE(q.customer_id);
  EXPECT_EQ(q.words, (std::vector<std::string>{"42"}));
}

TEST(SearchQuery, ReadsAFrenchPostalCode) {
  auto q = understood("75011");
  EXPECT_EQ(q.postal_key, "75011");
  EXPECT_TRUE(q.phones.empty());
  EXPECT_TRUE(q.words.empty());
}

TEST(SearchQuery, ReadsACanadianPostalCodeWithOrWithoutSpace) {
  EXPECT_EQ(understood("K1A 0B1").postal_key, "K1A0B1");
  EXPECT_EQ(understood("h2x1y4").postal_key, "H2X1Y4");
}

TEST(SearchQuery, CombinesTheBoxWithTheOptionalFields) {
  SearchInput in;
  in.text = "Dupré";
  in.postal_code = "75 011";
  in.phone = "0612345678";
  in.account_number = " a1000002 ";
  in.customer_id = "#7";
  auto q = parse_search(in, "FR");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->words, (std::vector<std::string>{"dupre"}));
  EXPECT_EQ(q->postal_key, "75011");
  EXPECT_EQ(q->phones, (std::vector<std::string>{"+33612345678"}));
  EXPECT_EQ(q->account_number, "A1000002");
  EXPECT_EQ(q->customer_id, 7);
}

TEST(SearchQuery, EmptyInputIsAnEmptyQuery) {
  EXPECT_TRUE(understood("").empty());
  EXPECT_TRUE(understood("  - ").empty());
}

TEST(SearchQuery, RefusesAnOverLongBoxNamingIt) {
  SearchInput in;
  in.text = std::string(kMaxSearchLength + 1, 'a');
  auto q = parse_search(in, "FR");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().key, "search.too_long");
  EXPECT_EQ(q.error().field, "q");
}

TEST(SearchQuery, RefusesAnOverLongFieldNamingIt) {
  SearchInput in;
  in.address = std::string(kMaxSearchLength + 1, 'a');
  auto q = parse_search(in, "FR");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().key, "search.too_long");
  EXPECT_EQ(q.error().field, "address");
}

TEST(SearchQuery, AcceptsTextOfExactlyTheLimit) {
  SearchInput in;
  in.name = std::string(kMaxSearchLength, 'a');
  EXPECT_TRUE(parse_search(in, "FR"));
}

TEST(SearchQuery, RefusesAnInvalidPhoneField) {
  SearchInput in;
  in.phone = "12 34";
  auto q = parse_search(in, "FR");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().key, "phone.invalid");
  EXPECT_EQ(q.error().field, "phone");
}

TEST(SearchQuery, RefusesACustomerIdFieldThatIsNotANumber) {
  SearchInput in;
  in.customer_id = "abc";
  auto q = parse_search(in, "FR");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().key, "search.customer_id_invalid");
  EXPECT_EQ(q.error().field, "customer_id");
}

TEST(SearchQuery, NormalizesPostalCodes) {
  EXPECT_EQ(postal_key("k1a 0b1"), "K1A0B1");
  EXPECT_EQ(postal_key(" 75-011 "), "75011");
}

}  // namespace
}  // namespace rapport::domain
