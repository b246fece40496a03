// web/ui/supervision/day_columns_chart.h: a small column chart as inline
// SVG, made on the server (UI.md, "Charts"), for figures by day: one column
// per day, stacked by part (the calls' outcomes), every column's total
// above it so the figures read without the chart, a legend below.
// Accessible: role="img" with a <title> and an aria-label.
#pragma once

#include <string>
#include <vector>

namespace rapport::web::ui {

struct ColumnPart {
  std::string kind;   // CSS modifier: class "chart-part chart-part-<kind>"
  std::string label;  // already translated, for the legend
};

struct DayColumn {
  std::string label;         // the day's short label ("03-10"), already formatted
  std::string title;         // the day in full, for the tooltip
  std::vector<long> values;  // one per part, ≥ 0
  std::string total_text;    // the total as shown
};

// The SVG element; `title` (already translated) is its accessible name.
std::string day_columns_svg(const std::vector<ColumnPart>& parts,
                            const std::vector<DayColumn>& columns, const std::string& title);

}  // namespace rapport::web::ui
