// domain/events/webhook.h: the endpoints admins register to receive events,
// the deliveries of each event to each endpoint that subscribed to it, the
// retry schedule, and the rule that keeps one record's events in order.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/events/event.h"

namespace rapport::domain {

struct WebhookEndpoint {
  Id<WebhookEndpoint> id;
  std::string url;  // http:// or https://
  std::string description;
  std::vector<EventType> events;  // the types it receives
  std::string secret;             // the HMAC key (never shown again after creation)
  bool active = true;
  Instant created_at{};
  Version version = 0;
};

constexpr std::size_t kMaxWebhookUrlLength = 2000;
constexpr std::size_t kMaxWebhookDescriptionLength = 200;
constexpr std::size_t kMinWebhookSecretLength = 24;
constexpr std::size_t kMaxWebhookSecretLength = 200;

// True when the endpoint receives events of `type`.
bool subscribes(const WebhookEndpoint& endpoint, EventType type);

// The endpoint's faults, each on its field: url ("field.required",
// "webhook.url_invalid": an http or https URL with a host, no spaces,
// "field.too_long"), description ("field.too_long", "text.one_line"),
// events ("webhook.events_required"), secret when given
// ("webhook.secret_length": 24 to 200 printable ASCII characters).
FieldErrors validate_endpoint(const WebhookEndpoint& endpoint);

// The event names of a form or a JSON array: unknown names are reported
// on `field` ("webhook.event_unknown", {event}); duplicates are dropped.
std::vector<EventType> parse_event_names(const std::vector<std::string>& names, FieldErrors& errors,
                                         const std::string& field = "events");

enum class DeliveryStatus { pending, delivered, failed };
BOOST_DESCRIBE_ENUM(DeliveryStatus, pending, delivered, failed)

// How often and how late a failed delivery is tried again: attempt n
// (1-based) that fails waits base × 2^(n−1), at most `cap`; after
// `max_attempts` failures the delivery is failed (an admin may retry it).
struct RetryPolicy {
  int max_attempts = 8;
  std::chrono::seconds base{30};
  std::chrono::seconds cap{std::chrono::hours(6)};
};
std::chrono::seconds retry_delay(const RetryPolicy& policy, int failed_attempts);

// A delivery's state as attempts change it.
struct DeliveryState {
  DeliveryStatus status = DeliveryStatus::pending;
  int attempts = 0;
  Instant next_attempt_at{};
  std::optional<int> last_status;  // the receiver's HTTP status
  std::string last_error;          // empty after a success
  std::optional<Instant> delivered_at;
};

constexpr std::size_t kMaxDeliveryErrorLength = 500;

// After one attempt at `now`: a 2xx answer delivers; anything else (another
// status, or `error` when no answer came) counts an attempt and schedules
// the next by `policy`, or fails the delivery after the last one.
void record_attempt(DeliveryState& state, const RetryPolicy& policy, Instant now,
                    std::optional<int> http_status, const std::string& error);
// An admin's "retry now" of a failed delivery: pending again, due at `now`,
// with a fresh count of attempts. Errors: "webhook.delivery_not_failed".
Status retry_now(DeliveryState& state, Instant now);

// A delivery that is due, and the oldest event still pending for the same
// endpoint and record (`chain_head`, its own event when it is the oldest).
struct DueDelivery {
  std::int64_t id = 0;
  std::int64_t event = 0;
  std::int64_t endpoint = 0;
  std::string record;  // "kind:id"
  std::int64_t chain_head = 0;
};

// In order per record: of the due deliveries, those that may be sent now —
// the oldest pending event of their endpoint and record, one per
// (endpoint, record). A later event waits while an earlier one is pending
// (even leased to another server); a delivered or failed one does not hold
// it up. Keeps the input's order.
std::vector<DueDelivery> ready_in_order(const std::vector<DueDelivery>& due);

}  // namespace rapport::domain
