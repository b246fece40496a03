// store/catalog/literature_repository.h: product literature and its bytes,
// kept in the database (base64 text, the same on SQLite and PostgreSQL) so
// every server of an installation serves them; audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/catalog/literature.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class LiteratureRepository {
 public:
  // Stores the description and `bytes`; returns it with its id and version 1.
  static domain::Literature insert(Tx& tx, domain::Literature l, std::string_view bytes,
                                   const Actor& actor, Instant now);
  // Errors: not_found ("literature.not_found").
  static Result<domain::Literature> find(Tx& tx, Id<domain::Literature> id);
  // The document's bytes, exactly as stored. Errors: not_found.
  static Result<std::string> bytes(Tx& tx, Id<domain::Literature> id);
  // A product's documents (nullopt: the company's), newest first.
  static std::vector<domain::Literature> of_product(Tx& tx,
                                                    std::optional<Id<domain::Product>> product);
  // The documents of these products, by product then newest first.
  static std::vector<domain::Literature> of_products(Tx& tx,
                                                     const std::vector<std::int64_t>& products);
  static std::size_t count_of_product(Tx& tx, Id<domain::Product> product);
  // At `version` (stale_record_error when moved on); audited.
  static Status remove(Tx& tx, Id<domain::Literature> id, Version version, const Actor& actor,
                       Instant now);
};

}  // namespace rapport::store
