#include "core/text.h"

namespace rapport {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

bool control(char32_t c, Lines lines) {
  if (c == '\t' || c == '\n' || c == '\r') return lines == Lines::one;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

}  // namespace

TextFault text_fault(std::string_view text, Lines lines) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    char32_t cp = 0;
    std::size_t len = 0;
    // The well-formed byte sequences of Unicode's table 3-7: the second
    // byte's range excludes overlong forms, surrogates and code points past
    // U+10FFFF.
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      cp = c & 0x1F;
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      cp = c & 0x0F;
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      cp = c & 0x07;
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return TextFault::invalid_utf8;
    }
    if (i + len > n) return TextFault::invalid_utf8;
    if (len > 1 && (s[i + 1] < lo || s[i + 1] > hi)) return TextFault::invalid_utf8;
    for (std::size_t k = 1; k < len; ++k) {
      if (!continuation(s[i + k])) return TextFault::invalid_utf8;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (control(cp, lines)) return TextFault::control_character;
    i += len;
  }
  return TextFault::none;
}

std::optional<Error> text_error(std::string_view text, const std::string& field, Lines lines) {
  switch (text_fault(text, lines)) {
    case TextFault::none:
      return std::nullopt;
    case TextFault::invalid_utf8:
      return Error::invalid("text.invalid_utf8", field, {{"field", field}});
    case TextFault::control_character:
      return Error::invalid("text.control_character", field, {{"field", field}});
  }
  return std::nullopt;
}

}  // namespace rapport
