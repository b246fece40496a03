// app/portal/portal_password_reset.h: a portal user who forgot their
// password (quotes-orders-assets.md, "Customer portal": "Password reset by
// e-mail"). Asking with an e-mail address always answers the same, whether
// or not it is a portal user's (no account enumeration); a portal user's
// contact with that address gets a one-time link valid kPasswordResetValidity,
// in the user's language, through the installation's SMTP settings. Asking
// again replaces the link; an address may ask kPasswordResetsPerHour times
// an hour (counted in the database, shared by every server). Staff accounts
// are not reset here.
#pragma once

#include <chrono>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "i18n/catalog.h"
#include "store/database.h"

namespace rapport::app {

constexpr std::chrono::hours kPasswordResetValidity{1};
constexpr int kPasswordResetsPerHour = 3;

class PortalPasswordReset {
 public:
  PortalPasswordReset(store::Database& db, const Clock& clock, const i18n::Catalog& catalog)
      : db_(db), clock_(clock), catalog_(catalog) {}

  // Mails `<base_url>/portal/password-reset/<token>` to the portal users of
  // `email`, within the limit. Ok whatever the address (a mail that could
  // not be sent is logged, not told). Errors: invalid_input
  // ("field.email_invalid" on email) for what is no e-mail address.
  Status request(const std::string& email, const std::string& base_url);

  // The portal user of a live link. Errors: not_found ("portal.reset_invalid":
  // unknown, used or replaced; "portal.reset_expired").
  Result<domain::User> user_of(const std::string& token);

  // Sets the password (the staff policy), uses the link and ends the user's
  // sessions. Errors: user_of()'s, invalid_input from the password policy.
  Result<domain::User> reset(const std::string& token, const std::string& password);

 private:
  store::Database& db_;
  const Clock& clock_;
  const i18n::Catalog& catalog_;
};

}  // namespace rapport::app
