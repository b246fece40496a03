// app/portal/portal_desk.h: the customer portal's users and what a portal
// user sees (quotes-orders-assets.md, "Customer portal").
//
// A portal user is a User with the customer role bound to one customer and
// the contact it was invited for (store/portal). Staff invite a contact: the
// user is made without a usable password and a one-time link is e-mailed
// in the customer's language; the link sets the password once, within
// kInvitationValidity. Every read of the portal takes the customer user and
// reads only that user's customer — never an id from the request.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/quotes/quote_desk.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/sales/sales_order.h"
#include "domain/users/user.h"
#include "i18n/catalog.h"
#include "store/database.h"
#include "store/sales/asset_repository.h"

namespace rapport::app {

// How long an invitation link may be used.
constexpr std::chrono::hours kInvitationValidity{72};

struct PortalInvitation {
  domain::User user;  // the portal user, new or invited again
  std::string email;  // where the link went
  Instant expires_at;
};

// What the set-password page shows for a live invitation.
struct InvitationView {
  domain::User user;
  std::string customer_name;
};

struct PortalHome {
  domain::Customer customer;
  std::vector<store::AssetRow> assets;
  std::vector<QuoteSummary> quotes;
  std::vector<domain::SalesOrder> orders;
};

class PortalDesk {
 public:
  PortalDesk(store::Database& db, const Clock& clock, const i18n::Catalog& catalog)
      : db_(db), clock_(clock), catalog_(catalog) {}

  // Invites `contact` of `customer` (CSR, manager, admin): makes or reuses
  // its portal user, replaces its token and e-mails
  // `<base_url>/portal/invitation/<token>` through the installation's SMTP
  // settings. Errors: forbidden; not_found (customer, or a contact of
  // another customer); invalid_input ("portal.contact_no_email" on email);
  // conflict ("portal.user_inactive"); unavailable/invalid_input from
  // the mail server ("mail.*").
  Result<PortalInvitation> invite(const domain::User& actor, std::int64_t customer,
                                  std::int64_t contact, const std::string& base_url);

  // The invitation of this token. Errors: not_found
  // ("portal.invitation_invalid": unknown, used or replaced;
  // "portal.invitation_expired": older than kInvitationValidity).
  Result<InvitationView> invitation(const std::string& token);

  // Sets the password (the staff policy), marks the token used. Same
  // errors as invitation(), and invalid_input from the password policy.
  Result<domain::User> accept(const std::string& token, const std::string& password);

  // The portal's home for a customer user. Errors: forbidden (not a portal
  // user).
  Result<PortalHome> home(const domain::User& customer_user);

 private:
  store::Database& db_;
  const Clock& clock_;
  const i18n::Catalog& catalog_;
};

}  // namespace rapport::app
