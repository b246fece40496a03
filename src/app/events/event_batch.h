// app/events/event_batch.h: the events of a change that makes many (a
// fulfilment chunk, one fulfilled line), gathered in its transaction and
// written together (store::OutboxRepository::append_many). An event is
// built only when an active endpoint subscribes to its type: a line's JSON
// costs as much as the line's own row, and nobody would receive it.
#pragma once

#include <set>
#include <utility>
#include <vector>

#include "domain/events/event.h"
#include "store/database.h"

namespace rapport::app {

class EventBatch {
 public:
  // Reads which types the active endpoints subscribe to, once.
  explicit EventBatch(store::Tx& tx);

  bool wants(domain::EventType type) const { return wanted_.count(type) != 0; }
  // Appends make() when `type` is wanted; make is not called otherwise.
  template <class Make>
  void add(domain::EventType type, Make&& make) {
    if (wants(type)) events_.push_back(std::forward<Make>(make)());
  }
  // Writes the events gathered, in the order added, and forgets them.
  void write(store::Tx& tx);

 private:
  std::set<domain::EventType> wanted_;
  std::vector<domain::Event> events_;
};

}  // namespace rapport::app
