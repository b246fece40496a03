#include "web/ops/plan_gauges.h"

#include <fmt/format.h>

#include "app/supervision/day_supervision.h"

namespace rapport::web {
namespace {

// A label value as the text format wants it: \, " and newlines escaped.
std::string label_value(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\\' || ch == '"')
      out += std::string("\\") + ch;
    else if (ch == '\n')
      out += "\\n";
    else
      out += ch;
  }
  return out;
}

}  // namespace

std::string plan_gauges(WebContext& ctx) {
  auto figures = app::DaySupervision(ctx.db, ctx.clock).plan_gauges();
  struct Gauge {
    const char* name;
    const char* help;
    long long (*value)(const domain::DayCounts&);
  };
  static const Gauge gauges[] = {
      {"rapport_plan_entries_due", "Entries of a contact plan due today, whatever their status.",
       [](const domain::DayCounts& c) { return c.due; }},
      {"rapport_plan_entries_open", "Entries of a contact plan due today still open (10-21).",
       [](const domain::DayCounts& c) { return domain::open_count(c); }},
      {"rapport_plan_entries_overdue",
       "Entries of a contact plan due today, open, whose due time has passed.",
       [](const domain::DayCounts& c) { return c.overdue; }},
  };
  std::string out;
  for (const Gauge& g : gauges) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", g.name, g.help, g.name);
    if (!figures) continue;
    for (const auto& p : figures->plans)
      out += fmt::format("{}{{plan=\"{}\"}} {}\n", g.name, label_value(p.code), g.value(p.counts));
  }
  return out;
}

}  // namespace rapport::web
