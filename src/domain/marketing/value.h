// domain/marketing/value.h: the typed values of answers and criteria
// (campaigns-and-orders.md, "Questions and answers"): text, number, date,
// yes/no and one of a list of values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/enum_codes.h"
#include "core/result.h"
#include "core/time.h"

namespace rapport::domain {

enum class ValueType { text, number, date, yes_no, list };
BOOST_DESCRIBE_ENUM(ValueType, text, number, date, yes_no, list)

// "text", "number", "date", "yes_no", "list" — stored, in the API and in forms.
std::string_view to_code(ValueType t);
std::optional<ValueType> value_type_from(std::string_view code);

// One value. Numbers, dates (days since 1970-01-01) and yes/no (1 / 0) are
// held in `number`, text and list codes in `text`, so comparisons need no
// allocation.
struct Value {
  ValueType type = ValueType::text;
  double number = 0;
  std::string text;

  static Value of_text(std::string s) { return {ValueType::text, 0, std::move(s)}; }
  static Value of_number(double n) { return {ValueType::number, n, {}}; }
  static Value of_date(CivilDate d);
  static Value of_yes_no(bool b) { return {ValueType::yes_no, b ? 1.0 : 0.0, {}}; }
  static Value of_list(std::string code) { return {ValueType::list, 0, std::move(code)}; }
  bool operator==(const Value&) const = default;
};

// Limits on what is typed.
constexpr std::size_t kMaxTextValue = 500;
constexpr double kMaxNumberValue = 1e12;

// Parses what a user typed as a value of `type`: numbers with a dot or a
// comma for decimals ("1 250,5" too), dates as YYYY-MM-DD, yes/no as
// yes/no/oui/non/true/false/1/0 (any case), list values as their code,
// text trimmed (1–500 characters). Errors (field = `field`):
// "value.required" (empty), "value.not_a_number", "value.number_too_large",
// "value.not_a_date", "value.not_yes_no", "value.too_long".
Result<Value> parse_value(ValueType type, std::string_view typed, const std::string& field = {});
// The canonical text of a value (what parse_value reads back): numbers
// without trailing zeros, dates YYYY-MM-DD, yes/no "yes" / "no".
std::string format_value(const Value& v);

}  // namespace rapport::domain
