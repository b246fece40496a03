#include "domain/sales/asset.h"

namespace rapport::domain {

std::optional<Asset> asset_from_line(const SalesOrder& order, const SalesOrderLine& line,
                                     const Product& product, CivilDate today) {
  if (!product.trackable) return std::nullopt;
  Asset a;
  a.product = product.id;
  a.customer = order.customer;
  a.account = order.account;
  a.service_address = order.ship_to;
  a.quantity = line.quantity;
  a.status = AssetStatus::active;
  if (line.features) a.features = *line.features;
  a.installed_on = today;
  a.origin_line = line.id;
  return a;
}

Status apply_change_line(Asset& asset, const SalesOrderLine& line) {
  if (line.action != LineAction::update && line.action != LineAction::remove) return Ok{};
  if (asset.status == AssetStatus::inactive)
    return Error::invalid("change_order.asset_inactive", "asset", {{"number", asset.number}});
  if (line.action == LineAction::remove) {
    asset.status = AssetStatus::inactive;
    return Ok{};
  }
  asset.quantity = line.quantity;
  if (line.features) asset.features = *line.features;
  if (line.target_status) asset.status = *line.target_status;
  return Ok{};
}

}  // namespace rapport::domain
