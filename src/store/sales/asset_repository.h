// store/sales/asset_repository.h: the customers' assets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/sales/asset.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

// An asset with its product's code and names, for lists.
struct AssetRow {
  domain::Asset asset;
  std::string product_code;
  std::string product_name_en;
  std::string product_name_fr;
};

// The number of the asset of id `id`: "AS-" and six digits at least.
std::string asset_number_of(long long id);

class AssetRepository {
 public:
  // Assets made by fulfilled order lines (a chunk of a fulfilment batch, or
  // one line): their ids are reserved first, so each row is written once
  // with its number ("AS-" + 6-digit id, set in the result), in bulk
  // (bulk_insert.h). Returned in the order given. No audit row of their
  // own: an asset's creation is recorded on the order line that made it
  // (its origin_line; the line's audit row names the asset), which halves
  // the rows a fulfilment batch writes. Later changes are audited (save).
  static std::vector<domain::Asset> insert_many(Tx& tx, std::vector<domain::Asset> assets,
                                                Instant now);
  // Saves the quantity, status and features at a.version (stale_record_error
  // when moved on), audited against `before`; returns the new version.
  static Result<Version> save(Tx& tx, domain::Asset& a, const domain::Asset& before,
                              const Actor& actor, Instant now);
  // Every asset of the customer (inactive ones too), oldest first.
  static std::vector<domain::Asset> all_of_customer(Tx& tx, std::int64_t customer);
  // These assets by id (unknown ids left out).
  static std::vector<domain::Asset> of_ids(Tx& tx, const std::vector<std::int64_t>& ids);
  // Errors: not_found ("asset.not_found").
  static Result<domain::Asset> find(Tx& tx, Id<domain::Asset> id);
  // Newest first.
  static std::vector<AssetRow> of_customer(Tx& tx, std::int64_t customer, int limit = 200);
};

}  // namespace rapport::store
