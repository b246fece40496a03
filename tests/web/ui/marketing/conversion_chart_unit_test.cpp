// The conversion chart's SVG: bars proportional to their values, zero
// counts (and an all-zero chart) drawn without width but with their
// numbers, labels and title escaped, and the accessible name.
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "web/ui/marketing/conversion_chart.h"

namespace rapport::web::ui {
namespace {

// The width attributes of the bars, in order.
std::vector<int> bar_widths(const std::string& svg) {
  std::vector<int> out;
  std::regex rect("<rect class=\"chart-bar[^\"]*\"[^>]* width=\"([0-9]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it)
    out.push_back(std::stoi((*it)[1]));
  return out;
}

TEST(ConversionChart, BarsAreProportionalToTheirValues) {
  ChartLayout layout;
  layout.bar_width = 200;
  std::string svg = bar_chart_svg({{"Started", 40, "40", "started", false},
                                   {"Complete", 10, "10", "complete", false},
                                   {"Pending", 20, "20", "pending", false},
                                   {"Held", 30, "30", "held", false}},
                                  "Conversion", layout);
  EXPECT_EQ(bar_widths(svg), (std::vector<int>{200, 50, 100, 150}));
  EXPECT_NE(svg.find("class=\"chart-bar chart-bar-complete\""), std::string::npos);
}

TEST(ConversionChart, NumbersAreWrittenBesideTheBars) {
  std::string svg =
      bar_chart_svg({{"Started", 1250, "1 250", "", false}, {"Complete", 3, "", "", false}}, "C");
  EXPECT_NE(svg.find(">1 250</text>"), std::string::npos);
  EXPECT_NE(svg.find(">3</text>"), std::string::npos);  // the value's digits when no text is given
}

TEST(ConversionChart, ZeroCountsHaveNoWidthButKeepTheirRow) {
  std::string svg =
      bar_chart_svg({{"Started", 5, "5", "", false}, {"Canceled", 0, "0", "", false}}, "C");
  EXPECT_EQ(bar_widths(svg), (std::vector<int>{ChartLayout{}.bar_width, 0}));
  EXPECT_NE(svg.find(">Canceled</text>"), std::string::npos);
  EXPECT_NE(svg.find(">0</text>"), std::string::npos);
}

TEST(ConversionChart, AnAllZeroChartDividesByNothing) {
  std::string svg =
      bar_chart_svg({{"Started", 0, "0", "", false}, {"Complete", 0, "0", "", false}}, "C");
  EXPECT_EQ(bar_widths(svg), (std::vector<int>{0, 0}));
  EXPECT_EQ(bar_length(3, 0, 100), 0);
  EXPECT_EQ(bar_length(-1, 10, 100), 0);
  EXPECT_EQ(bar_length(1, 3, 100), 33);
  EXPECT_EQ(bar_length(2, 3, 100), 67);
}

TEST(ConversionChart, LabelsAndTitleAreEscaped) {
  std::string svg = bar_chart_svg({{"<b>Price & \"terms\"</b>", 2, "2", "x\"onload=\"y", true}},
                                  "Orders <script>alert(1)</script>");
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("\"onload"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;Price &amp; &quot;terms&quot;&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(svg.find("<title>Orders &lt;script&gt;"), std::string::npos);
}

TEST(ConversionChart, IsAnImageWithAnAccessibleName) {
  std::string svg = bar_chart_svg({{"Started", 1, "1", "", false}}, "Conversion of GREEN");
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"Conversion of GREEN\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Conversion of GREEN</title>"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

}  // namespace
}  // namespace rapport::web::ui
