// app/portal/portal_records.h: what a portal user reads of their own
// customer (quotes-orders-assets.md, "Customer portal"): an order with its
// lines, the assets, one asset, and the interactions addressed to them.
// Every read takes the customer user and is scoped by its portal customer:
// another customer's id answers not_found exactly like an unknown id; staff
// are refused (forbidden) — they have the desk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/sales/sales_order_desk.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/sales/asset_repository.h"

namespace rapport::app {

constexpr int kPortalMessagesPage = 20;

struct PortalAsset {
  store::AssetRow row;
  std::optional<std::int64_t> origin_order;  // the order whose line made it
  std::string origin_order_number;
};

// Where a page of messages starts: after the row (at, id) of the last one.
struct MessageCursor {
  Instant at{};
  std::int64_t id = 0;
};

struct PortalMessages {
  std::vector<domain::Interaction> messages;  // newest first
  std::optional<MessageCursor> next;          // none on the last page
};

class PortalRecords {
 public:
  PortalRecords(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The name of the user's customer ("Dupré, Hélène", a company's name),
  // for the portal's header. Errors: forbidden.
  Result<std::string> customer_name(const domain::User& customer_user);
  // One of the customer's orders, as the desk's order page reads it
  // (SalesOrderDesk::view). Errors: forbidden, not_found.
  Result<SalesOrderView> order(const domain::User& customer_user, Id<domain::SalesOrder> id);
  // The customer's assets, newest first. Errors: forbidden.
  Result<std::vector<store::AssetRow>> assets(const domain::User& customer_user);
  // Errors: forbidden, not_found ("asset.not_found").
  Result<PortalAsset> asset(const domain::User& customer_user, Id<domain::Asset> id);
  // E-mails, faxes, letters and web interactions, `limit` (1–200) a page.
  // Errors: forbidden, invalid_input ("page.limit_invalid").
  Result<PortalMessages> messages(const domain::User& customer_user,
                                  std::optional<MessageCursor> after,
                                  int limit = kPortalMessagesPage);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
