// app/quotes/quote_document.h: a quote as the document its PDF shows, in
// the customer's language — the one place that lays a quote out for the
// e-mail, the fax, the letter and the page's download.
//
// Texts come from the catalog in the customer's language; money, quantities
// and dates are formatted by i18n/ as that language writes them (like the
// pages); the letterhead is the installation's (company name, letterhead
// address, phone, e-mail and VAT number; empty parts left out).
//
//   auto doc = quote_document_of(view, settings, catalog);
//   auto pdf = delivery::render_quote_pdf(doc);
#pragma once

#include <string>

#include "app/quotes/quote_desk.h"
#include "core/result.h"
#include "delivery/pdf/quote_document.h"
#include "domain/settings/installation_settings.h"
#include "i18n/catalog.h"

namespace rapport::app {

delivery::QuoteDocument quote_document_of(const QuoteView& view,
                                          const domain::InstallationSettings& settings,
                                          const i18n::Catalog& catalog);

// "Q-000012-2.pdf": the quote's number and revision.
std::string quote_file_name(const domain::Quote& quote);

// The document as JSON and back, so a letter stored in the print queue is
// drawn again exactly as it was when it was queued. Errors (read):
// internal (not a document).
std::string quote_document_json(const delivery::QuoteDocument& document);
Result<delivery::QuoteDocument> quote_document_from_json(const std::string& text);

}  // namespace rapport::app
