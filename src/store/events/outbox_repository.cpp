#include "store/events/outbox_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

// A LIKE pattern matching `name` as one item of a comma-separated list
// wrapped in commas ("_" is a wildcard: escaped).
std::string outbox_subscription_pattern(std::string_view name) {
  std::string out = "%,";
  for (char c : name) {
    if (c == '_' || c == '%' || c == '\\') out += '\\';
    out += c;
  }
  return out + ",%";
}

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
  std::string type(domain::event_name(e.type)), when = format_instant(e.occurred_at);
  long long record = e.record_id, id = 0;
  tx.sql() << "INSERT INTO events (event_type, record_kind, record_id, occurred_at, data) "
              "VALUES (:t, :k, :r, :at, :d) RETURNING id",
      soci::use(type), soci::use(e.record_kind), soci::use(record), soci::use(when),
      soci::use(e.data), soci::into(id);
  e.id = Id<domain::Event>{id};
  std::string key = e.record_kind + ":" + std::to_string(record);
  std::string pattern = outbox_subscription_pattern(type);
  tx.sql()
      << "INSERT INTO webhook_deliveries (event_id, endpoint_id, record_key, status, "
         "attempts, next_attempt_at, last_error) SELECT CAST(:e AS BIGINT), id, CAST(:k AS TEXT), "
         "'pending', 0, CAST(:at AS TEXT), '' "
         "FROM webhook_endpoints WHERE active = 1 AND (',' || events || ',') LIKE :p "
         "ESCAPE '\\'",
      soci::use(id), soci::use(key), soci::use(when), soci::use(pattern);
  return e;
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
