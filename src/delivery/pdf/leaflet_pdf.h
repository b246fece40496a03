// delivery/pdf/leaflet_pdf.h: a one-page leaflet — a title and paragraphs
// on A4 — such as the product brochures the demo attaches to its products.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rapport::delivery {

// `language`: "en" or "fr" (text shaping). Errors: internal (Cairo failed).
Result<std::string> render_leaflet_pdf(std::string_view title,
                                       const std::vector<std::string>& paragraphs,
                                       std::string_view language);

}  // namespace rapport::delivery
