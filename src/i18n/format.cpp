#include "i18n/format.h"

#include <memory>

#include <unicode/datefmt.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>

namespace rapport::i18n {
namespace {

icu::Locale icu_locale(Language lang) {
  return lang == Language::fr ? icu::Locale("fr", "FR") : icu::Locale("en", "US");
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Minor units as an exact decimal string, so no binary rounding reaches ICU.
std::string decimal_text(std::int64_t minor, int exponent) {
  bool negative = minor < 0;
  std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  std::string digits = std::to_string(magnitude);
  if (exponent > 0) {
    const auto width = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() < width) digits = std::string(width - digits.size(), '0') + digits;
    const auto split = digits.size() - static_cast<std::size_t>(exponent);
    digits = digits.substr(0, split) + "." + digits.substr(split);
  }
  return negative ? "-" + digits : digits;
}

std::string format_with_pattern(Language lang, UDate when, std::string_view zone,
                                icu::DateFormat::EStyle date_style,
                                icu::DateFormat::EStyle time_style) {
  std::unique_ptr<icu::DateFormat> fmt(
      icu::DateFormat::createDateTimeInstance(date_style, time_style, icu_locale(lang)));
  fmt->adoptTimeZone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), zone.size()))));
  icu::UnicodeString out;
  fmt->format(when, out);
  return to_utf8(out);
}

}  // namespace

std::string format_integer(Language lang, std::int64_t n) {
  UErrorCode status = U_ZERO_ERROR;
  auto out = icu::number::NumberFormatter::withLocale(icu_locale(lang))
                 .formatInt(n, status)
                 .toString(status);
  return U_SUCCESS(status) ? to_utf8(out) : std::to_string(n);
}

std::string format_decimal(Language lang, std::int64_t scaled, int decimals) {
  UErrorCode status = U_ZERO_ERROR;
  std::string text = decimal_text(scaled, decimals);
  auto out = icu::number::NumberFormatter::withLocale(icu_locale(lang))
                 .precision(icu::number::Precision::maxFraction(decimals))
                 .formatDecimal(icu::StringPiece(text), status)
                 .toString(status);
  return U_SUCCESS(status) ? to_utf8(out) : text;
}

std::string format_money(Language lang, const Money& amount) {
  UErrorCode status = U_ZERO_ERROR;
  int exponent = currency_exponent(amount.currency).value_or(2);
  std::string text = decimal_text(amount.minor, exponent);
  icu::UnicodeString code = icu::UnicodeString::fromUTF8(amount.currency);
  auto out = icu::number::NumberFormatter::withLocale(icu_locale(lang))
                 .unit(icu::CurrencyUnit(code.getTerminatedBuffer(), status))
                 .formatDecimal(icu::StringPiece(text), status)
                 .toString(status);
  return U_SUCCESS(status) ? to_utf8(out) : text + " " + amount.currency;
}

std::string format_civil_date(Language lang, CivilDate d) {
  auto days = date::sys_days(d).time_since_epoch().count();
  return format_with_pattern(lang, static_cast<UDate>(days) * 86400000.0, "UTC",
                             icu::DateFormat::kMedium, icu::DateFormat::kNone);
}

std::string format_civil_date_with_weekday(Language lang, CivilDate d) {
  auto days = date::sys_days(d).time_since_epoch().count();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> fmt(
      icu::DateFormat::createInstanceForSkeleton("EEEEdMMMMy", icu_locale(lang), status));
  if (U_FAILURE(status) || !fmt) return format_civil_date(lang, d);
  fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
  icu::UnicodeString out;
  fmt->format(static_cast<UDate>(days) * 86400000.0, out);
  return to_utf8(out);
}

std::string format_date_time(Language lang, Instant t, std::string_view zone) {
  return format_with_pattern(lang, static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, zone,
                             icu::DateFormat::kMedium, icu::DateFormat::kShort);
}

}  // namespace rapport::i18n
