// i18n/format.h: numbers, money, dates and times as each language writes them
// (ICU): 1 234,56 € in French, €1,234.56 in English.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/language.h"
#include "core/money.h"
#include "core/time.h"

namespace rapport::i18n {

std::string format_integer(Language lang, std::int64_t n);
// `scaled` / 10^decimals with only the decimals it needs: 2500, 3 →
// "2.5" / "2,5"; 1000000, 3 → "1,000" / "1 000".
std::string format_decimal(Language lang, std::int64_t scaled, int decimals);
// Requires: is_known_currency(amount.currency).
std::string format_money(Language lang, const Money& amount);
// "23 nov. 2026" / "Nov 23, 2026".
std::string format_civil_date(Language lang, CivilDate d);
// With the weekday, for a sentence that is about the day itself:
// "Sunday, December 6, 2026" / "dimanche 6 décembre 2026".
std::string format_civil_date_with_weekday(Language lang, CivilDate d);
// Date and time of `t` on the wall clock of `zone`, e.g. "23 nov. 2026, 11:21".
// Requires: is_valid_time_zone(zone).
std::string format_date_time(Language lang, Instant t, std::string_view zone);

}  // namespace rapport::i18n
