// store/row_values.h: reading columns of a soci::row whatever integer type
// the backend reports (SQLite says "int" for INTEGER PRIMARY KEY, PostgreSQL
// "long long" for BIGINT; soci::row::get<T> insists on the exact type), by
// position in a soci::row or by column name in the soci::values of a
// type_conversion.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace soci {
class row;
class values;
}  // namespace soci

namespace rapport::store {

long long int64_at(const soci::row& r, std::size_t i);
int int_at(const soci::row& r, std::size_t i);
std::string text_at(const soci::row& r, std::size_t i);
std::optional<std::string> optional_text_at(const soci::row& r, std::size_t i);
std::optional<long long> optional_int64_at(const soci::row& r, std::size_t i);

long long int64_of(const soci::values& v, const std::string& column);
int int_of(const soci::values& v, const std::string& column);
std::string text_of(const soci::values& v, const std::string& column);
std::optional<std::string> optional_text_of(const soci::values& v, const std::string& column);
std::optional<long long> optional_int64_of(const soci::values& v, const std::string& column);

// What a type_conversion's to_base writes for an optional column: NULL when
// absent.
void set_optional_int64(soci::values& v, const std::string& column,
                        const std::optional<long long>& value);
void set_optional_text(soci::values& v, const std::string& column,
                       const std::optional<std::string>& value);

}  // namespace rapport::store
