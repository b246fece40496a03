#include "web/ui/supervision/day_columns_chart.h"

#include <algorithm>
#include <numeric>

#include "web/request.h"

namespace rapport::web::ui {

std::string day_columns_svg(const std::vector<ColumnPart>& parts,
                            const std::vector<DayColumn>& columns, const std::string& title) {
  constexpr int kPlotHeight = 140, kTop = 16, kAxis = 18, kLegendRow = 20;
  const int step = columns.size() > 31 ? 9 : columns.size() > 14 ? 18 : 48;
  const int column_width = step * 2 / 3;
  const int label_every = columns.size() > 31 ? 7 : columns.size() > 14 ? 2 : 1;
  int legend_width = 0;
  for (const auto& p : parts) legend_width += 14 + static_cast<int>(p.label.size()) * 7 + 16;
  const int width =
      std::max<int>({360, static_cast<int>(columns.size()) * step + 40, legend_width + 10});
  const int legend_top = kTop + kPlotHeight + kAxis + 8;
  const int height = legend_top + kLegendRow;
  long max = 0;
  for (const auto& c : columns)
    max = std::max(max, std::accumulate(c.values.begin(), c.values.end(), 0L));
  const std::string name = html_escape(title);
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-columns\" role=\"img\" "
      "width=\"" +
      std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
      std::to_string(width) + " " + std::to_string(height) + "\" aria-label=\"" + name +
      "\"><title>" + name + "</title>";
  const int baseline = kTop + kPlotHeight;
  svg += "<line class=\"chart-axis\" x1=\"0\" y1=\"" + std::to_string(baseline) + "\" x2=\"" +
         std::to_string(width) + "\" y2=\"" + std::to_string(baseline) + "\"></line>";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    const int x = 4 + static_cast<int>(i) * step;
    svg += "<g class=\"chart-column\"><title>" + html_escape(c.title) + " \u2014 " +
           html_escape(c.total_text) + "</title>";
    int y = baseline;
    for (std::size_t p = 0; p < parts.size() && p < c.values.size(); ++p) {
      if (c.values[p] <= 0 || max <= 0) continue;
      const int h = std::max(
          1, static_cast<int>(static_cast<long double>(c.values[p]) * kPlotHeight / max + 0.5L));
      y -= h;
      svg += "<rect class=\"chart-part chart-part-" + html_escape(parts[p].kind) + "\" x=\"" +
             std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
             std::to_string(column_width) + "\" height=\"" + std::to_string(h) + "\"></rect>";
    }
    if (columns.size() <= 31)
      svg += "<text class=\"chart-value\" x=\"" + std::to_string(x) + "\" y=\"" +
             std::to_string(y - 3) + "\">" + html_escape(c.total_text) + "</text>";
    if (i % label_every == 0)
      svg += "<text class=\"chart-label\" x=\"" + std::to_string(x) + "\" y=\"" +
             std::to_string(baseline + 14) + "\">" + html_escape(c.label) + "</text>";
    svg += "</g>";
  }
  int lx = 0;
  for (const auto& p : parts) {
    svg += "<g class=\"chart-legend\"><rect class=\"chart-part chart-part-" + html_escape(p.kind) +
           "\" x=\"" + std::to_string(lx) + "\" y=\"" + std::to_string(legend_top) +
           "\" width=\"10\" height=\"10\"></rect><text class=\"chart-label\" x=\"" +
           std::to_string(lx + 14) + "\" y=\"" + std::to_string(legend_top + 10) + "\">" +
           html_escape(p.label) + "</text></g>";
    lx += 14 + static_cast<int>(p.label.size()) * 7 + 16;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace rapport::web::ui
