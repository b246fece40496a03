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
  a.installed_on = today;
  a.origin_line = line.id;
  return a;
}

}  // namespace rapport::domain
