#include "core/money.h"

#include <array>
#include <limits>
#include <utility>

namespace rapport {
namespace {

// The currencies a call centre in Rapport's markets bills in.
constexpr std::array<std::pair<std::string_view, int>, 14> kCurrencies{{
    {"AUD", 2},
    {"CAD", 2},
    {"CHF", 2},
    {"DKK", 2},
    {"EUR", 2},
    {"GBP", 2},
    {"JPY", 0},
    {"NOK", 2},
    {"NZD", 2},
    {"SEK", 2},
    {"USD", 2},
    {"XOF", 0},
    {"XPF", 0},
    {"MAD", 2},
}};

}  // namespace

std::optional<int> currency_exponent(std::string_view code) {
  for (const auto& [c, e] : kCurrencies)
    if (c == code) return e;
  return std::nullopt;
}

std::optional<Money> parse_money(std::string_view text, std::string_view currency) {
  auto exponent = currency_exponent(currency);
  if (!exponent) return std::nullopt;
  bool negative = false;
  std::int64_t units = 0;
  int decimals = -1;  // -1 until a decimal separator is seen
  bool any_digit = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '-' && !any_digit && !negative) {
      negative = true;
      continue;
    }
    if (c == ' ' || c == '\'') continue;
    if ((c == '.' || c == ',') && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals >= 0 && ++decimals > *exponent) return std::nullopt;
    if (units > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return std::nullopt;
    units = units * 10 + (c - '0');
    any_digit = true;
  }
  if (!any_digit) return std::nullopt;
  for (int d = decimals < 0 ? 0 : decimals; d < *exponent; ++d) {
    if (units > std::numeric_limits<std::int64_t>::max() / 10) return std::nullopt;
    units *= 10;
  }
  return Money{negative ? -units : units, std::string(currency)};
}

}  // namespace rapport
