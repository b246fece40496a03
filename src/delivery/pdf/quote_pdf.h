// delivery/pdf/quote_pdf.h: a quote as an A4 PDF (Cairo + Pango).
//
// The first page has the letterhead, the customer's name and address (where
// a window envelope shows it), the title and the dates; then the table of
// lines, its header repeated on every page it runs onto, amounts aligned on
// the right, long descriptions wrapped; the totals by VAT rate and the notes
// follow. Every page ends with the title and "Page n of m".
//
//   auto pdf = delivery::render_quote_pdf(document);  // the bytes of the file
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "delivery/pdf/quote_document.h"

typedef struct _cairo cairo_t;

namespace rapport::delivery {

// Errors: internal (Cairo failed).
Result<std::string> render_quote_pdf(const QuoteDocument& document);

// Draws every page of `document` on `cr` (an A4 PDF surface), each ended
// with cairo_show_page. Used by render_quote_pdf and the letters' PDF.
void draw_quote_pages(cairo_t* cr, const QuoteDocument& document);

}  // namespace rapport::delivery
