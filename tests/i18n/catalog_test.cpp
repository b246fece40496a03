#include "i18n/catalog.h"

#include <gtest/gtest.h>

#include "i18n/format.h"
#include "support/test_database.h"

namespace rapport::i18n {
namespace {

TEST(Catalog, TranslatesKeysIntoEachLanguage) {
  Catalog catalog(testing::test_locale_dir());
  EXPECT_EQ(catalog.text(Language::en, "login.failed"), "Wrong login or password.");
  EXPECT_EQ(catalog.text(Language::fr, "login.failed"), "Identifiant ou mot de passe incorrect.");
}

TEST(Catalog, FillsNamedPlaceholders) {
  Catalog catalog(testing::test_locale_dir());
  EXPECT_EQ(catalog.text(Language::fr, "login.locked", {{"minutes", "12"}}),
            "Trop de tentatives de connexion échouées. Réessayez dans 12 min.");
}

TEST(Catalog, TranslatesErrors) {
  Catalog catalog(testing::test_locale_dir());
  Error e = Error::invalid("user.password_short", "password", {{"min", "8"}});
  EXPECT_EQ(catalog.message(Language::en, e), "The password must have at least 8 characters.");
}

TEST(Catalog, ReportsMissingKeys) {
  Catalog catalog(testing::test_locale_dir());
  EXPECT_FALSE(catalog.has(Language::fr, "no.such.key"));
  EXPECT_EQ(catalog.text(Language::fr, "no.such.key"), "no.such.key");
  EXPECT_TRUE(catalog.has(Language::fr, "nav.desk"));
}

TEST(Catalog, FillPlaceholdersLeavesUnknownOnesAndRepeats) {
  EXPECT_EQ(fill_placeholders("{a} and {a} but {b}", {{"a", "x"}}), "x and x but {b}");
  EXPECT_EQ(fill_placeholders("{a}", {{"a", "{a}"}}), "{a}");
}

}  // namespace
TEST(Catalog, CountsTakeTheLanguagesPluralForms) {
  Catalog catalog(testing::test_locale_dir());
  auto tree = [&](Language lang, const char* packages, const char* eligible) {
    return catalog.text(lang, "order.tree.packages",
                        {{"packages", packages}, {"eligible", eligible}});
  };
  EXPECT_EQ(tree(Language::en, "1", "1"), "(1 package, 1 eligible)");
  EXPECT_EQ(tree(Language::en, "3", "0"), "(3 packages, 0 eligible)");
  // French: 0 and 1 are singular.
  EXPECT_EQ(tree(Language::fr, "1", "1"), "(1 forfait, 1 éligible)");
  EXPECT_EQ(tree(Language::fr, "3", "0"), "(3 forfaits, 0 éligible)");
  EXPECT_EQ(tree(Language::fr, "3", "2"), "(3 forfaits, 2 éligibles)");
  EXPECT_EQ(catalog.text(Language::en, "cli.token_revoked", {{"count", "1"}}), "1 token revoked.");
  EXPECT_EQ(catalog.text(Language::en, "cli.token_revoked", {{"count", "1200"}}),
            "1,200 tokens revoked.");
  // A summary writes its counts as the table beside it does (format_integer).
  MessageArgs counts{{"created", "19510"},          {"already_present", "0"},
                     {"skipped_by_exception", "2"}, {"skipped_by_non_activity", "0"},
                     {"without_phone", "0"},        {"deleted", "0"}};
  EXPECT_EQ(catalog.text(Language::en, "generation.done", counts).substr(0, 48),
            "Generation finished. Entries created: 19,510 · ");
  EXPECT_NE(catalog.text(Language::fr, "generation.done", counts)
                .find("Entrées créées\u202f: " + format_integer(Language::fr, 19510) + " · "),
            std::string::npos);
}

}  // namespace rapport::i18n
