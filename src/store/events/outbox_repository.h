// store/events/outbox_repository.h: the outbox — events written in the
// caller's transaction, so an event exists exactly when the change it
// reports committed — and one pending delivery per active endpoint that
// subscribed to the event's type. An event no active endpoint subscribes to
// is not written: nobody would receive it (an endpoint registered later
// receives the events after it), and a fulfilment batch would write one per
// line for nothing.
#pragma once

#include <set>
#include <vector>

#include "domain/events/event.h"
#include "store/database.h"

namespace rapport::store {

class OutboxRepository {
 public:
  // Inserts `event` (its id set in the result; 0 when no endpoint
  // subscribes) and its deliveries, due at its occurred_at. Requires:
  // inside the change's write transaction.
  static domain::Event append(Tx& tx, domain::Event event);
  // The same for many events of one change (a fulfilment batch's chunk), in
  // bulk: ids in the order given (a record's events keep their order), the
  // endpoints read once. Sets the id of each event written.
  static void append_many(Tx& tx, std::vector<domain::Event>& events);
  // The event types at least one active endpoint subscribes to: a change
  // that makes many events (a fulfilment chunk) builds only those.
  static std::set<domain::EventType> subscribed_types(Tx& tx);
  // Errors: not_found ("webhook.event_not_found").
  static Result<domain::Event> find(Tx& tx, Id<domain::Event> id);
  // The record's events, oldest first (at most `limit`).
  static std::vector<domain::Event> of_record(Tx& tx, const std::string& kind,
                                              std::int64_t record_id, int limit = 200);
};

}  // namespace rapport::store
