#include "core/time.h"

#include <sstream>

#include <date/tz.h>

namespace rapport {

std::string format_instant(Instant t) { return date::format("%FT%TZ", t); }

std::optional<Instant> parse_instant(std::string_view text) {
  std::string s(text);
  if (s.size() == 20 && s[10] == ' ') s[10] = 'T';
  if (s.size() != 20 || s[10] != 'T' || s[19] != 'Z') return std::nullopt;
  std::istringstream in(s);
  Instant t;
  in >> date::parse("%FT%TZ", t);
  if (in.fail()) return std::nullopt;
  return t;
}

std::string format_date(CivilDate d) { return date::format("%F", d); }

std::optional<CivilDate> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
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
