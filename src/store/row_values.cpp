#include "store/row_values.h"

#include <soci/soci.h>

namespace rapport::store {
namespace {

// A row by position and values by name answer the same calls.
template <typename Source, typename Key>
long long integer(const Source& s, const Key& key, const std::string& column) {
  if (s.get_indicator(key) == soci::i_null) return 0;
  switch (s.get_properties(key).get_data_type()) {
    case soci::dt_integer:
      return s.template get<int>(key);
    case soci::dt_long_long:
      return s.template get<long long>(key);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(s.template get<unsigned long long>(key));
    case soci::dt_double:
      return static_cast<long long>(s.template get<double>(key));
    case soci::dt_string:
      return std::stoll(s.template get<std::string>(key));
    default:
      throw soci::soci_error("column " + column + " is not an integer");
  }
}

}  // namespace

long long int64_at(const soci::row& r, std::size_t i) { return integer(r, i, std::to_string(i)); }

int int_at(const soci::row& r, std::size_t i) { return static_cast<int>(int64_at(r, i)); }

std::string text_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  return r.get<std::string>(i);
}

std::optional<std::string> optional_text_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return r.get<std::string>(i);
}

std::optional<long long> optional_int64_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return int64_at(r, i);
}

long long int64_of(const soci::values& v, const std::string& column) {
  return integer(v, column, column);
}

int int_of(const soci::values& v, const std::string& column) {
  return static_cast<int>(int64_of(v, column));
}

std::string text_of(const soci::values& v, const std::string& column) {
  if (v.get_indicator(column) == soci::i_null) return {};
  return v.get<std::string>(column);
}

std::optional<std::string> optional_text_of(const soci::values& v, const std::string& column) {
  if (v.get_indicator(column) == soci::i_null) return std::nullopt;
  return v.get<std::string>(column);
}

std::optional<long long> optional_int64_of(const soci::values& v, const std::string& column) {
  if (v.get_indicator(column) == soci::i_null) return std::nullopt;
  return int64_of(v, column);
}

void set_optional_int64(soci::values& v, const std::string& column,
                        const std::optional<long long>& value) {
  v.set(column, value.value_or(0), value ? soci::i_ok : soci::i_null);
}

void set_optional_text(soci::values& v, const std::string& column,
                       const std::optional<std::string>& value) {
  v.set(column, value.value_or(std::string()), value ? soci::i_ok : soci::i_null);
}

}  // namespace rapport::store
