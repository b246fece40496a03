// domain/sales/asset.h: what a customer has (quotes-orders-assets.md): a
// fulfilled line of a trackable product becomes an asset, later modified,
// suspended or disconnected by change orders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_codes.h"
#include "core/id.h"
#include "core/time.h"
#include "domain/catalog/product.h"
#include "domain/customers/customer.h"
#include "domain/sales/asset_status.h"
#include "domain/sales/sales_order.h"

namespace rapport::domain {

struct Asset {
  Id<Asset> id;
  std::string number;  // "AS-000001"
  Id<Product> product;
  std::int64_t customer = 0;
  std::optional<std::int64_t> account;
  PostalAddress service_address;
  std::int64_t quantity = 0;  // thousandths
  AssetStatus status = AssetStatus::active;
  std::vector<ProductFeature> features;  // as ordered or modified (name/value)
  CivilDate installed_on{};
  Id<SalesOrderLine> origin_line;  // the line that created it
  Version version = 0;
};

// The asset a completed line of a trackable product makes, installed on
// `today` at the order's ship-to address; nullopt for a product that is not
// trackable.
std::optional<Asset> asset_from_line(const SalesOrder& order, const SalesOrderLine& line,
                                     const Product& product, CivilDate today);

// What completing a change line (action update or remove, its
// target_asset this asset) does to `asset`: update sets the line's quantity,
// its features when it requests them and its status when it requests one
// (suspend, resume); remove makes it inactive; add and none leave it.
// Errors: "change_order.asset_inactive" {number} (an inactive asset is not
// changed any more).
Status apply_change_line(Asset& asset, const SalesOrderLine& line);

}  // namespace rapport::domain
