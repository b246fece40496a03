#include "app/events/event_batch.h"

#include "store/events/outbox_repository.h"

namespace rapport::app {

EventBatch::EventBatch(store::Tx& tx) : wanted_(store::OutboxRepository::subscribed_types(tx)) {}

void EventBatch::write(store::Tx& tx) {
  store::OutboxRepository::append_many(tx, events_);
  events_.clear();
}

}  // namespace rapport::app
