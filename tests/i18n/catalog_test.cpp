#include "i18n/catalog.h"

#include <gtest/gtest.h>

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
}  // namespace rapport::i18n
