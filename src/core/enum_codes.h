// core/enum_codes.h: an enum's stable codes (stored in the database, read
// and written by the API, the forms and the catalogs' keys) are its
// enumerators' names, described once with Boost.Describe next to the enum:
//
//   enum class PhoneType { mobile, home, work, fax };
//   BOOST_DESCRIBE_ENUM(PhoneType, mobile, home, work, fax)
//
// so no hand-written table can drift from the enum.
#pragma once

#include <optional>
#include <string_view>

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

namespace rapport {

// The code of `value` ("mobile"); empty for a value outside the enum.
template <class E>
std::string_view enum_code(E value) {
  std::string_view out;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (d.value == value) out = d.name;
  });
  return out;
}

// The enumerator whose code is `code`, or nullopt.
template <class E>
std::optional<E> enum_from_code(std::string_view code) {
  std::optional<E> out;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!out && code == d.name) out = d.value;
  });
  return out;
}

}  // namespace rapport
