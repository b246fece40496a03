// app/portal/web_interaction.h: what a customer does in the portal is kept
// as an interaction of channel web on their customer, so the 360° view
// shows it next to the calls and letters (quotes-orders-assets.md,
// "Customer portal": "A CSR sees what the customer did on the web").
#pragma once

#include <cstdint>
#include <string>

#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

// web for a portal user, else `staff` (the channel a desk logs for a CSR).
domain::InteractionChannel interaction_channel_of(const domain::User& actor,
                                                  domain::InteractionChannel staff);

// Logs on `customer` an inbound web interaction by the portal user `actor`:
// `summary` the record's number, `outcome` the step's code
// ("saved_as_quote", "accepted", "submitted"), on the record
// (`related_type`, `related_id`).
void log_web_interaction(store::Tx& tx, const domain::User& actor, std::int64_t customer,
                         const std::string& summary, const std::string& outcome,
                         const std::string& related_type, std::int64_t related_id, Instant now);

}  // namespace rapport::app
