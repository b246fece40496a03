// app/settings/settings_desk.h: reading and changing the installation settings.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/settings/installation_settings.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app {

class SettingsDesk {
 public:
  SettingsDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The settings, for the desks that follow them (no access check: every
  // desk needs them). Errors: unavailable.
  Result<domain::InstallationSettings> current();
  // For the settings page and API: admins only. Errors: forbidden.
  Result<domain::InstallationSettings> get(const domain::User& actor);
  // Validates, then saves if nobody saved since settings.version.
  // Errors: forbidden; invalid_input (all in `errors`); conflict ("record.stale").
  Result<domain::InstallationSettings> update(const domain::User& actor,
                                              const domain::InstallationSettings& settings,
                                              FieldErrors* errors = nullptr);
  Result<std::vector<store::AuditRow>> history(const domain::User& actor);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
