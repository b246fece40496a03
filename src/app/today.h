// app/today.h: what day it is, decided here for every face (pages, JSON API,
// command line) so that they cannot disagree near midnight.
//
// Business dates — a campaign's offer dates, a held order's remind date, a
// contact plan's validity, a generation's default range — follow the
// installation's calendar (its time zone in the settings). A user's own
// day — the day's calls, "today" on the home page — follows the user's zone.
#pragma once

#include <string>

#include "core/time.h"
#include "domain/settings/installation_settings.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

// Today in the installation's time zone.
CivilDate business_today(const Clock& clock, const domain::InstallationSettings& settings);
// The same, reading the settings (one short read transaction).
CivilDate business_today(const Clock& clock, store::Database& db);

// The zone a user's day is in: theirs when it is a known zone, else UTC.
std::string user_zone(const domain::User& user);
// Today in the user's own time zone.
CivilDate user_today(const Clock& clock, const domain::User& user);

}  // namespace rapport::app
