#include "delivery/pdf/letters_pdf.h"

#include <cairo.h>

#include "delivery/pdf/pdf_surface.h"
#include "delivery/pdf/quote_pdf.h"

namespace rapport::delivery {

Result<std::string> render_letters_pdf(const std::vector<QuoteDocument>& documents,
                                       std::string_view title) {
  return render_pdf(title, [&](cairo_t* cr) {
    for (const auto& document : documents) draw_quote_pages(cr, document);
    if (documents.empty()) cairo_show_page(cr);
  });
}

}  // namespace rapport::delivery
