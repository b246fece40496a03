#include "app/events/webhook_desk.h"

#include "app/access.h"
#include "app/crypto.h"
#include "app/field_errors.h"

namespace rapport::app {
namespace {

// The endpoint `input` describes over `e`, with every fault in `errors`.
void apply_endpoint_input(domain::WebhookEndpoint& e, const EndpointInput& input,
                          FieldErrors& errors) {
  e.url = input.url;
  e.description = input.description;
  e.active = input.active;
  FieldErrors names;
  e.events = domain::parse_event_names(input.events, names);
  for (auto& f : domain::validate_endpoint(e).errors) errors.add(std::move(f));
  // An unknown name is the reason, not a missing event: report that one.
  if (!names.empty()) {
    std::erase_if(errors.errors, [](const Error& f) { return f.field == "events"; });
    for (auto& f : names.errors) errors.add(std::move(f));
  }
}

}  // namespace

std::string generate_webhook_secret() { return "whsec_" + random_token(32); }

Result<domain::WebhookEndpoint> WebhookDesk::create(const domain::User& actor,
                                                    const EndpointInput& input,
                                                    FieldErrors* errors_out) {
  if (auto ok = require(actor, Capability::manage_webhooks); !ok) return ok.error();
  domain::WebhookEndpoint e;
  e.secret = input.secret;
  FieldErrors errors;
  apply_endpoint_input(e, input, errors);
  if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
  if (e.secret.empty()) e.secret = generate_webhook_secret();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::WebhookEndpoint> {
    return store::WebhookEndpointRepository::insert(tx, e, actor_of(actor), now);
  });
}

Result<domain::WebhookEndpoint> WebhookDesk::update(const domain::User& actor,
                                                    Id<domain::WebhookEndpoint> id, Version version,
                                                    const EndpointInput& input,
                                                    FieldErrors* errors_out) {
  if (auto ok = require(actor, Capability::manage_webhooks); !ok) return ok.error();
  const Instant now = clock_.now();
  auto saved = db_.write([&](store::Tx& tx) -> Result<domain::WebhookEndpoint> {
    auto e = store::WebhookEndpointRepository::find(tx, id);
    if (!e) return e.error();
    FieldErrors errors;
    apply_endpoint_input(*e, input, errors);
    if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
    e->version = version;
    return store::WebhookEndpointRepository::update(tx, std::move(*e), actor_of(actor), now);
  });
  if (saved) saved->secret.clear();
  return saved;
}

Result<domain::WebhookEndpoint> WebhookDesk::get(const domain::User& actor,
                                                 Id<domain::WebhookEndpoint> id) {
  if (auto ok = require(actor, Capability::manage_webhooks); !ok) return ok.error();
  auto found =
      db_.read([&](store::Tx& tx) { return store::WebhookEndpointRepository::find(tx, id); });
  if (found) found->secret.clear();
  return found;
}

Result<std::vector<store::EndpointSummary>> WebhookDesk::list(const domain::User& actor) {
  if (auto ok = require(actor, Capability::manage_webhooks); !ok) return ok.error();
  auto all = db_.read([&](store::Tx& tx) -> Result<std::vector<store::EndpointSummary>> {
    return store::WebhookEndpointRepository::list(tx);
  });
  if (all)
    for (auto& s : *all) s.endpoint.secret.clear();
  return all;
}

Result<std::vector<store::AuditRow>> WebhookDesk::history(const domain::User& actor,
                                                          Id<domain::WebhookEndpoint> id) {
  if (auto ok = require(actor, Capability::manage_webhooks); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "webhook_endpoint", id.value);
  });
}

Result<std::vector<store::DeliveryRow>> WebhookDesk::deliveries(
    const domain::User& actor, const store::DeliveryFilter& filter) {
  if (auto ok = require(actor, Capability::manage_webhooks); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::DeliveryRow>> {
    return store::WebhookDeliveryRepository::list(tx, filter);
  });
}

Result<store::DeliveryRow> WebhookDesk::retry(const domain::User& actor, std::int64_t delivery) {
  if (auto ok = require(actor, Capability::manage_webhooks); !ok) return ok.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<store::DeliveryRow> {
    auto row = store::WebhookDeliveryRepository::find(tx, delivery);
    if (!row) return row.error();
    if (auto ok = domain::retry_now(row->state, now); !ok) return ok.error();
    store::WebhookDeliveryRepository::record(tx, delivery, row->state, std::nullopt);
    return std::move(*row);
  });
}

}  // namespace rapport::app
