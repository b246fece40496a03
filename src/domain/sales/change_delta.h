// domain/sales/change_delta.h: the delta of a change order or change quote
// (quotes-orders-assets.md, "Change orders"). The customer asks for a new
// state of some assets (modify the quantity or features, disconnect,
// suspend, resume) or for new products; the lines that get there, each with
// its action (add / update / remove / none), are computed against the
// current state: the assets as stored with every unfulfilled line of the
// customer's pending and open orders laid over them, order by order (two
// open orders changing one asset apply in turn). Pure: the caller reads the
// assets and orders.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "domain/sales/asset.h"
#include "domain/sales/sales_order.h"

namespace rapport::domain {

enum class AssetChange { modify, disconnect, suspend, resume, add };
BOOST_DESCRIBE_ENUM(AssetChange, modify, disconnect, suspend, resume, add)

// One change the customer asks for.
struct RequestedChange {
  AssetChange change = AssetChange::modify;
  std::optional<std::int64_t> asset;     // every change but add
  Id<Product> product;                   // add: the product (found by the caller)
  std::string product_code;              // add
  std::optional<std::int64_t> quantity;  // modify: none keeps it; add: required (thousandths)
  std::optional<std::vector<ProductFeature>> features;  // modify, add: none keeps them
};

// A line of the delta. For update, remove and none the product is the
// asset's (its code is filled by the caller, who knows the catalog).
struct DeltaLine {
  LineAction action = LineAction::add;
  Id<Product> product;
  std::string product_code;
  std::int64_t quantity = 0;  // the quantity the asset will have (remove: it had)
  std::optional<std::int64_t> target_asset;
  std::optional<std::vector<ProductFeature>> features;
  std::optional<AssetStatus> target_status;
  std::size_t change = 0;  // the index of the requested change it answers
};

struct ChangeDelta {
  std::vector<DeltaLine> lines;  // in the order of the changes
  // Every change refused, on "changes.N.asset" / ".quantity" / ".product" /
  // ".features.M.name": "change_order.asset_unknown" (not the customer's),
  // "change_order.asset_inactive" {number}, "change_order.asset_not_suspended"
  // {number} (resume), "change_order.asset_already_suspended" {number}
  // (suspend), "change_order.no_changes", "field.required" (add without a
  // product or quantity, modify without a quantity nor features),
  // validate_line's quantity errors, validate_features'.
  FieldErrors errors;
};

// The unfulfilled lines' orders: pending or open, by id (the order they
// were made in), lines pending or open only.
bool is_unfulfilled(const SalesOrderLine& line);

// The customer's assets by id as they will be once every unfulfilled line
// of `orders` is done (apply_change_line, order by order, line by line).
std::map<std::int64_t, Asset> projected_assets(const std::vector<Asset>& assets,
                                               const std::vector<SalesOrder>& orders);

// The delta for `changes` against `assets` (the customer's) and `orders`
// (their pending and open orders, any order: sorted by id here). Changes on
// one asset stack in the order given.
ChangeDelta change_delta(const std::vector<Asset>& assets, const std::vector<SalesOrder>& orders,
                         const std::vector<RequestedChange>& changes);

}  // namespace rapport::domain
