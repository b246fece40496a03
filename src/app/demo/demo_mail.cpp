#include "app/demo/demo_mail.h"

#include "app/access.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

Result<bool> point_demo_mail_at_sink(store::Database& db, const Clock& clock) {
  const Instant now = clock.now();
  return db.write([&](store::Tx& tx) -> Result<bool> {
    auto settings = store::SettingsRepository::load(tx);
    const domain::InstallationSettings defaults;
    if (settings.smtp_host != defaults.smtp_host || settings.smtp_port != defaults.smtp_port ||
        settings.smtp_sender != defaults.smtp_sender ||
        settings.fax_gateway_domain != defaults.fax_gateway_domain)
      return false;
    settings.smtp_host = kDemoMailHost;
    settings.smtp_port = kDemoMailPort;
    settings.smtp_sender = kDemoMailSender;
    settings.fax_gateway_domain = kDemoFaxGateway;
    if (auto saved = store::SettingsRepository::save(tx, settings, system_actor("demo"), now);
        !saved)
      return saved.error();
    return true;
  });
}

}  // namespace rapport::app
