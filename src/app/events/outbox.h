// app/events/outbox.h: one line to record an event with the change it
// reports, in the change's own transaction (README, "Webhooks"): the event
// carries the record's JSON representation as it is at the change, and one
// delivery per endpoint subscribed to its type is queued with it. Any path
// that changes these records (a desk, a fulfilment batch job) calls these.
#pragma once

#include <optional>

#include "domain/events/event.h"
#include "domain/marketing/service_order.h"
#include "domain/sales/asset.h"
#include "domain/sales/sales_order.h"
#include "store/database.h"

namespace rapport::app {

// The event of a sales-order or asset change, not yet written: a change that
// makes many (fulfil_order_lines) writes them together with
// store::OutboxRepository::append_many. A line's event (line_fulfilled,
// line_failed) carries the order's header and that `line`; the others the
// order with every line and its totals.
domain::Event sales_order_event(domain::EventType type, const domain::SalesOrder& order,
                                Instant now, std::optional<Id<domain::SalesOrderLine>> line = {});
domain::Event asset_event(domain::EventType type, const domain::Asset& asset, Instant now);

// sales_order.submitted, .line_fulfilled, .line_failed (naming `line`),
// .completed; the record is the order. Written at once.
domain::Event record_sales_order_event(store::Tx& tx, domain::EventType type,
                                       const domain::SalesOrder& order, Instant now,
                                       std::optional<Id<domain::SalesOrderLine>> line = {});
// asset.created, asset.changed; the record is the asset.
domain::Event record_asset_event(store::Tx& tx, domain::EventType type, const domain::Asset& asset,
                                 Instant now);
// service_order.completed; the record is the service order.
domain::Event record_service_order_event(store::Tx& tx, domain::EventType type,
                                         const domain::ServiceOrder& order, Instant now);

}  // namespace rapport::app
