#include "domain/customers/history.h"

#include <algorithm>
#include <map>

namespace rapport::domain {

std::vector<HistoryLine> history_lines(const std::vector<Interaction>& newest_first) {
  std::vector<HistoryLine> lines;
  std::map<std::int64_t, std::size_t> line_of_order;  // order id → index in lines
  for (const auto& i : newest_first) {
    if (i.related_type != "service_order" || i.related_id <= 0) {
      lines.push_back({i, {}});
      continue;
    }
    auto [at, first] = line_of_order.try_emplace(i.related_id, lines.size());
    if (first) lines.push_back({i, {}});
    lines[at->second].steps.push_back(i);
  }
  for (auto& l : lines) std::reverse(l.steps.begin(), l.steps.end());
  return lines;
}

int call_count(const std::vector<HistoryLine>& lines) {
  return static_cast<int>(std::count_if(lines.begin(), lines.end(), [](const HistoryLine& l) {
    return l.line.channel == InteractionChannel::call;
  }));
}

}  // namespace rapport::domain
