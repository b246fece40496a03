// web/ui/catalog/catalog_form_fields.h: what the catalog's forms share — a
// text field for the text_field partial with its error beside it, and a
// date typed in a form.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "core/error.h"
#include "core/time.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// name, label ("field.<name>"), value, required, max, type and, when
// `data` has "<name>_error", the error.
boost::json::object catalog_text_field(const Request& req, const WebContext& ctx,
                                       const boost::json::object& data, const std::string& name,
                                       const std::string& value, bool required, std::size_t max,
                                       const char* type = "text");

// The form's date `name` into `typed` (as typed) and, when it is a date,
// `into`; "field.date_invalid" on `name` otherwise. An empty field leaves
// `into` as it is.
template <class Date>
void read_catalog_date(const Request& req, const std::string& name, std::string& typed, Date& into,
                       FieldErrors& errors) {
  typed = req.form_value(name);
  if (typed.empty()) return;
  if (auto d = parse_date(typed))
    into = *d;
  else
    errors.add(Error::invalid("field.date_invalid", name));
}

}  // namespace rapport::web::ui
