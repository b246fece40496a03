// store/settings/settings_repository.h: the single row of installation settings.
#pragma once

#include "core/result.h"
#include "core/time.h"
#include "domain/settings/installation_settings.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class SettingsRepository {
 public:
  static domain::InstallationSettings load(Tx& tx);
  // Writes if the row is still at s.version; audits each changed field.
  // Errors: conflict ("record.stale").
  static Result<Version> save(Tx& tx, const domain::InstallationSettings& s, const Actor& actor,
                              Instant now);
};

}  // namespace rapport::store
