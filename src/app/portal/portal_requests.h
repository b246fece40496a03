// app/portal/portal_requests.h: a customer's requests on their assets in
// the portal (quotes-orders-assets.md, "Change orders" and "Customer
// portal"): modify (quantity, features), disconnect, suspend or resume one
// asset. The request is ChangeOrderDesk::request — the same delta against
// the assets and every open order as the CSR's change order, made an order
// submitted at once for fulfilment (the customer's request is the
// customer's go-ahead: no quote to accept) and logged on the customer as an
// interaction of channel web. The asset is found by id and held to the
// portal user's customer: another customer's asset is not_found exactly as
// an unknown id.
#pragma once

#include <optional>
#include <vector>

#include "app/sales/change_order_desk.h"
#include "core/result.h"
#include "domain/sales/change_delta.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/sales/asset_repository.h"

namespace rapport::app {

// What the customer asks for one asset, as typed into the portal's form
// or the API's body. The quantity and features are modify's (none keeps
// them); the requested date is the order's delivery date.
struct AssetRequest {
  domain::AssetChange change = domain::AssetChange::modify;
  std::optional<std::int64_t> quantity;  // thousandths
  std::optional<std::vector<domain::ProductFeature>> features;
  std::optional<CivilDate> requested_date;
};

// The request page's asset and the changes it offers.
struct AssetRequestView {
  store::AssetRow asset;
  std::vector<domain::AssetChange> choices;  // none for a disconnected asset
};

// The changes a customer may ask for an asset in `status`: an active one
// modify, suspend, disconnect; a suspended one resume, modify, disconnect;
// an inactive (disconnected) one none.
std::vector<domain::AssetChange> request_choices(domain::AssetStatus status);

class PortalRequests {
 public:
  PortalRequests(store::Database& db, const Clock& clock) : db_(db), changes_(db, clock) {}

  // The portal user's asset `id`. Errors: forbidden (not a portal user);
  // not_found ("asset.not_found": unknown, or another customer's).
  Result<AssetRequestView> asset(const domain::User& customer_user, Id<domain::Asset> id);

  // Asks for `r` on the asset: the change order, submitted. Errors: those
  // of asset(); invalid_input, every fault in `errors` on the request's own
  // fields: "quantity", "features.N.name|value", "requested_date", and
  // "change" for the rest (the asset disconnected or with that change
  // pending already, "change_order.no_changes", the order's checks).
  Result<domain::SalesOrder> request(const domain::User& customer_user, Id<domain::Asset> id,
                                     const AssetRequest& r, FieldErrors* errors = nullptr);

 private:
  store::Database& db_;
  ChangeOrderDesk changes_;
};

}  // namespace rapport::app
