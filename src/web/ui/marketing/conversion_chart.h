// web/ui/marketing/conversion_chart.h: a small horizontal bar chart as inline SVG,
// made on the server (UI.md, "Charts"): one bar per row, its label on the
// left and its number as text beside the bar, so the figures read without
// the chart. Accessible: role="img" with a <title> and an aria-label.
#pragma once

#include <string>
#include <vector>

namespace rapport::web::ui {

struct ChartBar {
  std::string label;       // already translated
  long value = 0;          // ≥ 0; the bar's length is proportional to it
  std::string value_text;  // the number as shown ("1 250"); value's digits when empty
  std::string kind;        // CSS modifier: the bar gets class "chart-bar chart-bar-<kind>"
  bool indent = false;     // a detail of the row above (cancellations by reason)
};

struct ChartLayout {
  int label_width = 220;  // px for the labels
  int bar_width = 260;    // px of the longest bar
  int row_height = 26;
  int bar_height = 16;
};

constexpr int kChartValueWidth = 70;  // px left for the number after the longest bar

// The SVG element. `title` (already translated) is its accessible name.
// Bars of 0 (or when every value is 0) have no width but keep their row and
// number. Text is escaped.
std::string bar_chart_svg(const std::vector<ChartBar>& bars, const std::string& title,
                          const ChartLayout& layout = {});

// The width of a bar of `value` when the longest is `max` (0 when max ≤ 0).
int bar_length(long value, long max, int full_width);

}  // namespace rapport::web::ui
