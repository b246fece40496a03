// store/events/webhook_repository.h: webhook endpoints (audited, versioned)
// and their deliveries — claimed by the delivery workers of any number of
// servers with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), the outcome
// of each attempt recorded here.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/events/webhook.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

// An endpoint with the counts of its deliveries by status.
struct EndpointSummary {
  domain::WebhookEndpoint endpoint;
  long long pending = 0;
  long long delivered = 0;
  long long failed = 0;
  std::optional<Instant> last_delivered_at;
};

class WebhookEndpointRepository {
 public:
  static domain::WebhookEndpoint insert(Tx& tx, domain::WebhookEndpoint e, const Actor& actor,
                                        Instant now);
  // Saves url, description, events and active at e.version (the secret
  // stays). Errors: conflict (stale), not_found.
  static Result<domain::WebhookEndpoint> update(Tx& tx, domain::WebhookEndpoint e,
                                                const Actor& actor, Instant now);
  // Errors: not_found ("webhook.not_found").
  static Result<domain::WebhookEndpoint> find(Tx& tx, Id<domain::WebhookEndpoint> id);
  // Oldest first, at most `limit`.
  static std::vector<EndpointSummary> list(Tx& tx, int limit = 200);
};

// A delivery as the deliveries page and the API list it.
struct DeliveryRow {
  std::int64_t id = 0;
  std::int64_t event = 0;
  domain::EventType event_type = domain::EventType::sales_order_submitted;
  std::string record;  // "kind:id"
  std::int64_t endpoint = 0;
  std::string endpoint_url;
  domain::DeliveryState state;
  std::optional<Instant> last_attempt_at;
};

struct DeliveryFilter {
  std::optional<std::int64_t> endpoint;
  std::optional<domain::DeliveryStatus> status;
  std::optional<std::int64_t> before;  // ids below this (the next page, newest first)
  int limit = 50;
};

// A delivery leased to this worker with what posting it needs.
struct ClaimedDelivery {
  std::int64_t id = 0;
  domain::Event event;
  std::int64_t endpoint = 0;
  std::string url;
  std::string secret;
  domain::DeliveryState state;
};

class WebhookDeliveryRepository {
 public:
  // Leases up to `limit` due deliveries of active endpoints that are first
  // in their record's order (domain::ready_in_order) until now + `lease`.
  // Requires: a write transaction of its own, committed before posting.
  static std::vector<ClaimedDelivery> claim(Tx& tx, Instant now, std::chrono::seconds lease,
                                            int limit);
  // Writes the state after an attempt (or a retry) and ends the lease.
  static void record(Tx& tx, std::int64_t id, const domain::DeliveryState& state,
                     std::optional<Instant> attempted_at);
  // Errors: not_found ("webhook.delivery_not_found").
  static Result<DeliveryRow> find(Tx& tx, std::int64_t id);
  // Newest first.
  static std::vector<DeliveryRow> list(Tx& tx, const DeliveryFilter& filter);
};

}  // namespace rapport::store
