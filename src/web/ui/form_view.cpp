#include "web/ui/form_view.h"

#include <boost/json.hpp>

#include "app/today.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/history_values.h"

namespace rapport::web::ui {

Error with_field_label(const Request& req, const i18n::Catalog& catalog, Error e) {
  auto named = std::find_if(e.args.begin(), e.args.end(), [&](const auto& arg) {
    return arg.first == "field" && arg.second == e.field;
  });
  if (e.field.empty() || named == e.args.end()) return e;
  for (std::string_view name = e.field; !name.empty();) {
    std::string flat(name);  // account.may_create is also account_may_create
    std::replace(flat.begin(), flat.end(), '.', '_');
    for (const std::string& key : {"field." + std::string(name), "field." + flat})
      if (catalog.has(req.language, key)) {
        named->second = catalog.text(req.language, key);
        return e;
      }
    const auto dot = name.find('.');
    name = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  }
  return e;
}

void add_form_errors(boost::json::object& data, const Request& req, const i18n::Catalog& catalog,
                     const FieldErrors& errors) {
  boost::json::array summary;
  for (const auto& e : errors.errors) {
    std::string message = localized_message(req, catalog, with_field_label(req, catalog, e));
    if (e.field.empty()) {
      data["alert_error"] = message;
      continue;
    }
    data[e.field + "_error"] = message;
    summary.push_back({{"field", e.field}, {"message", message}});
  }
  data["has_form_errors"] = !summary.empty();
  data["error_list"] = std::move(summary);
}

void add_form_error(boost::json::object& data, const Request& req, const i18n::Catalog& catalog,
                    const Error& error) {
  FieldErrors one;
  one.add(error);
  add_form_errors(data, req, catalog, one);
}

void add_history(boost::json::object& data, const Request& req, const i18n::Catalog& catalog,
                 const std::vector<store::AuditRow>& rows) {
  const std::string zone = req.user ? app::user_zone(*req.user) : std::string("UTC");
  boost::json::array out;
  for (const auto& r : rows) {
    std::string label_key = "field." + r.field;
    std::string label =
        catalog.has(req.language, label_key) ? catalog.text(req.language, label_key) : r.field;
    out.push_back(
        {{"when", i18n::format_date_time(req.language, r.at, zone)},
         {"who", r.user_name},
         {"field", label},
         {"old", history_value(catalog, req.language, r.field, r.old_value.value_or(""))},
         {"new", history_value(catalog, req.language, r.field, r.new_value.value_or(""))}});
  }
  data["has_history"] = !out.empty();
  data["history_rows"] = std::move(out);
}

}  // namespace rapport::web::ui
