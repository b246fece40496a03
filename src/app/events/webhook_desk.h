// app/events/webhook_desk.h: admins register the endpoints that receive
// events, and follow and retry their deliveries (README, "Webhooks").
// Pages and the API call these.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/events/webhook.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/events/webhook_repository.h"

namespace rapport::app {

// An endpoint as an admin fills it in; the events by name.
struct EndpointInput {
  std::string url;
  std::string description;
  std::vector<std::string> events;
  std::string secret;  // create only; empty: the server generates one
  bool active = true;
};

class WebhookDesk {
 public:
  WebhookDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Admins only. The result carries the secret — the only time it is shown.
  // Errors: forbidden; invalid_input (every fault in `errors`:
  // domain::validate_endpoint's, "webhook.event_unknown").
  Result<domain::WebhookEndpoint> create(const domain::User& actor, const EndpointInput& input,
                                         FieldErrors* errors = nullptr);
  // URL, description, events and active at `version` (the secret stays).
  // Errors: also not_found, conflict (stale).
  Result<domain::WebhookEndpoint> update(const domain::User& actor, Id<domain::WebhookEndpoint> id,
                                         Version version, const EndpointInput& input,
                                         FieldErrors* errors = nullptr);
  // Without their secrets.
  Result<domain::WebhookEndpoint> get(const domain::User& actor, Id<domain::WebhookEndpoint> id);
  Result<std::vector<store::EndpointSummary>> list(const domain::User& actor);
  Result<std::vector<store::AuditRow>> history(const domain::User& actor,
                                               Id<domain::WebhookEndpoint> id);
  Result<std::vector<store::DeliveryRow>> deliveries(const domain::User& actor,
                                                     const store::DeliveryFilter& filter);
  // "Retry now" of a failed delivery: pending again, due now, attempts
  // counted afresh. Errors: not_found, "webhook.delivery_not_failed".
  Result<store::DeliveryRow> retry(const domain::User& actor, std::int64_t delivery);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// The secret the server makes when the admin leaves it blank.
std::string generate_webhook_secret();

}  // namespace rapport::app
