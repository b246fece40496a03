#include "app/settings/settings_desk.h"

#include "app/access.h"
#include "store/marketing/campaign_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

Result<domain::InstallationSettings> SettingsDesk::current() {
  return db_.read([](store::Tx& tx) -> Result<domain::InstallationSettings> {
    return store::SettingsRepository::load(tx);
  });
}

Result<domain::InstallationSettings> SettingsDesk::get(const domain::User& actor) {
  if (auto ok = require(actor, Capability::manage_settings); !ok) return ok.error();
  return current();
}

Result<domain::InstallationSettings> SettingsDesk::update(
    const domain::User& actor, const domain::InstallationSettings& settings, FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_settings); !ok) return ok.error();
  FieldErrors found = domain::validate_settings(settings);
  if (!found.empty()) {
    if (errors) *errors = found;
    return found.errors.front();
  }
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::InstallationSettings> {
    if (settings.default_campaign &&
        !store::CampaignRepository::find(tx, Id<domain::Campaign>{*settings.default_campaign})) {
      Error e = Error::invalid("settings.default_campaign_unknown", "default_campaign");
      if (errors) errors->add(e);
      return e;
    }
    auto version = store::SettingsRepository::save(tx, settings, actor_of(actor), now);
    if (!version) return version.error();
    return store::SettingsRepository::load(tx);
  });
}

Result<std::vector<store::AuditRow>> SettingsDesk::history(const domain::User& actor) {
  if (auto ok = require(actor, Capability::manage_settings); !ok) return ok.error();
  return db_.read([](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "settings", 1);
  });
}

}  // namespace rapport::app
