#include "store/sales/asset_repository.h"

#include <cstdio>

#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::Asset;

constexpr const char* kAssetColumns =
    "a.id, a.number, a.product_id, a.customer_id, a.account_id, a.address_line1, "
    "a.address_line2, a.address_postal_code, a.address_city, a.address_region, "
    "a.address_country, a.quantity, a.status, a.installed_on, a.origin_line_id, a.version";

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
  return a;
}

std::string asset_number_of(long long id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "AS-%06lld", id);
  return buffer;
}

}  // namespace

Asset AssetRepository::insert(Tx& tx, Asset a, const Actor& actor, Instant now) {
  std::string when = format_instant(now), installed = format_date(a.installed_on);
  std::string status(enum_code(a.status));
  std::string provisional = "AS-pending-" + std::to_string(a.origin_line.value);
  long long product = a.product.value, customer = a.customer, account = a.account.value_or(0),
            quantity = a.quantity, line = a.origin_line.value, id = 0;
  soci::indicator account_ind = a.account ? soci::i_ok : soci::i_null;
  const auto& addr = a.service_address;
  tx.sql() << "INSERT INTO assets (number, product_id, customer_id, account_id, address_line1, "
              "address_line2, address_postal_code, address_city, address_region, "
              "address_country, quantity, status, installed_on, origin_line_id, version, "
              "created_at, updated_at) VALUES (:n, :p, :c, :a, :l1, :l2, :pc, :city, :r, :co, "
              ":q, :s, :i, :o, 1, :at, :up) RETURNING id",
      soci::use(provisional), soci::use(product), soci::use(customer),
      soci::use(account, account_ind), soci::use(addr.line1), soci::use(addr.line2),
      soci::use(addr.postal_code), soci::use(addr.city), soci::use(addr.region),
      soci::use(addr.country), soci::use(quantity), soci::use(status), soci::use(installed),
      soci::use(line), soci::use(when), soci::use(when), soci::into(id);
  a.id = Id<Asset>{id};
  a.number = asset_number_of(id);
  a.version = 1;
  tx.sql() << "UPDATE assets SET number = :n WHERE id = :id", soci::use(a.number), soci::use(id);
  AuditRepository::record(tx, actor, now, "asset", id,
                          {{"number", std::nullopt, a.number},
                           {"product", std::nullopt, std::to_string(product)},
                           {"quantity", std::nullopt, std::to_string(quantity)},
                           {"status", std::nullopt, status},
                           {"origin_line", std::nullopt, std::to_string(line)}});
  return a;
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
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kAssetColumns +
                               ", p.code, p.name_en, p.name_fr FROM assets a JOIN products p ON "
                               "p.id = a.product_id WHERE a.customer_id = :c ORDER BY a.id DESC "
                               "LIMIT " +
                               std::to_string(limit),
       soci::use(cid));
  for (const auto& r : rs)
    out.push_back({asset_from(r), text_at(r, 16), text_at(r, 17), text_at(r, 18)});
  return out;
}

}  // namespace rapport::store
