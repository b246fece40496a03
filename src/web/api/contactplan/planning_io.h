// web/api/contactplan/planning_io.h: what the contact-planning API handlers share —
// labels in the caller's language, dates and ids read from JSON and query
// strings, and error fields renamed to the API's member names.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include <boost/json/object.hpp>

#include "core/result.h"
#include "core/time.h"
#include "web/api/contactplan/contact_plan_json.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::api {

inline JsonLabels labels_of(const Request& req, const WebContext& ctx) {
  return {ctx.catalog, req.language};
}

// app/ names some fields as its forms do ("customer"); the API's members
// differ ("customer_id"). Pairs of (app field, API member).
using FieldNames = std::initializer_list<std::pair<const char*, const char*>>;
Error renamed(Error e, FieldNames names);

// A member holding "YYYY-MM-DD"; a bad one adds "field.date_invalid".
std::optional<CivilDate> get_date(const boost::json::object& o, const char* name,
                                  FieldErrors& errors);
// A member holding "YYYY-MM-DDTHH:MM:SSZ"; a bad one adds "field.instant_invalid".
std::optional<Instant> get_instant(const boost::json::object& o, const char* name,
                                   FieldErrors& errors);
// An integer member that must fit an int; adds "json.type_integer" otherwise.
std::optional<int> get_int(const boost::json::object& o, const char* name, FieldErrors& errors);
// A member holding a positive id; adds "field.number_invalid" otherwise.
std::optional<std::int64_t> get_id(const boost::json::object& o, const char* name,
                                   FieldErrors& errors);

// The required member "version" (optimistic locking); adds "field.required"
// when absent.
std::optional<Version> get_version(const boost::json::object& o, FieldErrors& errors);

// The query parameter `name` as a positive id, nullopt when absent.
// Errors: invalid_input ("field.number_invalid", field `name`).
Result<std::optional<std::int64_t>> query_id(const Request& req, const char* name);

}  // namespace rapport::web::api
