#include "core/language.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(Language, ReadsPosixAndBcp47Names) {
  EXPECT_EQ(parse_language("fr"), Language::fr);
  EXPECT_EQ(parse_language("fr_FR.UTF-8"), Language::fr);
  EXPECT_EQ(parse_language("fr-CA"), Language::fr);
  EXPECT_EQ(parse_language("EN"), Language::en);
  EXPECT_EQ(parse_language("en_GB.UTF-8"), Language::en);
}

TEST(Language, RefusesLanguagesRapportDoesNotSpeak) {
  EXPECT_FALSE(parse_language("de"));
  EXPECT_FALSE(parse_language("french"));
  EXPECT_FALSE(parse_language("C"));
  EXPECT_FALSE(parse_language(""));
}

}  // namespace
}  // namespace rapport
