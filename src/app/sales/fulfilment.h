// app/sales/fulfilment.h: completing and failing the lines of an open sales
// order (quotes-orders-assets.md, "Fulfilment"). One path for every face:
// the fulfilment desk (SalesOrderDesk::complete_line, fail_line: one line)
// and the fulfilment batch job (fulfilment_batch.h: many lines, chunk by
// chunk) both call fulfil_order_lines, so what a completed line does — the
// domain's status rules, the asset of a trackable product, the note on the
// customer when the order completes — happens the same way whoever asks.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/events/event_batch.h"
#include "core/result.h"
#include "domain/catalog/product.h"
#include "domain/customers/customer.h"
#include "domain/events/event.h"
#include "domain/sales/sales_order.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app {

enum class LineOutcome { complete, fail };

struct LineDecision {
  Id<domain::SalesOrderLine> line;
  LineOutcome outcome = LineOutcome::complete;
  std::string reason;  // fail: required
};

struct FulfilmentCounts {
  long long completed = 0;         // lines completed
  long long failed = 0;            // lines failed
  long long assets = 0;            // assets created
  long long assets_changed = 0;    // assets updated, suspended, resumed or made inactive
  long long orders_completed = 0;  // orders that became complete
  long long refused = 0;           // lines not open (canceled order, done meanwhile)
};

// The products of the order's lines, by id (hashed: a batch looks one up per line
// among thousands).
using ProductsById = std::unordered_map<std::int64_t, domain::Product>;
ProductsById products_of_lines(store::Tx& tx, const std::vector<domain::SalesOrder>& orders);
// Adds to `known` the products of the orders' lines it lacks (a batch keeps
// them from chunk to chunk: its orders share a few products).
void add_products_of_lines(store::Tx& tx, const std::vector<domain::SalesOrder>& orders,
                           ProductsById& known);

// Applies `decisions` to `order` (read in `tx`): each line is completed or
// failed by the domain's rules (an open line of an open order only), a
// completed line of a trackable product gets its asset (domain::asset_from_line,
// installed `today`) and the line its asset id, a completed change line
// (action update or remove) changes the asset it targets
// (domain::apply_change_line; saved versioned and audited, an asset.changed
// event) and names it as its asset, and an order that becomes
// complete is noted on its customer. The events of the change (line
// fulfilled or failed, asset created, order completed) are added to
// `events`, in order (only those an endpoint subscribes to). The caller saves
// the order and writes the events in the same transaction
// (SalesOrderRepository::save, EventBatch::write).
// Errors: the first line refused (its domain error); the caller's
// transaction then writes nothing.
Result<FulfilmentCounts> fulfil_order_lines(store::Tx& tx, domain::SalesOrder& order,
                                            const std::vector<LineDecision>& decisions,
                                            const ProductsById& products, CivilDate today,
                                            const store::Actor& who, Instant now,
                                            EventBatch& events);

// The assets that change lines (update, remove) of `orders` act on and that
// are inactive already: such a line cannot be completed
// ("change_order.asset_inactive"); a batch leaves it out (refused) rather
// than stop at it.
std::set<std::int64_t> inactive_change_targets(store::Tx& tx,
                                               const std::vector<domain::SalesOrder>& orders);

// The note "ORD-000123 — <outcome>" on the order's customer (`channel`:
// web when the customer did it in the portal).
void log_sales_interaction(store::Tx& tx, const domain::SalesOrder& o, const store::Actor& who,
                           Instant now, const std::string& outcome,
                           domain::InteractionChannel channel = domain::InteractionChannel::note);

}  // namespace rapport::app
