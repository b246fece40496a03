// web/api/json_io.h: the one reader of JSON request bodies, and writing
// JSON answers. Every endpoint reports a mistake with the same code; the
// error's field is the member's path ("premise.address.city"), given by
// `at` when the object is nested:
//   the body is not JSON / not an object  json.invalid / json.object_expected
//   a member of the wrong JSON type       json.type_string, json.type_integer,
//                                         json.type_boolean, json.type_object,
//                                         json.type_array  {field}
//   a code the API does not know          json.code_unknown {field, allowed}
//   a whole number out of range, an id ≤ 0  field.number_invalid
//   a date or an instant not in ISO 8601  field.date_invalid, field.instant_invalid
//   a required member left out            field.required
// A member set to null means the same as a member left out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/enum_codes.h"
#include "core/json_errors.h"
#include "core/result.h"
#include "core/time.h"
#include "web/request.h"

namespace rapport::web::api {

// The body as a JSON object. Errors: invalid_input ("json.invalid" when
// the body is not JSON, "json.object_expected" when it is not an object).
Result<boost::json::object> parse_object(const Request& req);

// "prospect" + "." + "phone"; the name alone at the top level.
std::string member_path(std::string_view at, std::string_view name);

// The member's value; nullptr when it is left out or null.
const boost::json::value* get_member(const boost::json::object& o, std::string_view name);
// True when the member is present and null (to clear an optional field).
bool is_null_member(const boost::json::object& o, std::string_view name);

std::optional<std::string> get_string(const boost::json::object& o, std::string_view name,
                                      FieldErrors& errors, std::string_view at = {});
std::optional<long long> get_integer(const boost::json::object& o, std::string_view name,
                                     FieldErrors& errors, std::string_view at = {});
// A whole number that fits an int.
std::optional<int> get_int(const boost::json::object& o, std::string_view name, FieldErrors& errors,
                           std::string_view at = {});
std::optional<bool> get_bool(const boost::json::object& o, std::string_view name,
                             FieldErrors& errors, std::string_view at = {});
// A positive whole number.
std::optional<std::int64_t> get_id(const boost::json::object& o, std::string_view name,
                                   FieldErrors& errors, std::string_view at = {});
// "YYYY-MM-DD".
std::optional<CivilDate> get_date(const boost::json::object& o, std::string_view name,
                                  FieldErrors& errors, std::string_view at = {});
// "YYYY-MM-DDTHH:MM:SSZ".
std::optional<Instant> get_instant(const boost::json::object& o, std::string_view name,
                                   FieldErrors& errors, std::string_view at = {});
// The required member "version" (optimistic locking).
std::optional<Version> get_version(const boost::json::object& o, FieldErrors& errors);
const boost::json::object* get_object(const boost::json::object& o, std::string_view name,
                                      FieldErrors& errors, std::string_view at = {});
const boost::json::array* get_array(const boost::json::object& o, std::string_view name,
                                    FieldErrors& errors, std::string_view at = {});
// A list of strings; an item of another type adds json.type_string at
// "name.i".
std::optional<std::vector<std::string>> get_strings(const boost::json::object& o,
                                                    std::string_view name, FieldErrors& errors,
                                                    std::string_view at = {});

// A list of positive ids; each bad item (null included) is named by its
// path ("plans.2").
std::optional<std::vector<std::int64_t>> get_ids(const boost::json::object& o,
                                                 std::string_view name, FieldErrors& errors,
                                                 std::string_view at = {});

// An enum's code (core/enum_codes.h); an unknown one adds json.code_unknown
// naming the codes allowed.
template <class E>
std::optional<E> get_code(const boost::json::object& o, std::string_view name, FieldErrors& errors,
                          std::string_view at = {}) {
  auto text = get_string(o, name, errors, at);
  if (!text) return std::nullopt;
  auto code = enum_from_code<E>(*text);
  if (!code) errors.add(json_unknown_code(member_path(at, name), enum_code_list<E>()));
  return code;
}

// A list of an enum's codes; each bad item (null included) is named by its
// path ("roles.1").
template <class E>
std::optional<std::vector<E>> get_codes(const boost::json::object& o, std::string_view name,
                                        FieldErrors& errors, std::string_view at = {}) {
  const auto* a = get_array(o, name, errors, at);
  if (!a) return std::nullopt;
  const std::string path = member_path(at, name);
  std::vector<E> out;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string index = std::to_string(i);
    if ((*a)[i].is_null()) {  // no code: not "left out", which would drop the item
      errors.add(json_type_error("json.type_string", member_path(path, index)));
      ok = false;
      continue;
    }
    boost::json::object item{{index, (*a)[i]}};
    if (auto v = get_code<E>(item, index, errors, path))
      out.push_back(*v);
    else
      ok = false;
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

// The errors of a nested object read on its own, with their fields (and
// the "field" and "member" arguments the messages show) under `at`.
void add_nested(FieldErrors& into, FieldErrors from, std::string_view at);

Response json_ok(int status, const boost::json::value& body);

}  // namespace rapport::web::api
