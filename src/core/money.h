// core/money.h: amounts of money as integer minor units and an ISO 4217 code.
// Never a floating-point number: 12.34 EUR is {1234, "EUR"}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rapport {

struct Money {
  std::int64_t minor = 0;  // cents for EUR, USD, CAD…
  std::string currency;    // ISO 4217, e.g. "EUR"
  bool operator==(const Money&) const = default;
};

// The number of minor-unit digits of a currency (2 for EUR, 0 for JPY), or
// nullopt when the code is not one Rapport knows.
std::optional<int> currency_exponent(std::string_view code);

inline bool is_known_currency(std::string_view code) { return currency_exponent(code).has_value(); }

// Parses a decimal amount typed by a user ("1234.5", "1 234,50") into minor
// units of `currency`. nullopt when malformed or with too many decimals.
std::optional<Money> parse_money(std::string_view text, std::string_view currency);

}  // namespace rapport
