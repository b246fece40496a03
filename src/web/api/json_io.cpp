#include "web/api/json_io.h"

#include <boost/json.hpp>

namespace rapport::web::api {

Result<boost::json::object> parse_object(const Request& req) {
  boost::system::error_code ec;
  auto value = boost::json::parse(req.body, ec);
  if (ec) return Error::invalid("json.invalid", {}, {{"reason", ec.message()}});
  if (!value.is_object()) return Error::invalid("json.object_expected");
  return std::move(value.as_object());
}

std::optional<std::string> get_string(const boost::json::object& o, const char* name,
                                      FieldErrors& errors) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) {
    errors.add(Error::invalid("json.type_string", name, {{"field", name}}));
    return std::nullopt;
  }
  return std::string(it->value().get_string());
}

std::optional<long long> get_integer(const boost::json::object& o, const char* name,
                                     FieldErrors& errors) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_int64()) return it->value().get_int64();
  if (it->value().is_uint64() && it->value().get_uint64() <= 9007199254740991ULL)
    return static_cast<long long>(it->value().get_uint64());
  errors.add(Error::invalid("json.type_integer", name, {{"field", name}}));
  return std::nullopt;
}

std::optional<bool> get_bool(const boost::json::object& o, const char* name, FieldErrors& errors) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool()) {
    errors.add(Error::invalid("json.type_boolean", name, {{"field", name}}));
    return std::nullopt;
  }
  return it->value().get_bool();
}

Response json_ok(int status, const boost::json::value& body) {
  return json_response(status, boost::json::serialize(body));
}

}  // namespace rapport::web::api
