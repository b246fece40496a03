// web/ui/form_view.h: what every form page shares — field errors beside
// their fields and summed up at the top, the audit history table, and safe
// redirects after a form.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/error.h"
#include "i18n/catalog.h"
#include "store/audit_repository.h"
#include "web/request.h"
#include "web/ui/form_values.h"

namespace rapport::web::ui {

// The error with the field it names ({field} of text.invalid_utf8 and the
// like) shown by its label: "field.<name>" for the whole name, else for the
// name without its leading parts ("prospect.address.line1" → "address.line1"
// → "line1"), each also with its dots as underscores; the name itself when
// the catalog has none.
Error with_field_label(const Request& req, const i18n::Catalog& catalog, Error e);

// Sets "<field>_error" for each error, the "error_list" summary and
// "has_form_errors". An error without a field goes to "alert_error".
void add_form_errors(boost::json::object& data, const Request& req, const i18n::Catalog& catalog,
                     const FieldErrors& errors);
// The same for a single error.
void add_form_error(boost::json::object& data, const Request& req, const i18n::Catalog& catalog,
                    const Error& error);

// Sets "history_rows" (rows with when, who, field, old, new) and "has_history".
void add_history(boost::json::object& data, const Request& req, const i18n::Catalog& catalog,
                 const std::vector<store::AuditRow>& rows);

}  // namespace rapport::web::ui
