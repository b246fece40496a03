#include "i18n/format.h"

#include <map>
#include <memory>
#include <tuple>

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

// ICU formatters take tens of microseconds to build (locale data, time
// zone rules) and a DateFormat may not be used by two threads at once: each
// thread keeps those it built, bounded by the languages × styles × time
// zones its users have. Pages format many dates and amounts.
constexpr std::size_t kMaxCachedFormats = 256;

using DateFormatKey = std::tuple<Language, int, int, std::string>;

icu::DateFormat* cached_date_format(Language lang, icu::DateFormat::EStyle date_style,
                                    icu::DateFormat::EStyle time_style, std::string_view zone) {
  thread_local std::map<DateFormatKey, std::unique_ptr<icu::DateFormat>> cache;
  DateFormatKey key{lang, date_style, time_style, std::string(zone)};
  if (auto it = cache.find(key); it != cache.end()) return it->second.get();
  if (cache.size() >= kMaxCachedFormats) cache.clear();
  std::unique_ptr<icu::DateFormat> fmt;
  if (date_style == icu::DateFormat::kFull && time_style == icu::DateFormat::kNone) {
    // The long date with its weekday ("Friday, December 4, 2026").
    UErrorCode status = U_ZERO_ERROR;
    fmt.reset(icu::DateFormat::createInstanceForSkeleton("EEEEdMMMMy", icu_locale(lang), status));
    if (U_FAILURE(status)) fmt.reset();
  } else {
    fmt.reset(icu::DateFormat::createDateTimeInstance(date_style, time_style, icu_locale(lang)));
  }
  if (!fmt) return nullptr;
  fmt->adoptTimeZone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), zone.size()))));
  return cache.emplace(std::move(key), std::move(fmt)).first->second.get();
}

std::string format_with_pattern(Language lang, UDate when, std::string_view zone,
                                icu::DateFormat::EStyle date_style,
                                icu::DateFormat::EStyle time_style) {
  auto* fmt = cached_date_format(lang, date_style, time_style, zone);
  if (!fmt) return {};
  icu::UnicodeString out;
  fmt->format(when, out);
  return to_utf8(out);
}

// A LocalizedNumberFormatter is immutable and thread-safe: one per language.
const icu::number::LocalizedNumberFormatter& number_formatter(Language lang) {
  static const icu::number::LocalizedNumberFormatter en =
      icu::number::NumberFormatter::withLocale(icu_locale(Language::en));
  static const icu::number::LocalizedNumberFormatter fr =
      icu::number::NumberFormatter::withLocale(icu_locale(Language::fr));
  return lang == Language::fr ? fr : en;
}

}  // namespace

std::string format_integer(Language lang, std::int64_t n) {
  UErrorCode status = U_ZERO_ERROR;
  auto out = number_formatter(lang).formatInt(n, status).toString(status);
  return U_SUCCESS(status) ? to_utf8(out) : std::to_string(n);
}

std::string format_decimal(Language lang, std::int64_t scaled, int decimals) {
  UErrorCode status = U_ZERO_ERROR;
  std::string text = decimal_text(scaled, decimals);
  auto out = number_formatter(lang)
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
  auto out = number_formatter(lang)
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
  if (!cached_date_format(lang, icu::DateFormat::kFull, icu::DateFormat::kNone, "UTC"))
    return format_civil_date(lang, d);
  return format_with_pattern(lang, static_cast<UDate>(days) * 86400000.0, "UTC",
                             icu::DateFormat::kFull, icu::DateFormat::kNone);
}

std::string format_date_time(Language lang, Instant t, std::string_view zone) {
  return format_with_pattern(lang, static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, zone,
                             icu::DateFormat::kMedium, icu::DateFormat::kShort);
}

}  // namespace rapport::i18n
