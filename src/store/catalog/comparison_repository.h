// store/catalog/comparison_repository.h: the competitor comparisons of the
// products, audited and version-checked.
#pragma once

#include <vector>

#include "core/result.h"
#include "domain/catalog/comparison.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class ComparisonRepository {
 public:
  static domain::CompetitorComparison insert(Tx& tx, domain::CompetitorComparison c,
                                             const Actor& actor, Instant now);
  // At c.version (stale_record_error when moved on); the product stays.
  static Result<Version> update(Tx& tx, const domain::CompetitorComparison& c, const Actor& actor,
                                Instant now);
  static Status remove(Tx& tx, Id<domain::CompetitorComparison> id, Version version,
                       const Actor& actor, Instant now);
  // Errors: not_found ("comparison.not_found").
  static Result<domain::CompetitorComparison> find(Tx& tx, Id<domain::CompetitorComparison> id);
  // By product, then competitor.
  static std::vector<domain::CompetitorComparison> of_products(
      Tx& tx, const std::vector<std::int64_t>& products);
  // Every comparison (the advisor's search reads them with the products).
  static std::vector<domain::CompetitorComparison> all(Tx& tx);
};

}  // namespace rapport::store
