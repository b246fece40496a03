// app/portal/portal_details.h: "My details" of the customer portal — the
// customer's phone, e-mail and address (what the staff desk edits, through
// the same CustomerDesk::update, version-checked and audited with the
// customer user as actor) and the contact the portal user was invited for.
// A correction is also an interaction of channel web on the customer.
#pragma once

#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/users/user.h"
#include "i18n/catalog.h"
#include "store/database.h"

namespace rapport::app {

struct PortalDetails {
  domain::Customer customer;
  domain::Contact contact;
};

// What a customer may correct; everything else of the customer is kept.
struct DetailsCorrection {
  Version version = 0;  // the customer's, as read
  std::string phone;    // as typed; empty removes the main phone
  std::string email;    // empty removes the main e-mail
  domain::PostalAddress address;
};

// What the invited contact may correct of themselves (their role is kept).
struct ContactCorrection {
  Version version = 0;  // the contact's, as read
  std::string given_name;
  std::string family_name;
  std::string phone;  // as typed; empty removes it
  std::string email;  // empty removes it
};

class PortalDetailsDesk {
 public:
  PortalDetailsDesk(store::Database& db, const Clock& clock, const i18n::Catalog& catalog)
      : db_(db), clock_(clock), catalog_(catalog) {}

  // Errors: forbidden (not a portal user).
  Result<PortalDetails> details(const domain::User& customer_user);
  // Errors: forbidden; invalid_input (every field in `errors`: "phone",
  // "email", "line1", "line2", "postal_code", "city", "region", "country");
  // conflict ("record.stale").
  Result<PortalDetails> correct(const domain::User& customer_user, const DetailsCorrection& c,
                                FieldErrors* errors = nullptr);
  // The portal user's own contact corrected through the CSR's
  // CustomerDesk::update_contact (version-checked, audited with the
  // customer user, logged as a web interaction). Errors: forbidden;
  // invalid_input ("contact_family_name", "contact_phone", "contact_email");
  // conflict ("record.stale").
  Result<domain::Contact> correct_contact(const domain::User& customer_user,
                                          const ContactCorrection& c);

 private:
  store::Database& db_;
  const Clock& clock_;
  const i18n::Catalog& catalog_;
};

}  // namespace rapport::app
