#include "delivery/pdf/leaflet_pdf.h"

#include <cairo.h>

#include "delivery/pdf/pdf_surface.h"

namespace rapport::delivery {

Result<std::string> render_leaflet_pdf(std::string_view title,
                                       const std::vector<std::string>& paragraphs,
                                       std::string_view language) {
  return render_pdf(title, [&](cairo_t* cr) {
    PdfText text(cr, language);
    constexpr double kMargin = 56;
    const double width = kA4Width - 2 * kMargin;
    double y = kMargin;
    auto heading = text.layout(title, 20, true, width);
    text.draw(heading, kMargin, y);
    y += PdfText::height(heading) + 18;
    for (const auto& paragraph : paragraphs) {
      auto body = text.layout(paragraph, 11, false, width);
      if (y + PdfText::height(body) > kA4Height - kMargin) break;  // one page
      text.draw(body, kMargin, y, 0.15);
      y += PdfText::height(body) + 10;
    }
    cairo_show_page(cr);
  });
}

}  // namespace rapport::delivery
