#include "app/portal/portal_mail.h"

#include <spdlog/spdlog.h>

#include "delivery/mail/smtp_mailer.h"

namespace rapport::app {

Status send_portal_mail(const i18n::Catalog& catalog, const domain::InstallationSettings& settings,
                        const PortalMail& mail, Instant now) {
  const Language lang = mail.language;
  auto text = [&](const std::string& key) { return catalog.text(lang, key, mail.args); };
  delivery::MailMessage m;
  m.from = settings.smtp_sender;
  m.from_name = settings.company_name;
  m.to = mail.to;
  m.language = std::string(code(lang));
  m.subject = text(mail.subject_key);
  m.text = text("portal.mail.greeting") + "\n\n" + text(mail.about_key) + "\n\n" +
           text(mail.link_key) + "\n" + mail.link + "\n\n" + text(mail.last_key) + "\n\n" +
           text("portal.mail.closing") + "\n" + settings.company_name + "\n";
  delivery::MailServer server{settings.smtp_host, settings.smtp_port};
  if (auto sent = delivery::send_mail(server, m, now); !sent) {
    spdlog::warn("portal mail to {}: {} {}", m.to, sent.error().key, sent.error().detail);
    return sent.error();
  }
  return Ok{};
}

}  // namespace rapport::app
