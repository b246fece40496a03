#include "web/api/query_params.h"

#include <charconv>

namespace rapport::web::api {
namespace {

std::optional<long long> whole_number(std::string_view text) {
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

// Each item of "a,b,c" read by `item`, which returns false at the first bad one.
template <typename Item>
bool each_item(std::string_view text, Item item) {
  while (!text.empty()) {
    auto comma = text.find(',');
    if (!item(text.substr(0, comma))) return false;
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 1);
  }
  return true;
}

}  // namespace

Result<std::optional<bool>> query_bool(const Request& req, const std::string& name) {
  const auto& text = req.query_value(name);
  if (text.empty()) return std::optional<bool>{};
  if (text == "true") return std::optional<bool>{true};
  if (text == "false") return std::optional<bool>{false};
  return json_type_error("json.type_boolean", name);
}

Result<std::optional<std::int64_t>> query_id(const Request& req, const std::string& name) {
  const auto& text = req.query_value(name);
  if (text.empty()) return std::optional<std::int64_t>{};
  auto v = whole_number(text);
  if (!v) return json_type_error("json.type_integer", name);
  if (*v <= 0) return Error::invalid("field.number_invalid", name);
  return std::optional<std::int64_t>{*v};
}

Result<std::vector<long long>> query_integers(const Request& req, const std::string& name) {
  std::vector<long long> out;
  if (!each_item(req.query_value(name), [&](std::string_view item) {
        auto v = whole_number(item);
        if (v) out.push_back(*v);
        return v.has_value();
      }))
    return json_type_error("json.type_integer", name);
  return out;
}

Result<std::vector<std::int64_t>> query_ids(const Request& req, const std::string& name) {
  auto numbers = query_integers(req, name);
  if (!numbers) return numbers.error();
  std::vector<std::int64_t> out;
  for (auto v : *numbers) {
    if (v <= 0) return Error::invalid("field.number_invalid", name);
    out.push_back(v);
  }
  return out;
}

Result<std::optional<CivilDate>> query_date(const Request& req, const std::string& name) {
  const auto& text = req.query_value(name);
  if (text.empty()) return std::optional<CivilDate>{};
  auto d = parse_date(text);
  if (!d || text.size() != 10) return Error::invalid("field.date_invalid", name);
  return std::optional<CivilDate>{*d};
}

}  // namespace rapport::web::api
