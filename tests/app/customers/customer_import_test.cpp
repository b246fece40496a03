#include "app/customers/customer_import.h"

#include <sstream>

#include <gtest/gtest.h>

#include "app/customers/customer_desk.h"
#include "i18n/catalog.h"
#include "store/customers/customer_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

using domain::Role;

const std::string kHeader =
    "kind,family_name,given_name,company_name,phone,email,line1,postal_code,city,country,"
    "account_currency,service_point_type\n";
const std::string kHelene =
    "person,Dupré,Hélène,,06 12 34 56 78,helene@exemple.fr,12 rue Victor-Hugo,75011,Paris,FR,,"
    "electric_meter\n";
const std::string kPaul = "person,Martin,Paul,,04 78 42 10 10,,3 place du Marché,69002,Lyon,FR,,\n";
const std::string kNoemie =
    "person,Roy,Noémie,,(416) 967-1111,noemie@exemple.ca,100 Queen St W,M5H 2N2,Toronto,CA,CAD,\n";

class CustomerImportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  Result<ImportReport> import(const std::string& csv, bool skip_bad_rows = false) {
    std::istringstream in(csv);
    ImportOptions options;
    options.skip_bad_rows = skip_bad_rows;
    return desk.import_customers(manager, in, options);
  }

  long long customers() {
    return t.db()
        .read(
            [](store::Tx& tx) -> Result<long long> { return store::CustomerRepository::count(tx); })
        .value();
  }

  // The customers the desk finds for `text`, by display name.
  std::vector<std::string> found(const std::string& text) {
    domain::SearchInput in;
    in.text = text;
    auto r = CustomerDesk(t.db(), clock).search(manager, in);
    EXPECT_TRUE(r);
    std::vector<std::string> names;
    if (r)
      for (const auto& x : r->results) names.push_back(x.customer.display_name());
    return names;
  }

  std::string arg(const Error& e, const std::string& name) {
    for (const auto& [n, v] : e.args)
      if (n == name) return v;
    return "";
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CustomerImportDesk desk{t.db(), clock};
  domain::User manager = testing::add_user(t.db(), clock, "maya", Role::manager, "Maya");
};

TEST_F(CustomerImportTest, ImportsEveryRowOfAGoodFile) {
  auto report = import(kHeader + kHelene + kPaul + kNoemie);
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->rows, 3u);
  EXPECT_EQ(report->imported, 3u);
  EXPECT_EQ(report->invalid, 0u);
  EXPECT_TRUE(report->problems.empty());
  EXPECT_EQ(customers(), 3);

  EXPECT_EQ(found("helene dupre"), (std::vector<std::string>{"Dupré, Hélène"}));
  EXPECT_EQ(found("06 12 34 56 78"), (std::vector<std::string>{"Dupré, Hélène"}));
  CustomerDesk customers_desk(t.db(), clock);
  domain::SearchInput in;
  in.text = "+1 416 967 1111";
  auto noemie = customers_desk.search(manager, in).value().results.at(0).customer;
  auto view = customers_desk.view(manager, noemie.id).value();
  EXPECT_EQ(view.customer.time_zone, "America/Toronto");
  ASSERT_EQ(view.accounts.size(), 1u);
  EXPECT_EQ(view.accounts[0].currency, "CAD");
  ASSERT_EQ(view.premises.size(), 1u);
  EXPECT_EQ(view.premises[0].premise.address.postal_code, "M5H 2N2");
  EXPECT_TRUE(view.premises[0].points.empty());
  in.text = "helene@exemple.fr";
  auto helene = customers_desk.search(manager, in).value().results.at(0).customer;
  auto helene_view = customers_desk.view(manager, helene.id).value();
  EXPECT_EQ(helene_view.accounts.at(0).currency, "EUR");
  ASSERT_EQ(helene_view.premises.at(0).points.size(), 1u);
  EXPECT_EQ(helene_view.premises[0].points[0].type, "electric_meter");
}

TEST_F(CustomerImportTest, ABadRowImportsNothingAndNamesItsLineAndColumn) {
  std::string bad_paul = kPaul;
  bad_paul.replace(bad_paul.find("04 78 42 10 10"), 14, "04 78");
  auto report = import(kHeader + kHelene + bad_paul + kNoemie);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->imported, 0u);
  EXPECT_EQ(report->invalid, 1u);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].line, 3u);
  EXPECT_EQ(report->problems[0].column, "phone");
  EXPECT_EQ(report->problems[0].reason.key, "phone.invalid");
  EXPECT_EQ(customers(), 0);
  EXPECT_TRUE(found("dupre").empty());
}

TEST_F(CustomerImportTest, ReportsEveryBadRowInTheUsersLanguage) {
  std::string bad = "person,,Jean,,,jean-at-exemple.fr,1 rue,75011,Paris,FR,,\n";
  auto report =
      import(kHeader + kHelene + bad + kPaul + "person,Roy,Léa,,,,1 rue,7501,Paris,FR,,\n");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->invalid, 2u);
  EXPECT_EQ(report->problems_total, 3u);
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(customers(), 0);
  std::vector<std::pair<std::size_t, std::string>> cells;
  for (const auto& p : report->problems) cells.emplace_back(p.line, p.column);
  EXPECT_EQ(cells, (std::vector<std::pair<std::size_t, std::string>>{
                       {3, "family_name"}, {3, "email"}, {5, "postal_code"}}));
  i18n::Catalog catalog(testing::test_locale_dir());
  EXPECT_EQ(catalog.message(Language::fr, report->problems[2].reason),
            "Le code postal 7501 ne correspond pas au pays FR.");
  EXPECT_EQ(catalog.message(Language::en, report->problems[2].reason),
            "The postal code 7501 does not fit the country FR.");
}

TEST_F(CustomerImportTest, SkipBadRowsImportsTheGoodOnes) {
  std::string bad_paul = kPaul;
  bad_paul.replace(bad_paul.find("04 78 42 10 10"), 14, "04 78");
  auto report = import(kHeader + kHelene + bad_paul + kNoemie, true);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(report->invalid, 1u);
  EXPECT_EQ(report->problems.at(0).line, 3u);
  EXPECT_EQ(customers(), 2);
  EXPECT_TRUE(found("martin").empty());
}

TEST_F(CustomerImportTest, RefusesAFileMissingAColumnNamingIt) {
  auto report = import(
      "kind,family_name,given_name,company_name,email,line1,postal_code,city,country\n"
      "person,Dupré,Hélène,,h@exemple.fr,1 rue,75011,Paris,FR\n");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.column_missing");
  EXPECT_EQ(arg(report.error(), "column"), "phone");
  EXPECT_EQ(customers(), 0);
}

TEST_F(CustomerImportTest, RefusesBrokenQuotingNamingTheLineAndImportsNothing) {
  auto report =
      import(kHeader + kHelene + "person,\"Martin,Paul,,,,1 rue,69002,Lyon,FR,,\n" + kNoemie);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.quote_unclosed");
  EXPECT_EQ(arg(report.error(), "line"), "3");
  EXPECT_EQ(customers(), 0);

  report = import(kHeader + kHelene + kPaul + "person,\"Roy\"x,Léa,,,,1 rue,75011,Paris,FR,,\n");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.quote_stray");
  EXPECT_EQ(arg(report.error(), "line"), "4");
  EXPECT_EQ(customers(), 0);
}

TEST_F(CustomerImportTest, RefusesAnEmptyFile) {
  EXPECT_EQ(import("").error().key, "import.header_missing");
  auto header_only = import(kHeader);
  ASSERT_TRUE(header_only);
  EXPECT_EQ(header_only->rows, 0u);
}

TEST_F(CustomerImportTest, QuotedFieldsWithCommasLineBreaksAndAccentsRoundTrip) {
  std::string csv =
      "\xEF\xBB\xBF"
      "kind,company_name,family_name,given_name,phone,email,line1,line2,postal_code,city,"
      "country\r\n"
      "company,\"Boulangerie \"\"Chez Hélène\"\", Dupré & fils\",,,01 42 68 53 00,,"
      "\"12, rue de l’Église\",\"Bâtiment B\r\nEscalier 3\",42000,Saint-Étienne,FR\r\n"
      "person,,Ørsted,Zoë,,,1 rue,,bad,Paris,FR\r\n";
  auto report = import(csv, true);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->imported, 1u);
  // The bad row's line counts the line break inside the quoted field.
  ASSERT_FALSE(report->problems.empty());
  EXPECT_EQ(report->problems[0].line, 4u);
  CustomerDesk customers_desk(t.db(), clock);
  domain::SearchInput in;
  in.text = "boulangerie chez helene";
  auto results = customers_desk.search(manager, in).value().results;
  ASSERT_EQ(results.size(), 1u);
  const auto& c = results[0].customer;
  EXPECT_EQ(c.kind, domain::CustomerKind::company);
  EXPECT_EQ(c.company_name, "Boulangerie \"Chez Hélène\", Dupré & fils");
  EXPECT_EQ(c.address.line1, "12, rue de l’Église");
  EXPECT_EQ(c.address.line2, "Bâtiment B\r\nEscalier 3");
  EXPECT_EQ(c.address.city, "Saint-Étienne");
}

TEST_F(CustomerImportTest, SkipsRowsWhosePhoneOrEmailAlreadyExists) {
  ASSERT_TRUE(import(kHeader + kHelene)->committed);
  std::string same_phone = "person,Durand,Luc,,+33 6 12 34 56 78,,5 rue,75011,Paris,FR,,\n";
  std::string same_email_as_earlier_row =
      "person,Petit,Anne,,,NOEMIE@exemple.ca,6 rue,75011,Paris,FR,,\n";
  auto report = import(kHeader + same_phone + kNoemie + same_email_as_earlier_row);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->imported, 1u);
  EXPECT_EQ(report->skipped, 2u);
  ASSERT_EQ(report->skips.size(), 2u);
  EXPECT_EQ(report->skips[0].line, 2u);
  EXPECT_EQ(report->skips[0].column, "phone");
  EXPECT_EQ(report->skips[0].reason.key, "import.already_exists");
  EXPECT_EQ(report->skips[1].line, 4u);
  EXPECT_EQ(report->skips[1].column, "email");
  EXPECT_EQ(customers(), 2);
}

TEST_F(CustomerImportTest, ReportsProgressAndStopsWhenAsked) {
  std::string csv = kHeader;
  for (int i = 0; i < 5; ++i)
    csv += "person,Lefèvre,Jean" + std::to_string(i) + ",,,,1 rue,75011,Paris,FR,,\n";
  std::vector<std::size_t> seen;
  ImportOptions options;
  options.progress_every = 2;
  std::istringstream in(csv);
  auto report = desk.import_customers(manager, in, options, [&](const ImportProgress& p) {
    seen.push_back(p.rows);
    return true;
  });
  ASSERT_TRUE(report);
  EXPECT_EQ(seen, (std::vector<std::size_t>{2, 4, 5}));
  EXPECT_EQ(customers(), 5);

  std::istringstream again(csv);
  auto stopped =
      desk.import_customers(manager, again, options, [](const ImportProgress&) { return false; });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().key, "import.cancelled");
  EXPECT_EQ(customers(), 5);
}

TEST_F(CustomerImportTest, RefusesMoreRowsThanTheLimit) {
  ImportOptions options;
  options.max_rows = 2;
  std::istringstream in(kHeader + kHelene + kPaul + kNoemie);
  auto report = desk.import_customers(manager, in, options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.too_many_rows");
  EXPECT_EQ(arg(report.error(), "line"), "4");
  EXPECT_EQ(customers(), 0);
}

TEST_F(CustomerImportTest, OnlyManagersAndAdminsImport) {
  auto csr = testing::add_user(t.db(), clock, "cora", Role::csr);
  std::istringstream in(kHeader + kHelene);
  EXPECT_EQ(desk.import_customers(csr, in, {}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(customers(), 0);
}

}  // namespace
}  // namespace rapport::app
