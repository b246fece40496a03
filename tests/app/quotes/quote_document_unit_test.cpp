// A letter's document kept as JSON in the print queue reads back exactly
// as it was laid out, accents, no-break spaces and all, so the printed
// letter is the document that was logged.
#include <gtest/gtest.h>

#include "app/quotes/quote_document.h"
#include "delivery/sample_quote.h"

namespace rapport::app {
namespace {

void expect_same(const delivery::QuoteDocument& a, const delivery::QuoteDocument& b) {
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.letterhead.company_name, b.letterhead.company_name);
  EXPECT_EQ(a.letterhead.address_lines, b.letterhead.address_lines);
  EXPECT_EQ(a.letterhead.phone, b.letterhead.phone);
  EXPECT_EQ(a.letterhead.email, b.letterhead.email);
  EXPECT_EQ(a.letterhead.vat_number, b.letterhead.vat_number);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.customer_name, b.customer_name);
  EXPECT_EQ(a.customer_address_lines, b.customer_address_lines);
  EXPECT_EQ(a.date_lines, b.date_lines);
  EXPECT_EQ(a.columns.description, b.columns.description);
  EXPECT_EQ(a.columns.line_total, b.columns.line_total);
  ASSERT_EQ(a.lines.size(), b.lines.size());
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    EXPECT_EQ(a.lines[i].code, b.lines[i].code);
    EXPECT_EQ(a.lines[i].description, b.lines[i].description);
    EXPECT_EQ(a.lines[i].quantity, b.lines[i].quantity);
    EXPECT_EQ(a.lines[i].unit_price, b.lines[i].unit_price);
    EXPECT_EQ(a.lines[i].discount, b.lines[i].discount);
    EXPECT_EQ(a.lines[i].vat_rate, b.lines[i].vat_rate);
    EXPECT_EQ(a.lines[i].line_total, b.lines[i].line_total);
    EXPECT_EQ(a.lines[i].action, b.lines[i].action);
  }
  EXPECT_EQ(a.total_excl_vat.amount, b.total_excl_vat.amount);
  ASSERT_EQ(a.vat_rows.size(), b.vat_rows.size());
  for (std::size_t i = 0; i < a.vat_rows.size(); ++i) {
    EXPECT_EQ(a.vat_rows[i].label, b.vat_rows[i].label);
    EXPECT_EQ(a.vat_rows[i].amount, b.vat_rows[i].amount);
  }
  EXPECT_EQ(a.total_incl_vat.label, b.total_incl_vat.label);
  EXPECT_EQ(a.notes_heading, b.notes_heading);
  EXPECT_EQ(a.notes, b.notes);
  EXPECT_EQ(a.page_label, b.page_label);
}

TEST(QuoteDocumentJson, AFrenchDocumentReadsBackAsItWasLaidOut) {
  const auto doc = delivery::testing::sample_quote(Language::fr, 7);
  auto back = quote_document_from_json(quote_document_json(doc));
  ASSERT_TRUE(back);
  expect_same(doc, *back);
}

TEST(QuoteDocumentJson, AnEnglishDocumentReadsBackAsItWasLaidOut) {
  const auto doc = delivery::testing::sample_quote(Language::en, 2);
  auto back = quote_document_from_json(quote_document_json(doc));
  ASSERT_TRUE(back);
  expect_same(doc, *back);
}

TEST(QuoteDocumentJson, TextThatIsNotADocumentIsRefused) {
  EXPECT_FALSE(quote_document_from_json("not json"));
  EXPECT_FALSE(quote_document_from_json("[1, 2]"));
}

}  // namespace
}  // namespace rapport::app
