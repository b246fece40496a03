#include "app/customers/customer_import.h"

#include <chrono>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/access.h"
#include "app/customers/customer_desk.h"
#include "app/customers/customer_import_row.h"
#include "app/jobs/job_kinds.h"
#include "app/jobs/job_runner.h"
#include "domain/customers/customer_rules.h"
#include "i18n/catalog.h"
#include "i18n/format.h"
#include "store/customers/account_repository.h"
#include "store/customers/customer_class_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/premise_repository.h"
#include "store/settings/settings_repository.h"
#include "support/fixed_clock.h"
#include "support/job_takeover.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

using domain::Role;

const std::string kCustomerHeader =
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

  Result<ImportReport> import(const std::string& csv, bool skip_bad_rows = false,
                              std::size_t chunk_rows = 0, const ImportProgressFn& progress = {}) {
    std::istringstream in(csv);
    ImportOptions options;
    options.skip_bad_rows = skip_bad_rows;
    options.chunk_rows = chunk_rows;
    return desk.import_customers(manager, in, options, progress);
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
  auto report = import(kCustomerHeader + kHelene + kPaul + kNoemie);
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
  auto report = import(kCustomerHeader + kHelene + bad_paul + kNoemie);
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
      import(kCustomerHeader + kHelene + bad + kPaul + "person,Roy,Léa,,,,1 rue,7501,Paris,FR,,\n");
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
  auto report = import(kCustomerHeader + kHelene + bad_paul + kNoemie, true);
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
  auto report = import(kCustomerHeader + kHelene +
                       "person,\"Martin,Paul,,,,1 rue,69002,Lyon,FR,,\n" + kNoemie);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.quote_unclosed");
  EXPECT_EQ(arg(report.error(), "line"), "3");
  EXPECT_EQ(customers(), 0);

  report =
      import(kCustomerHeader + kHelene + kPaul + "person,\"Roy\"x,Léa,,,,1 rue,75011,Paris,FR,,\n");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.quote_stray");
  EXPECT_EQ(arg(report.error(), "line"), "4");
  EXPECT_EQ(customers(), 0);
}

TEST_F(CustomerImportTest, RefusesAnEmptyFile) {
  EXPECT_EQ(import("").error().key, "import.header_missing");
  auto header_only = import(kCustomerHeader);
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
  ASSERT_TRUE(import(kCustomerHeader + kHelene)->committed);
  std::string same_phone = "person,Durand,Luc,,+33 6 12 34 56 78,,5 rue,75011,Paris,FR,,\n";
  std::string same_email_as_earlier_row =
      "person,Petit,Anne,,,NOEMIE@exemple.ca,6 rue,75011,Paris,FR,,\n";
  auto report = import(kCustomerHeader + same_phone + kNoemie + same_email_as_earlier_row);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->imported, 1u);
  EXPECT_EQ(report->skipped, 2u);
  ASSERT_EQ(report->skips.size(), 2u);
  EXPECT_EQ(report->skips[0].line, 2u);
  // The earlier row's customer is named by the id it was given.
  domain::SearchInput noemie;
  noemie.text = "noemie@exemple.ca";
  EXPECT_EQ(arg(report->skips[1].reason, "id"), std::to_string(CustomerDesk(t.db(), clock)
                                                                   .search(manager, noemie)
                                                                   .value()
                                                                   .results.at(0)
                                                                   .customer.id.value));
  EXPECT_EQ(report->skips[0].column, "phone");
  EXPECT_EQ(report->skips[0].reason.key, "import.already_exists");
  EXPECT_EQ(report->skips[1].line, 4u);
  EXPECT_EQ(report->skips[1].column, "email");
  EXPECT_EQ(customers(), 2);
}

TEST_F(CustomerImportTest, ReportsProgressAndStopsWhenAsked) {
  std::string csv = kCustomerHeader;
  for (int i = 0; i < 5; ++i)
    csv += "person,Lefèvre,Jean" + std::to_string(i) + ",,,,1 rue,75011,Paris,FR,,\n";
  std::vector<std::size_t> seen, inserted;
  ImportOptions options;
  options.progress_every = 2;
  options.chunk_rows = 3;
  std::istringstream in(csv);
  auto report = desk.import_customers(manager, in, options, [&](const ImportProgress& p) {
    (p.inserting ? inserted : seen).push_back(p.inserting ? p.imported : p.rows);
    return true;
  });
  ASSERT_TRUE(report);
  EXPECT_EQ(seen, (std::vector<std::size_t>{2, 4, 5}));
  EXPECT_EQ(inserted, (std::vector<std::size_t>{3, 5}));
  EXPECT_EQ(customers(), 5);

  std::istringstream again(csv);
  auto stopped =
      desk.import_customers(manager, again, options, [](const ImportProgress&) { return false; });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().key, "import.cancelled");
  EXPECT_EQ(customers(), 5);
}

// Five rows, one a company, three with a service point.
std::string five_rows() {
  return kCustomerHeader + kHelene + kPaul + kNoemie +
         "company,,,Boulangerie Lefèvre,01 42 68 53 00,contact@lefevre.fr,4 rue du Four,75006,"
         "Paris,FR,,gas_meter\n"
         "person,Roy,Léa,,07 81 22 33 44,,5 avenue Foch,69006,Lyon,FR,,electric_meter\n";
}

// Every row of `table` ordered by `order`, each as "v1|v2|…" (NULL as ∅).
std::vector<std::string> dump(store::Database& db, const std::string& columns,
                              const std::string& table, const std::string& order) {
  return db
      .read([&](store::Tx& tx) -> Result<std::vector<std::string>> {
        std::vector<std::string> out;
        soci::rowset<soci::row> rs = (tx.sql().prepare << "SELECT " << columns << " FROM " << table
                                                       << " ORDER BY " << order);
        for (const auto& r : rs) {
          std::string line;
          for (std::size_t i = 0; i < r.size(); ++i) {
            if (i) line += "|";
            if (r.get_indicator(i) == soci::i_null) {
              line += "∅";
              continue;
            }
            switch (r.get_properties(i).get_data_type()) {
              case soci::dt_string:
                line += r.get<std::string>(i);
                break;
              case soci::dt_integer:
                line += std::to_string(r.get<int>(i));
                break;
              case soci::dt_long_long:
                line += std::to_string(r.get<long long>(i));
                break;
              case soci::dt_unsigned_long_long:
                line += std::to_string(r.get<unsigned long long>(i));
                break;
              case soci::dt_double:
                line += std::to_string(r.get<double>(i));
                break;
              default:
                line += "?";
                break;
            }
          }
          out.push_back(std::move(line));
        }
        return out;
      })
      .value();
}

// What an import writes, table by table (audit_log without its own id).
std::vector<std::vector<std::string>> everything(store::Database& db) {
  std::vector<std::vector<std::string>> out = {
      dump(db, "*", "customers", "id"),
      dump(db, "*", "customer_phones", "customer_id, e164"),
      dump(db, "*", "customer_emails", "customer_id, address"),
      dump(db, "*", "accounts", "id"),
      dump(db, "*", "account_persons", "account_id, customer_id"),
      dump(db, "*", "premises", "id"),
      dump(db, "*", "customer_premises", "customer_id, premise_id"),
      dump(db, "*", "service_points", "id"),
      dump(db, "at, user_id, user_name, record_type, record_id, field, old_value, new_value",
           "audit_log", "record_type, record_id, field")};
  if (db.dialect() == store::Dialect::sqlite)
    out.push_back(dump(db, "rowid, search_text", "customer_search", "rowid"));
  return out;
}

// The rows of a good file inserted one by one through the repositories, as
// the import did before it had chunks (and as CustomerDesk::add does).
void insert_one_by_one(store::Database& db, const std::string& csv, const store::Actor& actor,
                       Instant now) {
  ASSERT_TRUE(db.write([&](store::Tx& tx) -> Status {
    auto settings = store::SettingsRepository::load(tx);
    ImportDefaults defaults;
    defaults.country = settings.country;
    defaults.language = settings.default_language;
    defaults.currency = settings.currency;
    defaults.customer_classes = store::CustomerClassRepository::active_codes(tx);
    std::istringstream lines(csv);
    std::string line;
    auto split = [](const std::string& l) {
      std::vector<std::string> fields;
      std::istringstream in(l);
      for (std::string f; std::getline(in, f, ',');) fields.push_back(f);
      if (!l.empty() && l.back() == ',') fields.emplace_back();
      return fields;
    };
    std::getline(lines, line);
    auto header = read_import_header(split(line)).value();
    while (std::getline(lines, line)) {
      FieldErrors errors;
      ImportRow row = read_import_row(header, split(line), defaults, errors);
      EXPECT_TRUE(errors.empty()) << line;
      auto& c = row.customer;
      c.time_zone = domain::choose_time_zone(c, settings.time_zone);
      c.id = store::CustomerRepository::insert(tx, c, actor, now);
      domain::Account account;
      account.customer = c.id;
      account.customer_class = c.customer_class;
      account.currency = row.currency;
      account.start_date = date::year_month_day{date::floor<date::days>(now)};
      store::AccountRepository::insert(tx, account, actor, now);
      domain::Premise premise;
      premise.address = c.address;
      premise.premise_type = row.premise_type;
      premise.time_zone = c.time_zone;
      auto premise_id = store::PremiseRepository::insert(tx, premise, actor, now);
      if (!row.service_point_type.empty())
        store::PremiseRepository::insert_point(
            tx, {{}, premise_id, row.service_point_type, "to_install", 0, ""}, actor, now);
      store::PremiseRepository::link(tx, c.id, premise_id);
    }
    return Ok{};
  }));
}

TEST_F(CustomerImportTest, ChunksWriteExactlyWhatTheRepositoriesWouldHaveWritten) {
  auto report = import(five_rows(), false, 2);
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_TRUE(report->committed);
  EXPECT_FALSE(report->stopped);
  EXPECT_EQ(report->imported, 5u);

  testing::TestDatabase reference;
  ASSERT_TRUE(reference.ok());
  auto same_manager = testing::add_user(reference.db(), clock, "maya", Role::manager, "Maya");
  ASSERT_EQ(same_manager.id, manager.id);
  insert_one_by_one(reference.db(), five_rows(), actor_of(manager), clock.now());
  auto expected = everything(reference.db()), got = everything(t.db());
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], expected[i]) << "table " << i;
  EXPECT_EQ(got[0].size(), 5u);
  EXPECT_EQ(got[7].size(), 3u);  // service points

  EXPECT_EQ(found("boulangerie lefevre"), (std::vector<std::string>{"Boulangerie Lefèvre"}));
  EXPECT_EQ(found("07 81 22 33 44"), (std::vector<std::string>{"Roy, Léa"}));
  EXPECT_EQ(found("A1000005").size(), 1u);
}

TEST_F(CustomerImportTest, ABadRowWithoutSkipWritesNoChunk) {
  std::string bad = "person,Roy,Léa,,,,1 rue,7501,Paris,FR,,\n";
  auto report = import(five_rows() + bad, false, 1);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->imported, 0u);
  EXPECT_EQ(report->invalid, 1u);
  EXPECT_EQ(report->problems.at(0).line, 7u);
  EXPECT_EQ(customers(), 0);
}

TEST_F(CustomerImportTest, ACancelKeepsTheChunksCommittedAndSaysHowMany) {
  auto report = import(five_rows(), false, 2, [](const ImportProgress& p) {
    return !p.inserting;  // cancel once the first chunk is committed
  });
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_TRUE(report->stopped);
  EXPECT_EQ(report->stopped->key, "import.cancelled");
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(customers(), 2);
  EXPECT_EQ(found("helene dupre"), (std::vector<std::string>{"Dupré, Hélène"}));
  EXPECT_TRUE(found("noemie").empty());
  i18n::Catalog catalog(testing::test_locale_dir());
  EXPECT_EQ(catalog.text(Language::fr, "import.cancelled_partial",
                         {{"imported", "2"}, {"invalid", "0"}, {"skipped", "0"}}),
            "L’import a été arrêté après l’import de 2 clients\u202f; ce qui a été importé reste "
            "enregistré, le reste du fichier n’a pas été importé (0 ligne erronée, 0 ligne "
            "ignorée car déjà connue).");
  // One customer, and a count the size of a real file, as French writes it.
  EXPECT_EQ(catalog.text(Language::en, "import.done",
                         {{"imported", "19510"}, {"invalid", "1"}, {"skipped", "0"}}),
            "Import finished: 19,510 customers imported, 1 bad row, 0 rows skipped as already "
            "known.");
  EXPECT_EQ(catalog.text(Language::fr, "import.done",
                         {{"imported", "19510"}, {"invalid", "1"}, {"skipped", "0"}}),
            "Import terminé\u202f: " + i18n::format_integer(Language::fr, 19510) +
                " clients importés, 1 ligne erronée, 0 ligne ignorée car déjà connue.");
}

TEST_F(CustomerImportTest, AnotherWriterCommitsBetweenChunksAndItsPhoneIsNotImportedTwice) {
  // Another connection, as another server thread would use.
  auto other = store::Database::open(t.url(), 1);
  ASSERT_TRUE(other);
  bool wrote = false;
  long long other_id = 0;
  double waited_ms = 0;
  auto report = import(five_rows(), false, 2, [&](const ImportProgress& p) {
    if (!p.inserting || wrote) return true;
    // Between the first and the second chunk: a CSR saves Noémie (row 4,
    // in the second chunk) by hand. On SQLite this succeeds only if the
    // import released the write lock (it would wait 10 s, then fail).
    const auto started = std::chrono::steady_clock::now();
    auto saved = (*other)->write([&](store::Tx& tx) -> Result<long long> {
      domain::Customer c;
      c.family_name = "Roy";
      c.given_name = "Noémie";
      c.address = {"100 Queen St W", "", "M5H 2N2", "Toronto", "", "CA"};
      c.time_zone = "America/Toronto";
      c.phones.push_back({domain::PhoneType::mobile, "+14169671111", true});
      return store::CustomerRepository::insert(tx, c, system_actor("test"), clock.now()).value;
    });
    waited_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    EXPECT_TRUE(saved);
    if (saved) other_id = *saved;
    wrote = true;
    return true;
  });
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_TRUE(wrote);
  EXPECT_LT(waited_ms, 2000);
  EXPECT_EQ(report->imported, 4u);
  EXPECT_EQ(report->skipped, 1u);
  ASSERT_EQ(report->skips.size(), 1u);
  EXPECT_EQ(report->skips[0].line, 4u);
  EXPECT_EQ(report->skips[0].column, "phone");
  EXPECT_EQ(arg(report->skips[0].reason, "id"), std::to_string(other_id));
  EXPECT_EQ(customers(), 5);
  EXPECT_EQ(found("+1 416 967 1111").size(), 1u);
}

TEST_F(CustomerImportTest, RefusesMoreRowsThanTheLimit) {
  ImportOptions options;
  options.max_rows = 2;
  std::istringstream in(kCustomerHeader + kHelene + kPaul + kNoemie);
  auto report = desk.import_customers(manager, in, options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.too_many_rows");
  EXPECT_EQ(arg(report.error(), "line"), "4");
  EXPECT_EQ(customers(), 0);
}

TEST_F(CustomerImportTest, OnlyManagersAndAdminsImport) {
  auto csr = testing::add_user(t.db(), clock, "cora", Role::csr);
  std::istringstream in(kCustomerHeader + kHelene);
  EXPECT_EQ(desk.import_customers(csr, in, {}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(customers(), 0);
}

// Issue 17: an import whose server died after its first chunk is taken
// over by another server's worker once the lease ran out, and resumes after
// that chunk: every row imported once, none missing — rows without phone or
// e-mail, which no duplicate check would catch, included.
TEST_F(CustomerImportTest, AnImportWhoseServerDiedIsTakenOverAfterItsLastCommittedChunk) {
  using namespace std::chrono_literals;
  constexpr int kRows = 2500;  // three chunks of kDefaultChunkRows
  std::string csv = kCustomerHeader;
  for (int i = 0; i < kRows; ++i)
    csv += "person,Reprise,Client" + std::to_string(i) + ",,,,1 rue,75011,Paris,FR,,\n";
  auto a_db = store::Database::open(t.url(), 4);
  ASSERT_TRUE(a_db);
  auto a = testing::takeover_runner(**a_db, clock, 400ms);
  auto id = a->start(manager, "customer_import", R"({"skip_bad_rows":false})", csv);
  ASSERT_TRUE(id) << id.error().key;
  // As kill -9 once its first chunk is committed.
  testing::kill_after_first_chunk(a, [&] { return customers() > 0; });
  EXPECT_EQ(customers(), static_cast<long long>(ImportOptions::kDefaultChunkRows))
      << "the first chunk only";

  auto b = testing::takeover_runner(t.db(), clock, 0ms);
  b->start_workers();
  domain::Job job = testing::wait_final(*b, manager, *id);
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "import.done");
  EXPECT_EQ(job.counts["imported"], kRows);
  EXPECT_EQ(job.counts["skipped"], 0);
  EXPECT_EQ(job.counts["invalid"], 0);
  ASSERT_EQ(job.partitions.size(), 1u);
  EXPECT_EQ(job.partitions.front().attempt, 2) << "taken over";
  EXPECT_EQ(job.partitions.front().claimed_by, b->server_id());
  EXPECT_EQ(customers(), kRows);
  long long distinct = t.db()
                           .read([](store::Tx& tx) -> Result<long long> {
                             long long n = 0;
                             tx.sql() << "SELECT COUNT(DISTINCT given_name) FROM customers WHERE "
                                         "family_name = 'Reprise'",
                                 soci::into(n);
                             return n;
                           })
                           .value();
  EXPECT_EQ(distinct, kRows) << "no row imported twice";
}

}  // namespace
}  // namespace rapport::app
