#include "domain/record_code.h"

#include <algorithm>

namespace rapport::domain {
namespace {

bool code_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

bool well_formed_code(std::string_view code, std::size_t max) {
  return !code.empty() && code.size() <= max && std::all_of(code.begin(), code.end(), code_char);
}

std::optional<Error> check_code(std::string_view code, std::size_t max, const std::string& field) {
  if (well_formed_code(code, max)) return std::nullopt;
  return Error::invalid("code.invalid", field, {{"max", std::to_string(max)}});
}

}  // namespace rapport::domain
