// core/json_errors.h: the errors every JSON reader gives — the API's
// (web/api/json_io.h) and the stored documents' (store/marketing/
// marketing_json.h) — so that one mistake has one code wherever it is made.
// The field is the member's path ("rules.groups.0.criteria.1.comparison").
#pragma once

#include <string>
#include <string_view>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include "core/error.h"

namespace rapport {

// A member of the wrong JSON type: `key` is json.type_string,
// json.type_integer, json.type_boolean, json.type_object or json.type_array.
inline Error json_type_error(std::string_view key, const std::string& field) {
  return Error::invalid(std::string(key), field, {{"field", field}});
}

// A code the reader does not know, naming the codes it knows ("a, b, c").
inline Error json_unknown_code(const std::string& field, const std::string& allowed) {
  return Error::invalid("json.code_unknown", field, {{"field", field}, {"allowed", allowed}});
}

// An enum's codes (core/enum_codes.h), for json_unknown_code.
template <class E>
std::string enum_code_list() {
  std::string out;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!out.empty()) out += ", ";
    out += d.name;
  });
  return out;
}

}  // namespace rapport
