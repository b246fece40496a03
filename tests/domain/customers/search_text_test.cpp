#include "domain/customers/search_text.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

TEST(SearchText, RemovesAccentsAndLowersCase) {
  EXPECT_EQ(normalize_for_search("Hélène Dupré"), "helene dupre");
  EXPECT_EQ(normalize_for_search("HÉLÈNE"), "helene");
  EXPECT_EQ(normalize_for_search("Ærø Çà Ñoño Öst"), "aero ca nono ost");
}

TEST(SearchText, FoldsLigaturesAndSharpS) {
  EXPECT_EQ(normalize_for_search("Cœur Straße"), "coeur strasse");
}

TEST(SearchText, TurnsPunctuationIntoSingleSpaces) {
  EXPECT_EQ(normalize_for_search("Hélène O'Brien-Dupré"), "helene o brien dupre");
  EXPECT_EQ(normalize_for_search("  Saint--Étienne,  (42) "), "saint etienne 42");
  EXPECT_EQ(normalize_for_search("jean.dupont@exemple.fr"), "jean dupont exemple fr");
}

TEST(SearchText, LeavesNothingOfPunctuationAlone) {
  EXPECT_EQ(normalize_for_search(""), "");
  EXPECT_EQ(normalize_for_search(" - ' . "), "");
}

TEST(SearchText, TypographicApostropheSeparatesWords) {
  EXPECT_EQ(normalize_for_search("L’Haÿ-les-Roses"), "l hay les roses");
}

TEST(SearchText, SplitsIntoNormalizedWordsInOrder) {
  EXPECT_EQ(search_words("Hélène  DUPRÉ-Martin"),
            (std::vector<std::string>{"helene", "dupre", "martin"}));
  EXPECT_TRUE(search_words("  ,  ").empty());
}

}  // namespace
}  // namespace rapport::domain
