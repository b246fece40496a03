#include "app/today.h"

#include "domain/contactplan/schedule.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

CivilDate business_today(const Clock& clock, const domain::InstallationSettings& settings) {
  return domain::local_date(clock.now(),
                            is_valid_time_zone(settings.time_zone) ? settings.time_zone : "UTC");
}

CivilDate business_today(const Clock& clock, store::Database& db) {
  auto settings = db.read([](store::Tx& tx) -> Result<domain::InstallationSettings> {
    return store::SettingsRepository::load(tx);
  });
  return business_today(clock, settings ? *settings : domain::InstallationSettings{});
}

std::string user_zone(const domain::User& user) {
  return is_valid_time_zone(user.time_zone) ? user.time_zone : std::string("UTC");
}

CivilDate user_today(const Clock& clock, const domain::User& user) {
  return domain::local_date(clock.now(), user_zone(user));
}

}  // namespace rapport::app
