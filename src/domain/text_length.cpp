#include "domain/text_length.h"

#include <algorithm>

#include "core/text.h"

namespace rapport::domain {

std::size_t characters(std::string_view text) {
  // Every byte but UTF-8 continuation bytes (10xxxxxx) starts a character.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void check_length(FieldErrors& errors, std::string_view text, std::size_t max,
                  const std::string& field) {
  if (characters(text) > max)
    errors.add(Error::invalid("field.too_long", field, {{"max", std::to_string(max)}}));
}

void check_one_line(FieldErrors& errors, std::string_view text, const std::string& field) {
  if (text_fault(text, Lines::one) == TextFault::control_character)
    errors.add(Error::invalid("text.one_line", field));
}

void check_line(FieldErrors& errors, std::string_view text, std::size_t max,
                const std::string& field) {
  check_length(errors, text, max, field);
  check_one_line(errors, text, field);
}

}  // namespace rapport::domain
