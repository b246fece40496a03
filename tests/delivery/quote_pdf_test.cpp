// The quote's PDF as a reader sees it: its text read back by poppler's
// pdftotext (customer, lines, totals, accents and French number formats,
// pages with the table header repeated and numbered).
#include "delivery/pdf/quote_pdf.h"

#include <gtest/gtest.h>

#include "delivery/delivery_test_support.h"
#include "delivery/pdf/letters_pdf.h"
#include "delivery/sample_quote.h"
#include "i18n/format.h"

namespace rapport::delivery {
namespace {

using testing::count_of;
using testing::pdf_pages_text;
using testing::sample_quote;

// Text as pdftotext gives it back: no-break spaces are spaces.
std::string as_read(std::string s) {
  for (const std::string nbsp : {"\u202f", "\u00a0"})
    for (auto at = s.find(nbsp); at != std::string::npos; at = s.find(nbsp, at))
      s.replace(at, nbsp.size(), " ");
  return s;
}

std::string all_text(const std::vector<std::string>& pages) {
  std::string out;
  for (const auto& p : pages) out += p;
  return out;
}

TEST(QuotePdf, ShowsTheCustomerLinesAndTotalsInFrench) {
  auto doc = sample_quote(Language::fr, 3);
  doc.lines[0].line_total = i18n::format_money(Language::fr, Money{123456, "EUR"});
  auto pdf = render_quote_pdf(doc);
  ASSERT_TRUE(pdf) << pdf.error().detail;
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  const auto pages = pdf_pages_text(*pdf);
  ASSERT_EQ(pages.size(), 1u);
  const auto& text = pages[0];
  for (const char* expected :
       {"Télécom Éole SARL", "12, rue de l'Église", "N° TVA FR40303265045", "Hélène Côté-Müller",
        "38000 Grenoble", "Devis Q-000012, révision 2", "Valable jusqu'au : 4 janv. 2027",
        "Désignation", "Prix unitaire", "Box fibre Éole Pro", "Répéteur Wi-Fi « Éclair »", "Ajout",
        "Total TTC", "Installation prévue sous quinze jours", "Page 1 sur 1"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " not in:\n" << text;
  // French groups thousands with a narrow no-break space and writes the euro
  // after a no-break space; pdftotext reads both as spaces.
  EXPECT_EQ(doc.lines[0].line_total, "1\u202f234,56\u00a0€");
  EXPECT_NE(text.find("1 234,56 €"), std::string::npos) << text;
  EXPECT_NE(text.find(as_read(doc.total_incl_vat.amount)), std::string::npos) << text;
  EXPECT_NE(text.find(as_read(doc.vat_rows[0].label)), std::string::npos) << text;
  EXPECT_NE(text.find("20 %"), std::string::npos) << text;
}

TEST(QuotePdf, AlignsAmountsOnTheRight) {
  auto doc = sample_quote(Language::en, 2);
  doc.lines[0].line_total = "€12.00";
  doc.lines[1].line_total = "€1,234,567.89";
  auto pdf = render_quote_pdf(doc);
  ASSERT_TRUE(pdf);
  const auto text = pdf_pages_text(*pdf).at(0);
  auto end_column = [&text](const std::string& amount) {
    auto at = text.find(amount);
    EXPECT_NE(at, std::string::npos) << amount;
    auto line_start = text.rfind('\n', at) + 1;
    return static_cast<int>(at - line_start + amount.size());
  };
  EXPECT_NEAR(end_column("€12.00"), end_column("€1,234,567.89"), 1) << text;
}

TEST(QuotePdf, WrapsLongDescriptionsInTheirColumn) {
  auto doc = sample_quote(Language::en, 2);
  auto pdf = render_quote_pdf(doc);
  ASSERT_TRUE(pdf);
  const auto text = pdf_pages_text(*pdf).at(0);
  const auto first = text.find("Very high speed");
  const auto last = text.find("summer and winter alike");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(last, std::string::npos) << text;
  EXPECT_GE(count_of(text.substr(first, last - first), "\n"), 3) << text;
}

// 50 lines with long descriptions fill three pages: each has the table's
// header and says which page of three it is.
TEST(QuotePdf, BreaksAcrossPagesWithTheHeaderRepeated) {
  auto doc = sample_quote(Language::en, 50);
  auto pdf = render_quote_pdf(doc);
  ASSERT_TRUE(pdf);
  const auto pages = pdf_pages_text(*pdf);
  ASSERT_EQ(pages.size(), 3u);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    EXPECT_NE(pages[p].find("Unit price"), std::string::npos) << "page " << p + 1;
    EXPECT_NE(pages[p].find("Line total"), std::string::npos) << "page " << p + 1;
    EXPECT_NE(pages[p].find("Page " + std::to_string(p + 1) + " of 3"), std::string::npos)
        << pages[p];
  }
  // The letterhead and the customer are on the first page only; every line
  // is somewhere, once; the totals are at the end.
  EXPECT_EQ(count_of(all_text(pages), "Hélène Côté-Müller"), 1);
  EXPECT_EQ(count_of(all_text(pages), "Eole Pro fibre box"), 10);
  EXPECT_NE(pages[2].find("Total incl. VAT"), std::string::npos);
}

TEST(LettersPdf, PutsEachLetterOnItsOwnPagesOneAfterAnother) {
  auto first = sample_quote(Language::fr, 30);
  auto second = sample_quote(Language::en, 2);
  second.customer_name = "Bob Smith";
  auto letters = render_letters_pdf({first, second}, "Letters");
  ASSERT_TRUE(letters);
  const auto pages = pdf_pages_text(*letters);
  ASSERT_GE(pages.size(), 3u);
  const std::size_t first_pages = pdf_pages_text(*render_quote_pdf(first)).size();
  ASSERT_EQ(pages.size(), first_pages + 1);
  EXPECT_NE(pages[0].find("Hélène Côté-Müller"), std::string::npos);
  EXPECT_NE(pages[first_pages - 1].find("Page " + std::to_string(first_pages) + " sur " +
                                        std::to_string(first_pages)),
            std::string::npos);
  EXPECT_EQ(pages[first_pages - 1].find("Bob Smith"), std::string::npos);
  EXPECT_NE(pages.back().find("Bob Smith"), std::string::npos);
  EXPECT_NE(pages.back().find("Page 1 of 1"), std::string::npos);
}

}  // namespace
}  // namespace rapport::delivery
