// store/sales/sales_order_repository.h: sales orders with their lines, the
// fulfilment queue, and their audit trail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/sales/sales_order.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

struct SalesOrderFilter {
  std::optional<domain::SalesOrderStatus> status;
  std::optional<std::int64_t> customer;
  std::optional<CivilDate> requested_delivery;
  int limit = 50;
  int offset = 0;
};

// An open line waiting for fulfilment, with what the queue shows beside it.
struct QueueLine {
  std::int64_t order = 0;
  std::string order_number;
  Version order_version = 0;
  std::int64_t customer = 0;
  std::string customer_name;
  std::optional<CivilDate> requested_delivery;
  domain::SalesOrderLine line;
  std::string product_name_en;
  std::string product_name_fr;
  bool trackable = false;
};

// A line that made or changed an asset (or will: not yet fulfilled), with
// its order.
struct AssetHistoryLine {
  std::int64_t order = 0;
  std::string order_number;
  domain::SalesOrderStatus order_status = domain::SalesOrderStatus::pending;
  Instant order_created{};
  std::optional<Instant> order_completed;
  domain::SalesOrderLine line;
};

class SalesOrderRepository {
 public:
  // Inserts the order and its lines; its number ("ORD-" + 6-digit id) is
  // set in the returned order, as are the lines' ids.
  static domain::SalesOrder insert(Tx& tx, domain::SalesOrder o, const Actor& actor, Instant now);
  // Saves the header and the lines at o.version (stale_record_error when
  // moved on): lines without an id are inserted, lines no longer in `o`
  // deleted, the others updated when changed. `before` is the order as the
  // caller read it in this transaction: what the audit and the changed
  // lines are found against. Returns the new version; new lines get their
  // ids in `o`.
  static Result<Version> save(Tx& tx, domain::SalesOrder& o, const domain::SalesOrder& before,
                              const Actor& actor, Instant now);
  // Deletes an order without lines (an empty order left by a contact).
  static Status remove_empty(Tx& tx, Id<domain::SalesOrder> id, Version version, const Actor& actor,
                             Instant now);
  // Errors: not_found ("sales_order.not_found").
  static Result<domain::SalesOrder> find(Tx& tx, Id<domain::SalesOrder> id);
  // These orders with their lines, by id (unknown ids left out).
  static std::vector<domain::SalesOrder> of_ids(Tx& tx, const std::vector<std::int64_t>& ids);
  // The open lines (order id, line id) of these orders, or of every order
  // when `orders` is empty (the fulfilment queue), by order and line number;
  // with `after` (order id, line id), only those that come after that line
  // (a batch taken over resumes there).
  static std::vector<std::pair<std::int64_t, std::int64_t>> open_lines(
      Tx& tx, const std::vector<std::int64_t>& orders,
      std::optional<std::pair<std::int64_t, std::int64_t>> after = std::nullopt);
  // The customer's pending and open orders with their lines, oldest first:
  // what a change order's delta lays over the assets.
  static std::vector<domain::SalesOrder> unfulfilled_of_customer(Tx& tx, std::int64_t customer);
  // The lines that made asset `asset` (its origin line) or act on it, oldest
  // first.
  static std::vector<AssetHistoryLine> lines_on_asset(Tx& tx, std::int64_t asset);
  // Newest first, with their lines.
  static std::vector<domain::SalesOrder> list(Tx& tx, const SalesOrderFilter& filter);
  // Open lines, oldest order first.
  static std::vector<QueueLine> fulfilment_queue(Tx& tx, int limit, int offset);
};

}  // namespace rapport::store
