#include "app/portal/portal_requests.h"

#include "app/access.h"
#include "app/field_errors.h"
#include "store/catalog/product_repository.h"

namespace rapport::app {
namespace {

using domain::AssetChange;

// The request's faults on the portal form's own fields: the first change's
// quantity and features are the form's (without their changes.0 prefix),
// the order's delivery date its requested date, and what is not a field of
// the form (the asset, the order's checks) is on the change.
FieldErrors request_fields_of(FieldErrors found) {
  const std::string change = "changes.0.";
  for (auto& e : found.errors) {
    std::string field = e.field.starts_with(change) ? e.field.substr(change.size()) : e.field;
    if (field == "requested_delivery")
      field = "requested_date";
    else if (field != "quantity" && !field.starts_with("features."))
      field = "change";
    e.field = std::move(field);
  }
  return found;
}

}  // namespace

std::vector<AssetChange> request_choices(domain::AssetStatus status) {
  switch (status) {
    case domain::AssetStatus::active:
      return {AssetChange::modify, AssetChange::suspend, AssetChange::disconnect};
    case domain::AssetStatus::suspended:
      return {AssetChange::resume, AssetChange::modify, AssetChange::disconnect};
    case domain::AssetStatus::inactive:
      break;
  }
  return {};
}

Result<AssetRequestView> PortalRequests::asset(const domain::User& customer_user,
                                               Id<domain::Asset> id) {
  if (!is_portal_user(customer_user)) return Error::forbidden();
  return db_.read([&](store::Tx& tx) -> Result<AssetRequestView> {
    // Another customer's asset reads as one that does not exist.
    auto asset = store::AssetRepository::find(tx, id);
    if (!asset || !require_own(customer_user, asset->customer))
      return Error::not_found("asset.not_found");
    auto product = store::ProductRepository::find(tx, asset->product);
    if (!product) return product.error();
    AssetRequestView v;
    v.choices = request_choices(asset->status);
    v.asset = {std::move(*asset), product->code, product->name_en, product->name_fr};
    return v;
  });
}

Result<domain::SalesOrder> PortalRequests::request(const domain::User& customer_user,
                                                   Id<domain::Asset> id, const AssetRequest& r,
                                                   FieldErrors* errors_out) {
  auto view = asset(customer_user, id);
  if (!view) return view.error();
  // A product is added through the catalog and the cart, not on an asset.
  if (r.change == AssetChange::add)
    return refuse_fields({{Error::invalid("portal.request_change_invalid", "change")}}, errors_out);
  domain::RequestedChange change;
  change.change = r.change;
  change.asset = id.value;
  if (r.change == AssetChange::modify) {
    change.quantity = r.quantity;
    change.features = r.features;
  }
  ChangeOrderRequest request;
  request.customer = view->asset.asset.customer;
  request.changes = {std::move(change)};
  request.requested_delivery = r.requested_date;
  FieldErrors errors;
  auto order = changes_.request(customer_user, request, &errors);
  if (!order && !errors.empty())
    return refuse_fields(request_fields_of(std::move(errors)), errors_out);
  return order;
}

}  // namespace rapport::app
