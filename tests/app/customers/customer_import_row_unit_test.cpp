#include <gtest/gtest.h>

#include "app/customers/customer_import_row.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using rapport::testing::fields_of;

const std::vector<std::string> kHeader{"kind",  "family_name", "given_name", "company_name",
                                       "phone", "email",       "line1",      "postal_code",
                                       "city",  "country"};

ImportDefaults defaults() {
  ImportDefaults d;
  d.country = "FR";
  d.language = Language::fr;
  d.currency = "EUR";
  d.customer_classes = {"commercial", "residential"};
  return d;
}

ImportHeader header(std::vector<std::string> names = kHeader) {
  auto h = read_import_header(names);
  EXPECT_TRUE(h) << (h ? "" : h.error().key);
  return h ? *h : ImportHeader{};
}

TEST(ImportHeader, AcceptsColumnsInAnyOrderAndCase) {
  auto h = header({"Country", " CITY ", "postal_code", "line1", "email", "phone", "company_name",
                   "given_name", "family_name", "kind", "region"});
  EXPECT_EQ(h.index[static_cast<std::size_t>(ImportColumn::country)], 0u);
  EXPECT_EQ(h.index[static_cast<std::size_t>(ImportColumn::region)], 10u);
  EXPECT_FALSE(h.index[static_cast<std::size_t>(ImportColumn::line2)]);
}

TEST(ImportHeader, NamesAMissingRequiredColumn) {
  auto names = kHeader;
  names.erase(names.begin() + 4);  // phone
  auto h = read_import_header(names);
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().key, "import.column_missing");
  EXPECT_EQ(h.error().field, "phone");
  EXPECT_EQ(h.error().args, (MessageArgs{{"column", "phone"}}));
}

TEST(ImportHeader, NamesAnUnknownOrRepeatedColumn) {
  auto names = kHeader;
  names.push_back("postcode");
  EXPECT_EQ(read_import_header(names).error().key, "import.column_unknown");
  EXPECT_EQ(read_import_header(names).error().field, "postcode");
  names.back() = "City";
  EXPECT_EQ(read_import_header(names).error().key, "import.column_repeated");
}

TEST(ImportRow, ReadsAPersonWithDefaults) {
  FieldErrors errors;
  auto row = read_import_row(header(),
                             {"", "Dupré", "Hélène", "", "06 12 34 56 78", "helene@exemple.fr",
                              "12 rue Victor-Hugo", "75011", "Paris", ""},
                             defaults(), errors);
  EXPECT_TRUE(errors.empty()) << errors.errors.at(0).key;
  EXPECT_EQ(row.customer.kind, domain::CustomerKind::person);
  EXPECT_EQ(row.customer.address.country, "FR");
  EXPECT_EQ(row.customer.language, Language::fr);
  EXPECT_EQ(row.customer.customer_class, "residential");
  ASSERT_EQ(row.customer.phones.size(), 1u);
  EXPECT_EQ(row.customer.phones[0].e164, "+33612345678");
  EXPECT_EQ(row.customer.phones[0].type, domain::PhoneType::mobile);
  EXPECT_EQ(row.currency, "EUR");
  EXPECT_EQ(row.premise_type, "house");
  EXPECT_EQ(row.service_point_type, "");
}

TEST(ImportRow, ReadsTheNumberForTheRowsCountry) {
  FieldErrors errors;
  auto row = read_import_row(header(),
                             {"person", "Roy", "Noémie", "", "(416) 967-1111", "", "100 Queen St W",
                              "M5H 2N2", "Toronto", "ca"},
                             defaults(), errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(row.customer.phones.at(0).e164, "+14169671111");
}

TEST(ImportRow, NamesEveryBadCellByItsColumn) {
  auto names = kHeader;
  for (const char* extra : {"language", "customer_class", "phone_type", "account_currency",
                            "premise_type", "service_point_type"})
    names.push_back(extra);
  FieldErrors errors;
  read_import_row(header(names),
                  {"robot", "", "", "", "12 34", "nope", "", "7501", "", "XX", "de", "vip", "pager",
                   "EURO", "Big House", "électrique"},
                  defaults(), errors);
  EXPECT_EQ(fields_of(errors),
            (std::vector<std::string>{"kind", "language", "customer_class", "account_currency",
                                      "premise_type", "service_point_type", "phone_type", "phone",
                                      "family_name", "email", "line1", "city", "country"}));
}

TEST(ImportRow, RefusesARowOfAnotherWidth) {
  FieldErrors errors;
  read_import_row(header(), {"person", "Dupré"}, defaults(), errors);
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].key, "import.field_count");
  EXPECT_EQ(errors.errors[0].field, "");
}

TEST(ImportRow, RefusesTextThatIsNotUtf8) {
  FieldErrors errors;
  read_import_row(header(), {"person", "Dupr\xE9", "", "", "", "", "1 rue", "75011", "Paris", "FR"},
                  defaults(), errors);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.errors[0].key, "import.encoding_invalid");
  EXPECT_EQ(errors.errors[0].field, "family_name");
}

TEST(ImportRow, RefusesOverlongFormsControlCharactersAndLineBreaksInNames) {
  using namespace std::string_literals;
  struct Case {
    std::string family_name, key;
  };
  for (const auto& c : {Case{"Du\xC0\xAFpont", "import.encoding_invalid"},      // an overlong '/'
                        Case{"Du\xED\xA0\x80pont", "import.encoding_invalid"},  // a surrogate
                        Case{"Du\0pont"s, "text.control_character"},
                        Case{"Du\x1B[31mpont", "text.control_character"},
                        Case{"Du\r\npont", "text.one_line"}, Case{"Du\npont", "text.one_line"}}) {
    FieldErrors errors;
    read_import_row(header(),
                    {"person", c.family_name, "", "", "", "", "1 rue", "75011", "Paris", "FR"},
                    defaults(), errors);
    ASSERT_FALSE(errors.empty()) << ::testing::PrintToString(c.family_name);
    EXPECT_EQ(errors.errors[0].key, c.key) << ::testing::PrintToString(c.family_name);
    EXPECT_EQ(errors.errors[0].field, "family_name");
  }
}

TEST(ImportRow, TellsABlankRecord) {
  EXPECT_TRUE(is_blank({""}));
  EXPECT_TRUE(is_blank({" ", "", "\t"}));
  EXPECT_FALSE(is_blank({"", "x"}));
}

}  // namespace
}  // namespace rapport::app
