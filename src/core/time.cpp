#include "core/time.h"

#include <sstream>

#include <date/tz.h>

namespace rapport {
namespace {

// True when `text` has the shape of `pattern`, where '9' stands for a digit
// and any other character for itself. Checked before date::parse, which
// reads the seconds of %T as a floating-point number: "10:-1:54" made it
// convert a NaN to an integer (undefined behaviour, found by fuzz/).
bool shaped(std::string_view text, std::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (pattern[i] == '9' ? !digit : text[i] != pattern[i]) return false;
  }
  return true;
}

}  // namespace

std::string format_instant(Instant t) { return date::format("%FT%TZ", t); }

std::optional<Instant> parse_instant(std::string_view text) {
  std::string s(text);
  if (s.size() == 20 && s[10] == ' ') s[10] = 'T';
  if (!shaped(s, "9999-99-99T99:99:99Z")) return std::nullopt;
  std::istringstream in(s);
  Instant t;
  in >> date::parse("%FT%TZ", t);
  if (in.fail()) return std::nullopt;
  return t;
}

std::string format_date(CivilDate d) { return date::format("%F", d); }

std::optional<CivilDate> parse_date(std::string_view text) {
  if (!shaped(text, "9999-99-99")) return std::nullopt;
  std::istringstream in{std::string(text)};
  date::year_month_day d;
  in >> date::parse("%F", d);
  if (in.fail() || !d.ok()) return std::nullopt;
  return d;
}

bool is_valid_time_zone(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::string format_local(Instant t, std::string_view zone) {
  auto zoned = date::make_zoned(date::locate_zone(zone), t);
  return date::format("%F %R", zoned);
}

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace rapport
