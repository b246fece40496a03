// Text is checked once where it comes in: well-formed UTF-8 and no control
// characters but the line breaks and tabs a multi-line text may hold.
#include "core/text.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

using namespace std::string_literals;

TEST(Text, AcceptsWellFormedTextInEveryScript) {
  for (std::string ok : {""s, "Hélène Dupré"s, "日本語"s, "Ελληνικά"s, "😀 emoji"s, "\u00A0nbsp"s,
                         "\uFFFD"s, "\U0010FFFF"s, "\uD7FF\uE000"s})
    EXPECT_EQ(text_fault(ok, Lines::one), TextFault::none) << ok;
}

TEST(Text, RefusesMalformedUtf8) {
  for (std::string bad : {
           "\xFF"s,              // never in UTF-8
           "abc\xC3"s,           // cut short
           "\xC3("s,             // not a continuation byte
           "\x80"s,              // a lone continuation byte
           "\xC0\xAF"s,          // overlong '/'
           "\xC1\xBF"s,          // overlong
           "\xE0\x80\xAF"s,      // overlong '/' in three bytes
           "\xF0\x80\x80\xAF"s,  // overlong '/' in four bytes
           "\xC0\x80"s,          // overlong NUL (modified UTF-8)
           "\xED\xA0\x80"s,      // a surrogate (U+D800)
           "\xED\xBF\xBF"s,      // a surrogate (U+DFFF)
           "\xF4\x90\x80\x80"s,  // past U+10FFFF
           "\xF5\x80\x80\x80"s, "\xFE"s,
           "H\xE9l\xE8ne"s,  // Latin-1
       })
    EXPECT_EQ(text_fault(bad), TextFault::invalid_utf8) << ::testing::PrintToString(bad);
}

TEST(Text, RefusesControlCharacters) {
  for (std::string bad :
       {"a\0b"s, "\x01"s, "\x1B[31m"s, "\x7F"s, "\x0B"s, "\x0C"s, "\u0085"s /* NEL */, "\u009F"s})
    EXPECT_EQ(text_fault(bad), TextFault::control_character) << ::testing::PrintToString(bad);
}

TEST(Text, AllowsTabsAndLineBreaksOnlyInMultiLineText) {
  for (std::string text : {"one\ntwo"s, "one\r\ntwo"s, "a\tb"s, "line\r"s}) {
    EXPECT_EQ(text_fault(text, Lines::many), TextFault::none) << ::testing::PrintToString(text);
    EXPECT_EQ(text_fault(text, Lines::one), TextFault::control_character)
        << ::testing::PrintToString(text);
  }
}

TEST(Text, NamesTheFieldInItsError) {
  EXPECT_FALSE(text_error("Dupont", "family_name"));
  auto e = text_error("Du\xFFpont", "family_name");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->key, "text.invalid_utf8");
  EXPECT_EQ(e->field, "family_name");
  EXPECT_EQ(e->code, ErrorCode::invalid_input);
  e = text_error("Du\0pont"s, "prospect.family_name");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->key, "text.control_character");
  EXPECT_EQ(e->field, "prospect.family_name");
}

}  // namespace
}  // namespace rapport
