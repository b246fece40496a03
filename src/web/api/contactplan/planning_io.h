// web/api/contactplan/planning_io.h: what the contact-planning API handlers share —
// labels in the caller's language and error fields renamed to the API's
// member names. (JSON bodies: web/api/json_io.h; query strings:
// web/api/query_params.h.)
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include <boost/json/object.hpp>

#include "app/contactplan/contact_planner.h"
#include "core/result.h"
#include "core/time.h"
#include "web/api/contactplan/contact_plan_json.h"
#include "web/api/query_params.h"
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

// A status change as a body sends it: {status, note, callback_at, version}.
app::StatusInput read_status_input(const boost::json::object& body, FieldErrors& errors);

}  // namespace rapport::web::api
