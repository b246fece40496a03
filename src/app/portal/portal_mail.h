// app/portal/portal_mail.h: the portal's e-mails to a portal user — the
// invitation and the password reset — sent through the installation's SMTP
// settings in the user's language: greeting, what it is about, the one-time
// link, a last paragraph, closing and the company's name.
#pragma once

#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/settings/installation_settings.h"
#include "i18n/catalog.h"

namespace rapport::app {

struct PortalMail {
  std::string to;
  Language language = Language::en;
  std::string subject_key;  // catalog keys, formatted with `args`
  std::string about_key;
  std::string link_key;
  std::string link;
  std::string last_key;
  MessageArgs args;  // "name" and "company" at least
};

// Errors: unavailable/invalid_input from the mail server ("mail.*").
Status send_portal_mail(const i18n::Catalog& catalog, const domain::InstallationSettings& settings,
                        const PortalMail& mail, Instant now);

}  // namespace rapport::app
