#include "delivery/pdf/pdf_surface.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

namespace rapport::delivery {
namespace {

cairo_status_t pdf_append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> render_pdf(std::string_view title, const std::function<void(cairo_t*)>& draw) {
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(pdf_append_bytes, &bytes, kA4Width, kA4Height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, std::string(title).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Rapport");
  cairo_t* cr = cairo_create(surface);
  draw(cr);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return Error::internal(std::string("PDF: ") + cairo_status_to_string(status));
  return bytes;
}

void PdfLayoutFree::operator()(PangoLayout* layout) const { g_object_unref(layout); }

PdfText::PdfText(cairo_t* cr, std::string_view language)
    : cr_(cr),
      context_(pango_cairo_create_context(cr)),
      font_(pango_font_description_from_string("DejaVu Sans")) {
  pango_context_set_language(context_, pango_language_from_string(std::string(language).c_str()));
  // Glyph positions as the font designs them, not rounded to a screen's pixels.
  pango_context_set_round_glyph_positions(context_, FALSE);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
}

PdfText::~PdfText() {
  pango_font_description_free(font_);
  g_object_unref(context_);
}

PdfLayout PdfText::layout(std::string_view text, double size, bool bold, double width,
                          PdfAlign align, bool italic) const {
  PdfLayout layout(pango_layout_new(context_));
  pango_font_description_set_absolute_size(font_, size * PANGO_SCALE);
  pango_font_description_set_weight(font_, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font_, italic ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout.get(), font_);
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout.get(), align == PdfAlign::right    ? PANGO_ALIGN_RIGHT
                                           : align == PdfAlign::center ? PANGO_ALIGN_CENTER
                                                                       : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double PdfText::height(const PdfLayout& layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return static_cast<double>(logical.height) / PANGO_SCALE;
}

void PdfText::draw(const PdfLayout& layout, double x, double y, double grey) const {
  cairo_set_source_rgb(cr_, grey, grey, grey);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout.get());
}

}  // namespace rapport::delivery
