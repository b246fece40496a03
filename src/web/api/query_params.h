// web/api/query_params.h: the one reader of query-string parameters. A
// mistake gets the same code as in a JSON body (web/api/json_io.h), the
// parameter's name as its field:
//   ?active=yes        json.type_boolean   (true or false)
//   ?customer=abc      json.type_integer
//   ?customer=0        field.number_invalid (ids are positive)
//   ?plan=4,x          json.type_integer   (a comma-separated list of ids)
//   ?status=opened     json.code_unknown {field, allowed}
//   ?from=2026-13-01   field.date_invalid  (YYYY-MM-DD)
// A parameter left out or empty is nullopt (an empty list).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_codes.h"
#include "core/json_errors.h"
#include "core/result.h"
#include "core/time.h"
#include "web/request.h"

namespace rapport::web::api {

Result<std::optional<bool>> query_bool(const Request& req, const std::string& name);
Result<std::optional<std::int64_t>> query_id(const Request& req, const std::string& name);
Result<std::vector<std::int64_t>> query_ids(const Request& req, const std::string& name);
// Whole numbers, any sign (codes such as contact statuses "10,20").
Result<std::vector<long long>> query_integers(const Request& req, const std::string& name);
Result<std::optional<CivilDate>> query_date(const Request& req, const std::string& name);

// An enum's code (core/enum_codes.h).
template <class E>
Result<std::optional<E>> query_code(const Request& req, const std::string& name) {
  const auto& text = req.query_value(name);
  if (text.empty()) return std::optional<E>{};
  auto code = enum_from_code<E>(text);
  if (!code) return json_unknown_code(name, enum_code_list<E>());
  return std::optional<E>{*code};
}

}  // namespace rapport::web::api
