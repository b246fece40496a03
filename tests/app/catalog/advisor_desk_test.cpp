// The eAdvisor on a real database (SQLite and PostgreSQL): literature bytes
// stored and read back identically, its limits (size, type by the bytes,
// documents per product) refused with nothing stored, deletion checked
// against the version and audited; comparisons with their stale edits;
// the search by need in every text with the price on the list; 2–4
// products compared.
#include "app/catalog/advisor_desk.h"

#include <sstream>

#include <gtest/gtest.h>

#include "app/catalog/catalog_desk.h"
#include "store/audit_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using rapport::testing::ymd;

class AdvisorDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    pump = make("HEAT-PUMP", "Air-source heat pump", "Pompe à chaleur",
                {{"Puissance", "8 kW"}, {"Énergie", "Électricité"}});
    boiler = make("BOILER", "Gas boiler", "Chaudière gaz", {{"Puissance", "24 kW"}});
    meter = make("METER", "Smart meter", "Compteur communicant", {});
    PriceList l{{}, "STD", "Standard", "Standard", "EUR", ymd(2020, 1, 1), std::nullopt, true, 0};
    auto list = catalog.create_price_list(manager, l);
    ASSERT_TRUE(list);
    ASSERT_TRUE(catalog.set_price(manager, list->id, {pump.id, 899'000, {}}, list->version));
  }

  Product make(std::string code, std::string en, std::string fr,
               std::vector<ProductFeature> features) {
    Product p;
    p.code = std::move(code);
    p.name_en = std::move(en);
    p.name_fr = std::move(fr);
    p.orderable_from = ymd(2020, 1, 1);
    p.features = std::move(features);
    auto created = catalog.create_product(manager, p);
    EXPECT_TRUE(created);
    return created ? *created : p;
  }

  Result<Literature> upload(const std::string& bytes, const std::string& type,
                            std::optional<Id<Product>> product, FieldErrors* errors = nullptr,
                            std::uint64_t claimed = 0) {
    Literature l;
    l.product = product;
    l.title_en = "Brochure";
    l.title_fr = "Brochure";
    l.file_name = "../brochure été.pdf";
    std::istringstream in(bytes);
    return desk.upload_literature(manager, l, in, claimed ? claimed : bytes.size(), type, errors);
  }

  std::vector<std::string> codes_found(const std::string& q) {
    auto found = desk.search(csr, q, {});
    EXPECT_TRUE(found);
    std::vector<std::string> out;
    if (found)
      for (const auto& item : found->items) out.push_back(item.product.code);
    return out;
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CatalogDesk catalog{t.db(), clock};
  AdvisorDesk desk{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  Product pump, boiler, meter;
};

TEST_F(AdvisorDeskTest, LiteratureBytesReadBackIdentically) {
  // Every byte value, after a PDF's signature.
  std::string bytes = "%PDF-1.4\n";
  for (int round = 0; round < 3; ++round)
    for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  for (std::size_t extra = 0; extra < 3; ++extra) {  // every base64 padding
    auto saved = upload(bytes + std::string(extra, '\0'), "application/pdf", pump.id);
    ASSERT_TRUE(saved) << saved.error().key;
    EXPECT_EQ(saved->file_name, "brochure été.pdf");
    EXPECT_EQ(saved->content_type, "application/pdf");
    auto file = desk.literature_file(csr, saved->id);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->bytes, bytes + std::string(extra, '\0'));
    EXPECT_EQ(file->literature.size, static_cast<std::int64_t>(bytes.size() + extra));
  }
  auto listed = desk.literature(csr, pump.id);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 3u);
  // A document about the company in general.
  ASSERT_TRUE(upload("Conditions générales\n", "text/plain", std::nullopt));
  EXPECT_EQ(desk.literature(csr, std::nullopt)->size(), 1u);
}

TEST_F(AdvisorDeskTest, UploadsBeyondTheLimitsAreRefusedAndNothingIsStored) {
  FieldErrors errors;
  auto too_big = upload("%PDF-1.4", "application/pdf", pump.id, &errors,
                        static_cast<std::uint64_t>(kMaxLiteratureBytes) + 1);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().key, "literature.too_large");
  auto exe = upload(std::string("MZ\x90\0\3\0", 6), "application/pdf", pump.id);
  ASSERT_FALSE(exe);
  EXPECT_EQ(exe.error().key, "literature.type_refused");
  std::istringstream pdf("%PDF-");
  EXPECT_EQ(desk.upload_literature(csr, {}, pdf, 5, "application/pdf").error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(desk.literature(csr, pump.id)->empty());
  for (std::size_t i = 0; i < kMaxLiteraturePerProduct; ++i)
    ASSERT_TRUE(upload("%PDF-1.4 " + std::to_string(i), "application/pdf", pump.id));
  auto one_more = upload("%PDF-1.4 x", "application/pdf", pump.id);
  ASSERT_FALSE(one_more);
  EXPECT_EQ(one_more.error().key, "literature.too_many");
  EXPECT_EQ(desk.literature(csr, pump.id)->size(), kMaxLiteraturePerProduct);
}

TEST_F(AdvisorDeskTest, DeletingLiteratureChecksTheVersionAndIsAudited) {
  auto saved = upload("%PDF-1.4", "application/pdf", pump.id);
  ASSERT_TRUE(saved);
  EXPECT_EQ(desk.remove_literature(csr, saved->id, saved->version).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(desk.remove_literature(manager, saved->id, saved->version + 1).error().code,
            ErrorCode::conflict);
  ASSERT_TRUE(desk.remove_literature(manager, saved->id, saved->version));
  EXPECT_EQ(desk.literature_file(csr, saved->id).error().code, ErrorCode::not_found);
  auto history = t.db().read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "product", pump.id.value);
  });
  ASSERT_TRUE(history);
  bool removed = false;
  for (const auto& row : *history)
    if (row.field == "literature." + std::to_string(saved->id.value) && !row.new_value)
      removed = row.user_name == "Mona";
  EXPECT_TRUE(removed);
}

TEST_F(AdvisorDeskTest, ComparisonsAreVersionChecked) {
  CompetitorComparison c;
  c.product = pump.id;
  c.competitor = "Engie";
  c.their_product = "Chaudière gaz condensation";
  c.their_price = 450'000;
  c.currency = "eur";
  c.advantages_en = "No gas bill";
  c.advantages_fr = "Économies dès le premier hiver";
  EXPECT_EQ(desk.create_comparison(csr, c).error().code, ErrorCode::forbidden);
  FieldErrors errors;
  auto bad = c;
  bad.competitor = "";
  bad.currency = "XYZ";
  EXPECT_FALSE(desk.create_comparison(manager, bad, &errors));
  EXPECT_EQ(testing::fields_of(errors), (std::vector<std::string>{"competitor", "currency"}));
  auto created = desk.create_comparison(manager, c);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->currency, "EUR");
  auto first = *created, second = *created;
  first.their_price = 470'000;
  ASSERT_TRUE(desk.update_comparison(manager, first));
  second.advantages_en = "Stale";
  EXPECT_EQ(desk.update_comparison(manager, second).error().code, ErrorCode::conflict);
  EXPECT_EQ(desk.comparison(csr, created->id)->their_price, 470'000);
  EXPECT_EQ(desk.remove_comparison(manager, created->id, created->version).error().code,
            ErrorCode::conflict);
  ASSERT_TRUE(desk.remove_comparison(manager, created->id, created->version + 1));
  EXPECT_TRUE(desk.comparisons(csr, pump.id)->empty());
}

TEST_F(AdvisorDeskTest, SearchFindsANeedInFeaturesAndAdvantagesWithThePrice) {
  CompetitorComparison c{{},
                         boiler.id,
                         "EDF",
                         "Tarif Bleu",
                         std::nullopt,
                         "EUR",
                         "Cheaper to install",
                         "Moins chère à installer",
                         0};
  ASSERT_TRUE(desk.create_comparison(manager, c));
  EXPECT_EQ(codes_found("ELECTRICITE"), (std::vector<std::string>{"HEAT-PUMP"}));
  EXPECT_EQ(codes_found("moins chere installer"), (std::vector<std::string>{"BOILER"}));
  EXPECT_EQ(codes_found("puissance").size(), 2u);
  EXPECT_EQ(codes_found("compteur"), (std::vector<std::string>{"METER"}));
  EXPECT_TRUE(codes_found("frigo").empty());
  auto found = desk.search(csr, "pompe", {});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->items.size(), 1u);
  ASSERT_TRUE(found->items[0].price);
  EXPECT_EQ(found->items[0].price->unit_price, 899'000);
  ASSERT_TRUE(found->price_list);
  EXPECT_EQ(found->price_list->currency, "EUR");
}

TEST_F(AdvisorDeskTest, CompareTakesTwoToFourProducts) {
  auto one = desk.compare(csr, {pump.id.value}, {});
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().key, "advisor.compare_count");
  // The same product twice is one product.
  EXPECT_FALSE(desk.compare(csr, {pump.id.value, pump.id.value}, {}));
  EXPECT_FALSE(desk.compare(csr, {1, 2, 3, 4, 5}, {}));
  EXPECT_EQ(desk.compare(csr, {pump.id.value, 999'999}, {}).error().code, ErrorCode::not_found);
  auto two = desk.compare(csr, {boiler.id.value, pump.id.value}, {});
  ASSERT_TRUE(two);
  ASSERT_EQ(two->items.size(), 2u);
  EXPECT_EQ(two->items[0].product.code, "BOILER");  // in the order chosen
  EXPECT_EQ(two->feature_names, (std::vector<std::string>{"Puissance", "Énergie"}));
  EXPECT_FALSE(two->items[0].price);
  EXPECT_TRUE(two->items[1].price);
}

}  // namespace
}  // namespace rapport::app
