#include "domain/marketing/value.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "domain/ascii.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// "1 250,5" (with plain or no-break spaces, as French typing puts them),
// "1,250.5" and "-3.75" alike: spaces and apostrophes group thousands; with
// both a dot and a comma the last one is the decimal separator, and a dot or
// a comma alone is one ("1,5" is one and a half).
std::optional<double> parse_number(std::string_view typed) {
  std::string s;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char c = typed[i];
    if (c == ' ' || c == '\'') continue;
    // U+00A0 (C2 A0) and U+202F (E2 80 AF): the no-break spaces.
    if (c == '\xC2' && i + 1 < typed.size() && typed[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    if (c == '\xE2' && i + 2 < typed.size() && typed[i + 1] == '\x80' && typed[i + 2] == '\xAF') {
      i += 2;
      continue;
    }
    s += c;
  }
  const auto dot = s.rfind('.'), comma = s.rfind(',');
  if (dot != std::string::npos && comma != std::string::npos) {
    const char thousands = dot > comma ? ',' : '.';
    std::string kept;
    for (char c : s)
      if (c != thousands) kept += c;
    s = std::move(kept);
  }
  for (char& c : s)
    if (c == ',') c = '.';
  if (s.empty() || s.find_first_not_of("+-0123456789.") != std::string::npos) return std::nullopt;
  const std::size_t start = s[0] == '+' ? 1 : 0;  // from_chars takes no '+'
  if (start == 1 && s.size() > 1 && s[1] == '-') return std::nullopt;
  double n = 0;
  auto [end, ec] =
      std::from_chars(s.data() + start, s.data() + s.size(), n, std::chars_format::fixed);
  if (ec == std::errc::result_out_of_range) return HUGE_VAL;
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(n)) return std::nullopt;
  return n;
}

std::optional<bool> parse_yes_no(std::string_view typed) {
  for (std::string_view yes : {"yes", "oui", "true", "1"})
    if (same_ignoring_case(typed, yes)) return true;
  for (std::string_view no : {"no", "non", "false", "0"})
    if (same_ignoring_case(typed, no)) return false;
  return std::nullopt;
}

Error invalid(const char* key, const std::string& field) { return Error::invalid(key, field); }

}  // namespace

std::string_view to_code(ValueType t) { return enum_code(t); }

std::optional<ValueType> value_type_from(std::string_view code) {
  return enum_from_code<ValueType>(code);
}

Value Value::of_date(CivilDate d) {
  return {ValueType::date, static_cast<double>(date::sys_days{d}.time_since_epoch().count()), {}};
}

Result<Value> parse_value(ValueType type, std::string_view typed, const std::string& field) {
  const std::string_view s = trim(typed);
  if (s.empty()) return invalid("value.required", field);
  switch (type) {
    case ValueType::number: {
      auto n = parse_number(s);
      if (!n) return invalid("value.not_a_number", field);
      if (std::fabs(*n) > kMaxNumberValue)
        return Error::invalid("value.number_too_large", field,
                              {{"max", format_value(Value::of_number(kMaxNumberValue))}});
      return Value::of_number(*n == 0 ? 0.0 : *n);  // no "-0"
    }
    case ValueType::date: {
      auto d = parse_date(s);
      if (!d || !d->ok()) return invalid("value.not_a_date", field);
      return Value::of_date(*d);
    }
    case ValueType::yes_no: {
      auto b = parse_yes_no(s);
      if (!b) return invalid("value.not_yes_no", field);
      return Value::of_yes_no(*b);
    }
    case ValueType::text:
    case ValueType::list:
      if (characters(s) > kMaxTextValue)
        return Error::invalid("value.too_long", field, {{"max", std::to_string(kMaxTextValue)}});
      return type == ValueType::text ? Value::of_text(std::string(s))
                                     : Value::of_list(std::string(s));
  }
  return invalid("value.required", field);
}

std::string format_value(const Value& v) {
  switch (v.type) {
    case ValueType::number: {
      // Shortest text that reads back as the same number, never in
      // exponent form ("1000000000000", not "1e+12").
      std::array<char, 512> buf{};
      const double n = v.number == 0 ? 0.0 : v.number;
      auto [end, ec] =
          std::to_chars(buf.data(), buf.data() + buf.size(), n, std::chars_format::fixed);
      if (ec != std::errc{}) return "0";
      return std::string(buf.data(), end);
    }
    case ValueType::date:
      return format_date(CivilDate{date::sys_days{date::days{static_cast<int>(v.number)}}});
    case ValueType::yes_no:
      return v.number != 0 ? "yes" : "no";
    case ValueType::text:
    case ValueType::list:
      return v.text;
  }
  return v.text;
}

}  // namespace rapport::domain
