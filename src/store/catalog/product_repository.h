// store/catalog/product_repository.h: the products of the catalog, their
// search by code or name, and their audit trail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/catalog/product.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

struct ProductFilter {
  std::string text;  // words each found in the code or a name (accents and case aside)
  bool orderable_only = false;
  std::optional<CivilDate> orderable_on;  // with orderable_only: the day
  bool include_inactive = false;
  std::optional<domain::ProductType> type;  // only goods, only services
  int limit = 50;
  int offset = 0;
};

class ProductRepository {
 public:
  // Errors: conflict ("product.code_taken") when the code is used.
  static Result<domain::Product> insert(Tx& tx, domain::Product p, const Actor& actor, Instant now);
  // At p.version (stale_record_error when moved on); the code does not change.
  static Result<Version> update(Tx& tx, const domain::Product& p, const Actor& actor, Instant now);
  // Errors: not_found ("product.not_found").
  static Result<domain::Product> find(Tx& tx, Id<domain::Product> id);
  static std::optional<domain::Product> find_by_code(Tx& tx, const std::string& code);
  // By code.
  static std::vector<domain::Product> search(Tx& tx, const ProductFilter& filter);
  static std::vector<domain::Product> of_ids(Tx& tx, const std::vector<std::int64_t>& ids);
};

}  // namespace rapport::store
