#include "web/ui/marketing/conversion_chart.h"

#include <algorithm>

#include "web/request.h"

namespace rapport::web::ui {

int bar_length(long value, long max, int full_width) {
  if (max <= 0 || value <= 0) return 0;
  value = std::min(value, max);
  return static_cast<int>((static_cast<long double>(value) * full_width) / max + 0.5L);
}

std::string bar_chart_svg(const std::vector<ChartBar>& bars, const std::string& title,
                          const ChartLayout& layout) {
  long max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  const int width = layout.label_width + layout.bar_width + kChartValueWidth;
  const int height = std::max<int>(1, static_cast<int>(bars.size())) * layout.row_height;
  const std::string name = html_escape(title);
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"" +
      std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
      std::to_string(width) + " " + std::to_string(height) + "\" aria-label=\"" + name +
      "\"><title>" + name + "</title>";
  int y = 0;
  for (const auto& b : bars) {
    const int length = bar_length(b.value, max, layout.bar_width);
    const int bar_y = y + (layout.row_height - layout.bar_height) / 2;
    const int text_y = y + layout.row_height / 2 + 5;
    const std::string number = b.value_text.empty() ? std::to_string(b.value) : b.value_text;
    std::string cls = "chart-bar";
    if (!b.kind.empty()) cls += " chart-bar-" + html_escape(b.kind);
    svg += "<g class=\"chart-row\">";
    svg += "<text class=\"chart-label" + std::string(b.indent ? " chart-label-detail" : "") +
           "\" x=\"" + std::to_string(b.indent ? 16 : 0) + "\" y=\"" + std::to_string(text_y) +
           "\">" + html_escape(b.label) + "</text>";
    svg += "<rect class=\"" + cls + "\" x=\"" + std::to_string(layout.label_width) + "\" y=\"" +
           std::to_string(bar_y) + "\" width=\"" + std::to_string(length) + "\" height=\"" +
           std::to_string(layout.bar_height) + "\" rx=\"2\"></rect>";
    svg += "<text class=\"chart-value\" x=\"" + std::to_string(layout.label_width + length + 6) +
           "\" y=\"" + std::to_string(text_y) + "\">" + html_escape(number) + "</text>";
    svg += "</g>";
    y += layout.row_height;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace rapport::web::ui
