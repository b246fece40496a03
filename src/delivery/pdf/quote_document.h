// delivery/pdf/quote_document.h: what a quote's PDF shows, as plain text.
//
// Every string is already translated into the customer's language and
// already formatted (money, quantities, rates and dates as that language
// writes them: "1 234,56 €", "20 %", "5 déc. 2026"): the renderer only lays
// the text out. The quote desk fills it from the quote, the customer and the
// installation settings.
#pragma once

#include <string>
#include <vector>

namespace rapport::delivery {

// The installation's company, at the top of the first page. Each field is a
// whole line as shown ("Tél. 01 23 45 67 89", "TVA FR40303265045"); an empty
// one is left out.
struct Letterhead {
  std::string company_name;
  std::vector<std::string> address_lines;
  std::string phone;
  std::string email;
  std::string vat_number;
};

// The headings of the table of lines.
struct QuoteColumnLabels {
  std::string code;
  std::string description;
  std::string quantity;
  std::string unit_price;
  std::string discount;
  std::string vat_rate;
  std::string line_total;
};

struct QuoteDocumentLine {
  std::string code;
  std::string description;  // long ones wrap inside their column
  std::string quantity;
  std::string unit_price;
  std::string discount;  // empty: none
  std::string vat_rate;
  std::string line_total;
  std::string action;  // a change quote's "Add", "Remove"…; empty: none shown
};

// A label and an amount, right-aligned under the table: a VAT rate's row
// ("TVA 20 % sur 1 000,00 €" | "200,00 €") or a total.
struct QuoteAmountRow {
  std::string label;
  std::string amount;
};

struct QuoteDocument {
  std::string language = "en";  // BCP 47 tag, for Pango's shaping and hyphenation: "fr"
  Letterhead letterhead;
  std::string title;  // "Devis Q-000012, révision 2"; also the PDF's title
  std::string customer_name;
  std::vector<std::string> customer_address_lines;
  // "Date : 5 déc. 2026", "Valable jusqu'au : 4 janv. 2027", a reference…
  std::vector<std::string> date_lines;
  QuoteColumnLabels columns;
  std::vector<QuoteDocumentLine> lines;
  QuoteAmountRow total_excl_vat;
  std::vector<QuoteAmountRow> vat_rows;  // one per VAT rate
  QuoteAmountRow total_incl_vat;
  std::string notes_heading;       // "Notes"; shown only with notes
  std::vector<std::string> notes;  // paragraphs
  // The footer of every page, with {page} and {pages}: "Page {page} of {pages}".
  std::string page_label = "{page} / {pages}";
};

}  // namespace rapport::delivery
