// The eAdvisor's rules: a need found in any text of a product or of its
// comparisons, in either language, accents and case aside; 2–4 products
// compared; literature recognised by its bytes and held to its size.
#include "domain/catalog/advisor.h"

#include <gtest/gtest.h>

#include "domain/catalog/literature.h"

namespace rapport::domain {
namespace {

Product heat_pump() {
  Product p;
  p.code = "HEAT-PUMP";
  p.name_en = "Air-source heat pump";
  p.name_fr = "Pompe à chaleur air-eau";
  p.description_en = "Heats the whole house for less";
  p.description_fr = "Chauffe toute la maison pour moins cher";
  p.features = {{"Puissance", "8 kW"}, {"Énergie", "Électricité"}};
  return p;
}

TEST(AdvisorSearch, FindsANeedInAnyTextEitherLanguageAccentsAndCaseAside) {
  CompetitorComparison c;
  c.competitor = "Engie";
  c.their_product = "Chaudière gaz";
  c.advantages_en = "No gas bill";
  c.advantages_fr = "Économies dès le premier hiver";
  const auto text = advisor_search_text(heat_pump(), {c});
  EXPECT_TRUE(advisor_matches(text, "chaleur"));
  EXPECT_TRUE(advisor_matches(text, "POMPE A CHALEUR"));
  EXPECT_TRUE(advisor_matches(text, "maison chauffe"));   // description, any order
  EXPECT_TRUE(advisor_matches(text, "electricite"));      // a feature's value, no accent
  EXPECT_TRUE(advisor_matches(text, "énergie"));          // a feature's name
  EXPECT_TRUE(advisor_matches(text, "economies hiver"));  // our advantages
  EXPECT_TRUE(advisor_matches(text, "gas bill"));
  EXPECT_TRUE(advisor_matches(text, ""));
  EXPECT_FALSE(advisor_matches(text, "chaleur frigo"));  // every word must be found
  EXPECT_FALSE(advisor_matches(advisor_search_text(heat_pump(), {}), "economies"));
}

TEST(AdvisorSearch, AWordInTheNameRanksFirst) {
  Product other = heat_pump();
  other.name_en = "Boiler";
  other.name_fr = "Chaudière";
  EXPECT_GT(advisor_score(heat_pump(), "pompe"), advisor_score(other, "pompe"));
}

TEST(AdvisorCompare, TwoToFourProducts) {
  for (std::size_t n : {0u, 1u, 5u, 9u}) {
    auto refused = check_compare_count(n);
    ASSERT_FALSE(refused) << n;
    EXPECT_EQ(refused.error().key, "advisor.compare_count");
    EXPECT_EQ(refused.error().field, "products");
  }
  for (std::size_t n : {2u, 3u, 4u}) EXPECT_TRUE(check_compare_count(n)) << n;
}

TEST(AdvisorCompare, FeatureRowsAreEachNameOnceInOrder) {
  Product a = heat_pump(), b = heat_pump();
  b.features = {{"ENERGIE", "Gaz"}, {"Garantie", "5 ans"}};
  EXPECT_EQ(compared_feature_names({a, b}),
            (std::vector<std::string>{"Puissance", "Énergie", "Garantie"}));
  EXPECT_EQ(feature_value(b, "Énergie"), "Gaz");
  EXPECT_EQ(feature_value(a, "Garantie"), "");
}

TEST(Literature, TheTypeIsTheBytesOwnNotTheDeclaredOne) {
  EXPECT_EQ(sniff_literature_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(sniff_literature_type(std::string("\x89PNG\r\n\x1a\n\0\0", 10)), "image/png");
  EXPECT_EQ(sniff_literature_type("\xff\xd8\xff\xe0 JFIF"), "image/jpeg");
  EXPECT_EQ(sniff_literature_type("Tarifs été 2026\r\nligne 2\n"), "text/plain");
  EXPECT_EQ(sniff_literature_type(std::string("MZ\x90\0\x03", 5)), std::nullopt);
  EXPECT_EQ(sniff_literature_type("PK\x03\x04 zip"), std::nullopt);
  EXPECT_EQ(sniff_literature_type("caf\xc3"), std::nullopt);  // cut UTF-8
  EXPECT_EQ(sniff_literature_type(""), std::nullopt);

  Literature l;
  l.title_en = "Brochure";
  // An executable named brochure.pdf and declared as a PDF.
  auto refused = validate_literature(l, std::string("MZ\x90\0", 4), "application/pdf");
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].key, "literature.type_refused");
  // Text declared as a PDF.
  refused = validate_literature(l, "hello", "application/pdf");
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].key, "literature.type_mismatch");
  // A PDF declared as such, or as bytes.
  EXPECT_TRUE(validate_literature(l, "%PDF-1.4 x", "application/pdf; name=x").empty());
  EXPECT_TRUE(validate_literature(l, "%PDF-1.4 x", "application/octet-stream").empty());
  EXPECT_EQ(l.content_type, "application/pdf");
  EXPECT_EQ(l.size, 10);
}

TEST(Literature, SizeAndTitleLimits) {
  EXPECT_EQ(literature_size_error(0)->key, "literature.file_empty");
  EXPECT_FALSE(literature_size_error(kMaxLiteratureBytes));
  auto over = literature_size_error(kMaxLiteratureBytes + 1);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->key, "literature.too_large");
  EXPECT_EQ(over->field, "file");
  Literature l;
  auto refused = validate_literature(l, "%PDF-1.4", "");
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].field, "title_en");
  l.title_fr = std::string(kMaxLiteratureTitleLength + 1, 'x');
  EXPECT_EQ(validate_literature(l, "%PDF-1.4", "").errors.at(0).key, "field.too_long");
}

TEST(Literature, FileNamesAreCleaned) {
  EXPECT_EQ(clean_file_name("C:\\docs\\brochure.pdf"), "brochure.pdf");
  EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(clean_file_name("a\"b;c\r\n.pdf"), "abc.pdf");
  EXPECT_EQ(clean_file_name(""), "document");
  EXPECT_EQ(clean_file_name("Fiche été.pdf"), "Fiche été.pdf");
  EXPECT_LE(clean_file_name(std::string(300, 'e') + "é").size(), kMaxLiteratureFileNameLength);
}

}  // namespace
}  // namespace rapport::domain
