// The audit trail as a person reads it: codes, yes/no and JSON lists shown
// in the reader's language, values it does not know shown as stored.
#include <gtest/gtest.h>

#include "support/test_database.h"
#include "web/ui/history_values.h"

namespace rapport::web::ui {
namespace {

class HistoryValues : public ::testing::Test {
 protected:
  std::string shown(Language lang, const std::string& field, const std::string& value) {
    return history_value(catalog, lang, field, value);
  }
  i18n::Catalog catalog{testing::test_locale_dir()};
};

TEST_F(HistoryValues, YesAndNoRatherThanOneAndZero) {
  EXPECT_EQ(shown(Language::en, "active", "1"), "Yes");
  EXPECT_EQ(shown(Language::fr, "active", "0"), "Non");
  // A number that is not a flag stays a number.
  EXPECT_EQ(shown(Language::fr, "display_order", "1"), "1");
}

TEST_F(HistoryValues, CodesByTheirLabels) {
  EXPECT_EQ(shown(Language::fr, "target_classes", "residential,commercial"),
            "Résidentiel, Professionnel");
  EXPECT_EQ(shown(Language::en, "new_person_relationship", "main"),
            catalog.text(Language::en, "account_relationship.main"));
  EXPECT_EQ(shown(Language::fr, "premise_usage", "required"),
            catalog.text(Language::fr, "usage.required"));
  EXPECT_EQ(shown(Language::en, "new_person_language", "fr"),
            catalog.text(Language::en, "language.fr"));
  // An unknown code is shown as it is.
  EXPECT_EQ(shown(Language::en, "new_person_class", "farm"), "farm");
}

TEST_F(HistoryValues, JsonListsByWhatAPersonRecognises) {
  const std::string questions =
      R"([{"code":"owns_ev","prompt_en":"Do you own an EV?","prompt_fr":"Avez-vous un VE ?"},)"
      R"({"code":"size","prompt_en":"How many people?","prompt_fr":""}])";
  EXPECT_EQ(shown(Language::fr, "questions", questions), "Avez-vous un VE ? · How many people?");
  EXPECT_EQ(shown(Language::en, "rules", R"({"groups":[{"label":"Seniors"},{"label":"Owners"}]})"),
            "Seniors · Owners");
  EXPECT_EQ(shown(Language::fr, "rules", R"({"groups":[]})"), "(aucun)");
  EXPECT_EQ(shown(Language::fr, "overrides", R"([{},{}])"), "2 réglages particuliers");
  EXPECT_EQ(shown(Language::en, "overrides", R"([{}])"), "1 override");
}

TEST_F(HistoryValues, EmptyIsADashAndTextStaysText) {
  EXPECT_EQ(shown(Language::en, "valid_to", ""), "—");
  EXPECT_EQ(shown(Language::fr, "code", "GREEN-2026"), "GREEN-2026");
  EXPECT_EQ(shown(Language::en, "description_en", "[not JSON"), "[not JSON");
}

}  // namespace
}  // namespace rapport::web::ui
