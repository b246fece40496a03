#include "web/api/contactplan/planning_io.h"

#include <charconv>
#include <limits>

#include <boost/json.hpp>

#include "app/users/user_desk.h"
#include "web/api/json_io.h"

namespace rapport::web::api {

Error renamed(Error e, FieldNames names) {
  for (const auto& [from, to] : names)
    if (e.field == from) {
      e.field = to;
      break;
    }
  return e;
}

std::optional<CivilDate> get_date(const boost::json::object& o, const char* name,
                                  FieldErrors& errors) {
  auto text = get_string(o, name, errors);
  if (!text) return std::nullopt;
  auto d = parse_date(*text);
  if (!d || text->size() != 10) {
    errors.add(Error::invalid("field.date_invalid", name));
    return std::nullopt;
  }
  return d;
}

std::optional<Instant> get_instant(const boost::json::object& o, const char* name,
                                   FieldErrors& errors) {
  auto text = get_string(o, name, errors);
  if (!text) return std::nullopt;
  auto t = parse_instant(*text);
  if (!t) errors.add(Error::invalid("field.instant_invalid", name));
  return t;
}

std::optional<int> get_int(const boost::json::object& o, const char* name, FieldErrors& errors) {
  auto v = get_integer(o, name, errors);
  if (!v) return std::nullopt;
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    errors.add(Error::invalid("json.type_integer", name, {{"field", name}}));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<std::int64_t> get_id(const boost::json::object& o, const char* name,
                                   FieldErrors& errors) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  FieldErrors type_errors;
  auto v = get_integer(o, name, type_errors);
  if (!v || *v <= 0) {
    errors.add(Error::invalid("field.number_invalid", name));
    return std::nullopt;
  }
  return *v;
}

std::optional<Version> get_version(const boost::json::object& o, FieldErrors& errors) {
  auto it = o.find("version");
  if (it == o.end() || it->value().is_null()) {
    errors.add(Error::invalid("field.required", "version"));
    return std::nullopt;
  }
  return get_integer(o, "version", errors);
}

Result<std::optional<std::int64_t>> query_id(const Request& req, const char* name) {
  const auto& text = req.query_value(name);
  if (text.empty()) return std::optional<std::int64_t>{};
  auto v = positive_int(text);
  if (!v) return Error::invalid("field.number_invalid", name);
  return std::optional<std::int64_t>{*v};
}

}  // namespace rapport::web::api
