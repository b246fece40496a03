#include "store/sales/asset_repository.h"

#include <cstdio>
#include <optional>

#include <soci/soci.h>

#include "domain/catalog/pricing.h"
#include "store/bulk_insert.h"
#include "store/catalog/catalog_json.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::Asset;

constexpr const char* kAssetColumns =
    "a.id, a.number, a.product_id, a.customer_id, a.account_id, a.address_line1, "
    "a.address_line2, a.address_postal_code, a.address_city, a.address_region, "
    "a.address_country, a.quantity, a.status, a.installed_on, a.origin_line_id, a.version, "
    "a.features_json ";

Asset asset_from(const soci::row& r) {
  Asset a;
  a.id = Id<Asset>{int64_at(r, 0)};
  a.number = text_at(r, 1);
  a.product = Id<domain::Product>{int64_at(r, 2)};
  a.customer = int64_at(r, 3);
  a.account = optional_int64_at(r, 4);
  a.service_address = {text_at(r, 5), text_at(r, 6), text_at(r, 7),
                       text_at(r, 8), text_at(r, 9), text_at(r, 10)};
  a.quantity = int64_at(r, 11);
  a.status =
      enum_from_code<domain::AssetStatus>(text_at(r, 12)).value_or(domain::AssetStatus::active);
  a.installed_on = parse_date(text_at(r, 13)).value_or(CivilDate{});
  a.origin_line = Id<domain::SalesOrderLine>{int64_at(r, 14)};
  a.version = int64_at(r, 15);
  a.features = features_from_json(text_at(r, 16));
  return a;
}

}  // namespace

std::string asset_number_of(long long id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "AS-%06lld", id);
  return buffer;
}

std::vector<Asset> AssetRepository::insert_many(Tx& tx, std::vector<Asset> assets, Instant now) {
  if (assets.empty()) return assets;
  const auto ids = reserve_ids(tx, "assets", static_cast<long long>(assets.size()));
  const std::string when = format_instant(now);
  BulkInsert bulk(tx);
  const auto rows = bulk.table(
      "assets", {"id", "number", "product_id", "customer_id", "account_id", "address_line1",
                 "address_line2", "address_postal_code", "address_city", "address_region",
                 "address_country", "quantity", "status", "installed_on", "origin_line_id",
                 "version", "created_at", "updated_at", "features_json"});
  // The date formatted again only when it differs from the previous asset's (a
  // fulfilment batch installs them all on one day).
  std::string installed, features;
  std::optional<CivilDate> installed_date;
  const std::string no_features = features_to_json({});
  for (std::size_t i = 0; i < assets.size(); ++i) {
    auto& a = assets[i];
    a.id = Id<Asset>{ids[i]};
    a.number = asset_number_of(ids[i]);
    a.version = 1;
    if (installed_date != a.installed_on) {
      installed_date = a.installed_on;
      installed = format_date(a.installed_on);
    }
    features = a.features.empty() ? no_features : features_to_json(a.features);
    const std::string_view status = enum_code(a.status);
    const auto& addr = a.service_address;
    bulk.row(rows, {ids[i], std::string_view(a.number), static_cast<long long>(a.product.value),
                    static_cast<long long>(a.customer),
                    a.account ? BulkValue{static_cast<long long>(*a.account)}
                              : BulkValue{std::monostate{}},
                    std::string_view(addr.line1), std::string_view(addr.line2),
                    std::string_view(addr.postal_code), std::string_view(addr.city),
                    std::string_view(addr.region), std::string_view(addr.country),
                    static_cast<long long>(a.quantity), status, std::string_view(installed),
                    static_cast<long long>(a.origin_line.value), 1LL, std::string_view(when),
                    std::string_view(when), std::string_view(features)});
  }
  bulk.finish();
  return assets;
}

Result<Version> AssetRepository::save(Tx& tx, Asset& a, const Asset& before, const Actor& actor,
                                      Instant now) {
  std::string status(enum_code(a.status)), features = features_to_json(a.features),
                                           when = format_instant(now);
  long long quantity = a.quantity, id = a.id.value, version = a.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE assets SET quantity = :q, status = :s, features_json = :f, "
                           "version = version + 1, updated_at = :u WHERE id = :id AND version = :v",
       soci::use(quantity), soci::use(status), soci::use(features), soci::use(when), soci::use(id),
       soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "assets", id);
  std::vector<FieldChange> changes;
  note_changes(changes,
               {{"quantity", domain::quantity_text(before.quantity)},
                {"status", std::string(enum_code(before.status))},
                {"features", features_to_json(before.features)}},
               {{"quantity", domain::quantity_text(a.quantity)},
                {"status", status},
                {"features", features}});
  AuditRepository::record(tx, actor, now, "asset", id, changes);
  a.version = version + 1;
  return a.version;
}

std::vector<Asset> AssetRepository::all_of_customer(Tx& tx, std::int64_t customer) {
  std::vector<Asset> out;
  long long cid = customer;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kAssetColumns +
                                                        " FROM assets a WHERE a.customer_id = :c "
                                                        "ORDER BY a.id",
                                soci::use(cid));
  for (const auto& r : rs) out.push_back(asset_from(r));
  return out;
}

std::vector<Asset> AssetRepository::of_ids(Tx& tx, const std::vector<std::int64_t>& ids) {
  std::vector<Asset> out;
  if (ids.empty()) return out;
  std::string in;
  for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string("SELECT ") + kAssetColumns +
                                                       " FROM assets a WHERE a.id IN (" + in +
                                                       ") ORDER BY a.id";
  for (const auto& r : rs) out.push_back(asset_from(r));
  return out;
}

Result<Asset> AssetRepository::find(Tx& tx, Id<Asset> id) {
  long long aid = id.value;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kAssetColumns +
                                                        " FROM assets a WHERE a.id = :id",
                                soci::use(aid));
  for (const auto& r : rs) return asset_from(r);
  return Error::not_found("asset.not_found");
}

std::vector<AssetRow> AssetRepository::of_customer(Tx& tx, std::int64_t customer, int limit) {
  std::vector<AssetRow> out;
  long long cid = customer;
  soci::row r;
  auto st = tx.cached(std::string("SELECT ") + kAssetColumns +
                      ", p.code, p.name_en, p.name_fr FROM assets a JOIN products p ON "
                      "p.id = a.product_id WHERE a.customer_id = :c ORDER BY a.id DESC "
                      "LIMIT :l");
  for (bool more = st.run(soci::use(cid), soci::use(limit), soci::into(r)); more; more = st.next())
    out.push_back({asset_from(r), text_at(r, 17), text_at(r, 18), text_at(r, 19)});
  return out;
}

}  // namespace rapport::store
