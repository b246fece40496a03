#include "store/events/outbox_repository.h"

#include <soci/soci.h>

#include "store/bulk_insert.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

domain::Event outbox_event_from_row(const soci::row& r) {
  domain::Event e;
  e.id = Id<domain::Event>{int64_at(r, 0)};
  e.type = domain::parse_event_name(text_at(r, 1)).value_or(domain::EventType::asset_changed);
  e.record_kind = text_at(r, 2);
  e.record_id = int64_at(r, 3);
  e.occurred_at = parse_instant(text_at(r, 4)).value_or(Instant{});
  e.data = text_at(r, 5);
  return e;
}

constexpr const char* kOutboxColumns =
    "id, event_type, record_kind, record_id, occurred_at, data FROM events";

}  // namespace

domain::Event OutboxRepository::append(Tx& tx, domain::Event e) {
  std::vector<domain::Event> one{std::move(e)};
  append_many(tx, one);
  return std::move(one.front());
}

std::set<domain::EventType> OutboxRepository::subscribed_types(Tx& tx) {
  std::set<domain::EventType> out;
  soci::rowset<soci::row> rs = tx.sql().prepare
                               << "SELECT events FROM webhook_endpoints WHERE active = 1";
  for (const auto& r : rs) {
    const std::string subscribed = "," + text_at(r, 0) + ",";
    for (auto type : domain::all_event_types())
      if (subscribed.find("," + domain::event_name(type) + ",") != std::string::npos)
        out.insert(type);
  }
  return out;
}

void OutboxRepository::append_many(Tx& tx, std::vector<domain::Event>& events) {
  if (events.empty()) return;
  // Endpoint id and its event types wrapped in commas (",a,b,").
  std::vector<std::pair<long long, std::string>> endpoints;
  soci::rowset<soci::row> rs =
      tx.sql().prepare << "SELECT id, events FROM webhook_endpoints WHERE active = 1 ORDER BY id";
  for (const auto& r : rs) endpoints.emplace_back(int64_at(r, 0), "," + text_at(r, 1) + ",");
  // Each event's subscribers; an event nobody subscribes to is not written.
  std::vector<std::vector<long long>> subscribers(events.size());
  long long written = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string item = "," + domain::event_name(events[i].type) + ",";
    for (const auto& [endpoint, subscribed] : endpoints)
      if (subscribed.find(item) != std::string::npos) subscribers[i].push_back(endpoint);
    if (!subscribers[i].empty()) ++written;
  }
  if (written == 0) return;
  const auto ids = reserve_ids(tx, "events", written);
  BulkInsert bulk(tx);
  const auto rows =
      bulk.table("events", {"id", "event_type", "record_kind", "record_id", "occurred_at", "data"});
  const auto deliveries =
      bulk.table("webhook_deliveries", {"event_id", "endpoint_id", "record_key", "status",
                                        "attempts", "next_attempt_at", "last_error"});
  std::string when, key;
  std::size_t next = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (subscribers[i].empty()) continue;
    auto& e = events[i];
    const long long id = ids[next++];
    e.id = Id<domain::Event>{id};
    const std::string type = domain::event_name(e.type);
    when = format_instant(e.occurred_at);
    key = e.record_kind + ":" + std::to_string(e.record_id);
    bulk.row(rows, {id, std::string_view(type), std::string_view(e.record_kind),
                    static_cast<long long>(e.record_id), std::string_view(when),
                    std::string_view(e.data)});
    for (long long endpoint : subscribers[i])
      bulk.row(deliveries, {id, endpoint, std::string_view(key), std::string_view("pending"), 0LL,
                            std::string_view(when), std::string_view("")});
  }
  bulk.finish();
}

Result<domain::Event> OutboxRepository::find(Tx& tx, Id<domain::Event> id) {
  long long eid = id.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kOutboxColumns + " WHERE id = :id",
       soci::use(eid));
  for (const auto& r : rs) return outbox_event_from_row(r);
  return Error::not_found("webhook.event_not_found");
}

std::vector<domain::Event> OutboxRepository::of_record(Tx& tx, const std::string& kind,
                                                       std::int64_t record_id, int limit) {
  long long rid = record_id;
  std::vector<domain::Event> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kOutboxColumns +
                               " WHERE record_kind = :k AND record_id = :r ORDER BY id LIMIT :l",
       soci::use(kind), soci::use(rid), soci::use(limit));
  for (const auto& r : rs) out.push_back(outbox_event_from_row(r));
  return out;
}

}  // namespace rapport::store
