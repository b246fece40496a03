#include "app/supervision/day_supervision.h"

#include "app/access.h"
#include "app/today.h"
#include "domain/contactplan/schedule.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

Result<TodayFigures> DaySupervision::today(const domain::User& actor) {
  if (auto ok = require(actor, Capability::supervise_calls); !ok) return ok.error();
  return read(true);
}

Result<TodayFigures> DaySupervision::plan_gauges() { return read(false); }

Result<TodayFigures> DaySupervision::read(bool with_csrs) {
  return db_.read([&](store::Tx& tx) -> Result<TodayFigures> {
    const domain::InstallationSettings settings = store::SettingsRepository::load(tx);
    TodayFigures f;
    f.at = clock_.now();
    f.zone = is_valid_time_zone(settings.time_zone) ? settings.time_zone : std::string("UTC");
    f.day = business_today(clock_, settings);
    f.release_minutes = settings.callback_release_minutes;
    const domain::ContactWindow whole_day = domain::window_on(f.day, 0, 1440, f.zone);
    const store::DayQuery q{whole_day.start, whole_day.end, f.at, f.release_minutes};
    f.plans = store::DayFiguresRepository::plans(tx, q);
    for (const auto& p : f.plans) domain::add_counts(f.total, p.counts);
    if (with_csrs) f.csrs = store::DayFiguresRepository::csrs(tx, q);
    return f;
  });
}

}  // namespace rapport::app
