// web/api/json_io.h: reading JSON request bodies with field-level errors,
// and writing JSON answers.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.h"
#include "web/request.h"

namespace rapport::web::api {

// The body as a JSON object. Errors: invalid_input ("json.invalid" when
// the body is not JSON, "json.object_expected" when it is not an object).
Result<boost::json::object> parse_object(const Request& req);

// Typed access to a member; a member of the wrong type adds
// "json.type_string"/"json.type_integer"/"json.type_boolean" to `errors`.
// Absent members give nullopt (the caller decides whether they are required).
std::optional<std::string> get_string(const boost::json::object& o, const char* name,
                                      FieldErrors& errors);
std::optional<long long> get_integer(const boost::json::object& o, const char* name,
                                     FieldErrors& errors);
std::optional<bool> get_bool(const boost::json::object& o, const char* name, FieldErrors& errors);

Response json_ok(int status, const boost::json::value& body);

}  // namespace rapport::web::api
