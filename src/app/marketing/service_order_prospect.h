// app/marketing/service_order_prospect.h: the prospect on a service order and the
// customer record made from it. Internal to app/.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "domain/customers/customer.h"
#include "domain/marketing/campaign.h"
#include "domain/marketing/service_order.h"
#include "domain/settings/installation_settings.h"

namespace rapport::app::orders {

// Every fault of the prospect as recorded on a save: a family (or company)
// name, lengths, an e-mail that looks like one, a known customer class
// (among `classes`); the address only when some of it was typed. Fields
// are "prospect.<name>".
FieldErrors validate_prospect(const domain::Prospect& p, const std::vector<std::string>& classes);

// The customer a prospect becomes (or, for `base`, its fields replaced).
domain::Customer customer_from(const domain::Prospect& p, domain::Customer base,
                               const std::string& fallback_zone);

// The prospect of an order for an existing customer: the customer's own
// facts (name, kind, class, language, primary phone and e-mail, address), so
// eligibility judges the customer and nothing is asked again.
domain::Prospect prospect_from(const domain::Customer& c);

// Party choices as the campaign allows them for a new order.
void default_parties(domain::ServiceOrder& o, const domain::Campaign& c, bool territory_predefined);

}  // namespace rapport::app::orders
