// delivery/pdf/letters_pdf.h: the print queue's waiting letters as one PDF.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "delivery/pdf/quote_document.h"

namespace rapport::delivery {

// Every document one after another, each starting on a new page and
// numbering its own pages ("Page 1 of 2"), so they can be printed at once
// and put in their envelopes. `title` is the PDF's title. No document: a
// PDF of one empty page. Errors: internal (Cairo failed).
Result<std::string> render_letters_pdf(const std::vector<QuoteDocument>& documents,
                                       std::string_view title);

}  // namespace rapport::delivery
