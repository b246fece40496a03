#include "store/events/webhook_repository.h"

#include <soci/soci.h>

#include "core/enum_codes.h"
#include "store/actor_column.h"
#include "store/events/outbox_repository.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::DeliveryStatus;
using domain::WebhookEndpoint;

std::string webhook_events_text(const std::vector<domain::EventType>& events) {
  std::string out;
  for (auto t : events) {
    if (!out.empty()) out += ',';
    out += domain::event_name(t);
  }
  return out;
}

std::vector<domain::EventType> webhook_events_of(const std::string& text) {
  std::vector<domain::EventType> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (auto t = domain::parse_event_name(std::string_view(text).substr(start, comma - start)))
      out.push_back(*t);
    start = comma + 1;
  }
  return out;
}

AuditedFields webhook_audited(const WebhookEndpoint& e) {
  return {{"url", e.url},
          {"description", e.description},
          {"events", webhook_events_text(e.events)},
          {"active", e.active ? "1" : "0"}};
}

constexpr const char* kEndpointColumns =
    "e.id, e.url, e.description, e.events, e.secret, e.active, e.created_at, e.version";

WebhookEndpoint webhook_endpoint_from_row(const soci::row& r) {
  WebhookEndpoint e;
  e.id = Id<WebhookEndpoint>{int64_at(r, 0)};
  e.url = text_at(r, 1);
  e.description = text_at(r, 2);
  e.events = webhook_events_of(text_at(r, 3));
  e.secret = text_at(r, 4);
  e.active = int_at(r, 5) != 0;
  e.created_at = parse_instant(text_at(r, 6)).value_or(Instant{});
  e.version = int64_at(r, 7);
  return e;
}

std::optional<Instant> webhook_optional_instant(const soci::row& r, std::size_t i) {
  auto text = optional_text_at(r, i);
  if (!text) return std::nullopt;
  return parse_instant(*text);
}

// d.status … d.delivered_at, in this order, from column `i` on.
constexpr const char* kStateColumns =
    "d.status, d.attempts, d.next_attempt_at, d.last_status, "
    "d.last_error, d.delivered_at, d.last_attempt_at";

domain::DeliveryState webhook_state_from_row(const soci::row& r, std::size_t i) {
  domain::DeliveryState s;
  s.status = enum_from_code<DeliveryStatus>(text_at(r, i)).value_or(DeliveryStatus::pending);
  s.attempts = int_at(r, i + 1);
  s.next_attempt_at = parse_instant(text_at(r, i + 2)).value_or(Instant{});
  if (auto st = optional_int64_at(r, i + 3)) s.last_status = static_cast<int>(*st);
  s.last_error = text_at(r, i + 4);
  s.delivered_at = webhook_optional_instant(r, i + 5);
  return s;
}

}  // namespace

WebhookEndpoint WebhookEndpointRepository::insert(Tx& tx, WebhookEndpoint e, const Actor& actor,
                                                  Instant now) {
  std::string when = format_instant(now), events = webhook_events_text(e.events);
  int active = e.active ? 1 : 0;
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO webhook_endpoints (url, description, events, secret, active, version, "
              "created_at, created_by, updated_at, updated_by) VALUES (:u, :d, :e, :s, :a, 1, "
              ":c, :cb, :up, :ub) RETURNING id",
      soci::use(e.url), soci::use(e.description), soci::use(events), soci::use(e.secret),
      soci::use(active), soci::use(when), soci::use(by, by_ind), soci::use(when),
      soci::use(by, by_ind), soci::into(id);
  e.id = Id<WebhookEndpoint>{id};
  e.created_at = now;
  e.version = 1;
  std::vector<FieldChange> changes;
  note_created(changes, webhook_audited(e));
  AuditRepository::record(tx, actor, now, "webhook_endpoint", id, changes);
  return e;
}

Result<WebhookEndpoint> WebhookEndpointRepository::update(Tx& tx, WebhookEndpoint e,
                                                          const Actor& actor, Instant now) {
  auto before = find(tx, e.id);
  if (!before) return before.error();
  std::string when = format_instant(now), events = webhook_events_text(e.events);
  int active = e.active ? 1 : 0;
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = e.id.value, version = e.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE webhook_endpoints SET url = :u, description = :d, events = :e, "
                           "active = :a, version = version + 1, updated_at = :up, "
                           "updated_by = :ub WHERE id = :id AND version = :v",
       soci::use(e.url), soci::use(e.description), soci::use(events), soci::use(active),
       soci::use(when), soci::use(by, by_ind), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "webhook_endpoints", id);
  std::vector<FieldChange> changes;
  note_changes(changes, webhook_audited(*before), webhook_audited(e));
  AuditRepository::record(tx, actor, now, "webhook_endpoint", id, changes);
  e.secret = before->secret;
  e.created_at = before->created_at;
  e.version = version + 1;
  return e;
}

Result<WebhookEndpoint> WebhookEndpointRepository::find(Tx& tx, Id<WebhookEndpoint> id) {
  long long eid = id.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kEndpointColumns +
                               " FROM webhook_endpoints e WHERE e.id = :id",
       soci::use(eid));
  for (const auto& r : rs) return webhook_endpoint_from_row(r);
  return Error::not_found("webhook.not_found");
}

std::vector<EndpointSummary> WebhookEndpointRepository::list(Tx& tx, int limit) {
  std::vector<EndpointSummary> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare
           << std::string("SELECT ") + kEndpointColumns +
                  ", (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND "
                  "d.status = 'pending'), (SELECT COUNT(*) FROM webhook_deliveries d WHERE "
                  "d.endpoint_id = e.id AND d.status = 'delivered'), (SELECT COUNT(*) FROM "
                  "webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed'), "
                  "(SELECT MAX(d.delivered_at) FROM webhook_deliveries d WHERE d.endpoint_id = "
                  "e.id) FROM webhook_endpoints e ORDER BY e.id LIMIT :l",
       soci::use(limit));
  for (const auto& r : rs) {
    EndpointSummary s;
    s.endpoint = webhook_endpoint_from_row(r);
    s.pending = int64_at(r, 8);
    s.delivered = int64_at(r, 9);
    s.failed = int64_at(r, 10);
    s.last_delivered_at = webhook_optional_instant(r, 11);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ClaimedDelivery> WebhookDeliveryRepository::claim(Tx& tx, Instant now,
                                                              std::chrono::seconds lease,
                                                              int limit) {
  std::string at = format_instant(now), until = format_instant(now + lease);
  // The oldest pending event of the same endpoint and record: a later one
  // waits for it (domain::ready_in_order), even while another server posts it.
  std::string sql =
      "SELECT d.id, d.event_id, d.endpoint_id, d.record_key, (SELECT MIN(p.event_id) FROM "
      "webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id AND p.record_key = d.record_key "
      "AND p.status = 'pending') FROM webhook_deliveries d WHERE d.status = 'pending' AND "
      "d.next_attempt_at <= :now AND (d.leased_until IS NULL OR d.leased_until <= :now2) AND "
      "EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = d.endpoint_id AND e.active = 1) "
      "ORDER BY d.event_id LIMIT :l";
  if (tx.dialect() == Dialect::postgresql) sql += " FOR UPDATE OF d SKIP LOCKED";
  std::vector<domain::DueDelivery> due;
  {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << sql, soci::use(at), soci::use(at), soci::use(limit));
    for (const auto& r : rs)
      due.push_back({int64_at(r, 0), int64_at(r, 1), int64_at(r, 2), text_at(r, 3),
                     optional_int64_at(r, 4).value_or(0)});
  }
  std::vector<ClaimedDelivery> out;
  for (const auto& d : domain::ready_in_order(due)) {
    long long id = d.id;
    tx.sql() << "UPDATE webhook_deliveries SET leased_until = :u WHERE id = :id", soci::use(until),
        soci::use(id);
    auto event = OutboxRepository::find(tx, Id<domain::Event>{d.event});
    auto endpoint = WebhookEndpointRepository::find(tx, Id<WebhookEndpoint>{d.endpoint});
    auto row = find(tx, d.id);
    if (!event || !endpoint || !row) continue;
    out.push_back(
        {d.id, std::move(*event), d.endpoint, endpoint->url, endpoint->secret, row->state});
  }
  return out;
}

void WebhookDeliveryRepository::record(Tx& tx, std::int64_t id, const domain::DeliveryState& s,
                                       std::optional<Instant> attempted_at) {
  std::string status(enum_code(s.status)), next = format_instant(s.next_attempt_at);
  std::string delivered = s.delivered_at ? format_instant(*s.delivered_at) : std::string();
  std::string attempted = attempted_at ? format_instant(*attempted_at) : std::string();
  soci::indicator delivered_ind = s.delivered_at ? soci::i_ok : soci::i_null;
  soci::indicator attempted_ind = attempted_at ? soci::i_ok : soci::i_null;
  soci::indicator status_ind = s.last_status ? soci::i_ok : soci::i_null;
  int attempts = s.attempts, last_status = s.last_status.value_or(0);
  long long did = id;
  tx.sql() << "UPDATE webhook_deliveries SET status = :s, attempts = :a, next_attempt_at = :n, "
              "leased_until = NULL, last_status = :ls, last_error = :le, delivered_at = :da, "
              "last_attempt_at = COALESCE(:la, last_attempt_at) WHERE id = :id",
      soci::use(status), soci::use(attempts), soci::use(next), soci::use(last_status, status_ind),
      soci::use(s.last_error), soci::use(delivered, delivered_ind),
      soci::use(attempted, attempted_ind), soci::use(did);
}

namespace {

constexpr const char* kDeliveryListColumns =
    "d.id, d.event_id, ev.event_type, d.record_key, d.endpoint_id, e.url, ";

DeliveryRow webhook_delivery_from_row(const soci::row& r) {
  DeliveryRow row;
  row.id = int64_at(r, 0);
  row.event = int64_at(r, 1);
  row.event_type =
      domain::parse_event_name(text_at(r, 2)).value_or(domain::EventType::asset_changed);
  row.record = text_at(r, 3);
  row.endpoint = int64_at(r, 4);
  row.endpoint_url = text_at(r, 5);
  row.state = webhook_state_from_row(r, 6);
  row.last_attempt_at = webhook_optional_instant(r, 12);  // the last state column
  return row;
}

std::string webhook_delivery_select(const std::string& where) {
  return std::string("SELECT ") + kDeliveryListColumns + kStateColumns +
         " FROM webhook_deliveries d JOIN events ev ON ev.id = d.event_id JOIN webhook_endpoints "
         "e ON e.id = d.endpoint_id WHERE " +
         where;
}

}  // namespace

Result<DeliveryRow> WebhookDeliveryRepository::find(Tx& tx, std::int64_t id) {
  long long did = id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << webhook_delivery_select("d.id = :id"), soci::use(did));
  for (const auto& r : rs) return webhook_delivery_from_row(r);
  return Error::not_found("webhook.delivery_not_found");
}

std::vector<DeliveryRow> WebhookDeliveryRepository::list(Tx& tx, const DeliveryFilter& f) {
  // Absent filters are bound as values that match every row.
  long long endpoint = f.endpoint.value_or(0), before = f.before.value_or(0);
  int any_endpoint = f.endpoint ? 0 : 1, any_before = f.before ? 0 : 1,
      any_status = f.status ? 0 : 1, limit = f.limit;
  std::string status = f.status ? std::string(enum_code(*f.status)) : std::string();
  std::vector<DeliveryRow> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << webhook_delivery_select(
           "(:ae = 1 OR d.endpoint_id = :e) AND (:anys = 1 OR d.status = :s) "
           "AND (:ab = 1 OR d.id < :b) ORDER BY d.id DESC LIMIT :l"),
       soci::use(any_endpoint), soci::use(endpoint), soci::use(any_status), soci::use(status),
       soci::use(any_before), soci::use(before), soci::use(limit));
  for (const auto& r : rs) out.push_back(webhook_delivery_from_row(r));
  return out;
}

}  // namespace rapport::store
