// core/time.h: instants in UTC, civil dates, IANA zones, and the clock.
//
// Instants are stored and exchanged as ISO 8601 UTC text with second
// precision ("2026-11-23T10:21:54Z"): sortable as text in SQLite and
// PostgreSQL alike, readable in the database.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace rapport {

using Instant = std::chrono::sys_seconds;
using CivilDate = date::year_month_day;

// "2026-11-23T10:21:54Z".
std::string format_instant(Instant t);
// Accepts "YYYY-MM-DDTHH:MM:SSZ" (and a space for the T); nullopt otherwise.
std::optional<Instant> parse_instant(std::string_view text);

// "2026-11-23".
std::string format_date(CivilDate d);
std::optional<CivilDate> parse_date(std::string_view text);

// True when `name` is a zone of the system's IANA time-zone database.
bool is_valid_time_zone(std::string_view name);

// The wall-clock time of `t` in `zone` as "YYYY-MM-DD HH:MM".
// Requires: is_valid_time_zone(zone).
std::string format_local(Instant t, std::string_view zone);

// The source of "now", so tests can fix it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

}  // namespace rapport
