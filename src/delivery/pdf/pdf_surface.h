// delivery/pdf/pdf_surface.h: a PDF drawn with Cairo into memory, and the
// Pango text it is drawn with.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

typedef struct _cairo cairo_t;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoContext PangoContext;
typedef struct _PangoFontDescription PangoFontDescription;

namespace rapport::delivery {

// A4 in PostScript points.
constexpr double kA4Width = 595.276;
constexpr double kA4Height = 841.890;

// Calls `draw` on a Cairo context over an A4 PDF surface (draw ends each page
// with cairo_show_page) and returns the PDF's bytes; `title` is the
// document's title in its metadata. Errors: internal (Cairo failed).
Result<std::string> render_pdf(std::string_view title, const std::function<void(cairo_t*)>& draw);

struct PdfLayoutFree {
  void operator()(PangoLayout* layout) const;
};
using PdfLayout = std::unique_ptr<PangoLayout, PdfLayoutFree>;

enum class PdfAlign { left, right, center };

// Pango text on one Cairo context, in DejaVu Sans, shaped for `language`.
class PdfText {
 public:
  PdfText(cairo_t* cr, std::string_view language);
  ~PdfText();
  PdfText(const PdfText&) = delete;
  PdfText& operator=(const PdfText&) = delete;

  // `text` in `size` points, wrapped at `width` points (0: one line).
  PdfLayout layout(std::string_view text, double size, bool bold, double width,
                   PdfAlign align = PdfAlign::left, bool italic = false) const;
  // Height of a layout, in points.
  static double height(const PdfLayout& layout);
  // Draws a layout with its top-left corner at (x, y), in `grey` (0 black).
  void draw(const PdfLayout& layout, double x, double y, double grey = 0) const;

 private:
  cairo_t* cr_;
  PangoContext* context_;
  PangoFontDescription* font_;
};

}  // namespace rapport::delivery
