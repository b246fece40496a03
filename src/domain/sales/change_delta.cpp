#include "domain/sales/change_delta.h"

#include <algorithm>

#include "domain/catalog/pricing.h"

namespace rapport::domain {

bool is_unfulfilled(const SalesOrderLine& line) {
  return line.status == LineStatus::pending || line.status == LineStatus::open;
}

std::map<std::int64_t, Asset> projected_assets(const std::vector<Asset>& assets,
                                               const std::vector<SalesOrder>& orders) {
  std::map<std::int64_t, Asset> out;
  for (const auto& a : assets) out.emplace(a.id.value, a);
  std::vector<const SalesOrder*> sorted;
  sorted.reserve(orders.size());
  for (const auto& o : orders)
    if (o.status == SalesOrderStatus::pending || o.status == SalesOrderStatus::open)
      sorted.push_back(&o);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->id.value < b->id.value; });
  for (const auto* o : sorted)
    for (const auto& line : o->lines) {
      if (!is_unfulfilled(line) || !line.target_asset) continue;
      auto it = out.find(*line.target_asset);
      // A line on an asset already inactive will be refused when fulfilled:
      // the asset stays as it is.
      if (it != out.end()) (void)apply_change_line(it->second, line);
    }
  return out;
}

namespace {

Error change_asset_error(const char* key, const std::string& at, const Asset& a) {
  return Error::invalid(key, at + ".asset", {{"number", a.number}});
}

// A line on asset `a` as it is projected, asking for `action`.
DeltaLine change_line_on(const Asset& a, LineAction action, std::size_t index) {
  DeltaLine d;
  d.action = action;
  d.product = a.product;
  d.quantity = a.quantity;
  d.target_asset = a.id.value;
  d.change = index;
  return d;
}

void check_change_quantity(FieldErrors& e, std::int64_t quantity, const std::string& at) {
  if (quantity <= 0)
    e.add(Error::invalid("sales_order.line_quantity_positive", at + ".quantity"));
  else if (quantity > kMaxQuantity)
    e.add(Error::invalid("sales_order.line_quantity_too_large", at + ".quantity"));
}

}  // namespace

ChangeDelta change_delta(const std::vector<Asset>& assets, const std::vector<SalesOrder>& orders,
                         const std::vector<RequestedChange>& changes) {
  ChangeDelta out;
  auto& e = out.errors;
  if (changes.empty()) e.add(Error::invalid("change_order.no_changes", "changes"));
  auto state = projected_assets(assets, orders);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    const std::string at = "changes." + std::to_string(i);
    const std::size_t errors_before = e.errors.size();
    if (c.quantity) check_change_quantity(e, *c.quantity, at);
    if (c.features) validate_features(e, *c.features, at + ".features");
    if (c.change == AssetChange::add) {
      if (!c.product.valid()) e.add(Error::invalid("field.required", at + ".product"));
      if (!c.quantity) e.add(Error::invalid("field.required", at + ".quantity"));
      if (e.errors.size() != errors_before) continue;
      DeltaLine d;
      d.action = LineAction::add;
      d.product = c.product;
      d.product_code = c.product_code;
      d.quantity = *c.quantity;
      d.features = c.features;
      d.change = i;
      out.lines.push_back(std::move(d));
      continue;
    }
    auto found = c.asset ? state.find(*c.asset) : state.end();
    if (found == state.end()) {
      e.add(
          Error::invalid(c.asset ? "change_order.asset_unknown" : "field.required", at + ".asset"));
      continue;
    }
    Asset& a = found->second;
    if (a.status == AssetStatus::inactive)
      e.add(change_asset_error("change_order.asset_inactive", at, a));
    else if (c.change == AssetChange::resume && a.status != AssetStatus::suspended)
      e.add(change_asset_error("change_order.asset_not_suspended", at, a));
    else if (c.change == AssetChange::suspend && a.status == AssetStatus::suspended)
      e.add(change_asset_error("change_order.asset_already_suspended", at, a));
    else if (c.change == AssetChange::modify && !c.quantity && !c.features)
      e.add(Error::invalid("field.required", at + ".quantity"));
    if (e.errors.size() != errors_before) continue;
    DeltaLine d;
    switch (c.change) {
      case AssetChange::disconnect:
        d = change_line_on(a, LineAction::remove, i);
        break;
      case AssetChange::suspend:
      case AssetChange::resume:
        d = change_line_on(a, LineAction::update, i);
        d.target_status =
            c.change == AssetChange::suspend ? AssetStatus::suspended : AssetStatus::active;
        break;
      default: {
        const bool same_quantity = !c.quantity || *c.quantity == a.quantity;
        const bool same_features = !c.features || *c.features == a.features;
        d = change_line_on(
            a, same_quantity && same_features ? LineAction::none : LineAction::update, i);
        if (c.quantity) d.quantity = *c.quantity;
        if (d.action == LineAction::update && c.features) d.features = c.features;
      }
    }
    // The next change on this asset sees this one done.
    SalesOrderLine as_line;
    as_line.action = d.action;
    as_line.quantity = d.quantity;
    as_line.features = d.features;
    as_line.target_status = d.target_status;
    (void)apply_change_line(a, as_line);
    out.lines.push_back(std::move(d));
  }
  return out;
}

}  // namespace rapport::domain
