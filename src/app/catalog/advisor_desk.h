// app/catalog/advisor_desk.h: the eAdvisor (quotes-orders-assets.md,
// "Catalog and eAdvisor"): product literature stored in the database and
// opened in the browser, competitor comparisons, the search of products by
// need or keyword with their price on the customer's list, and the
// side-by-side comparison of 2–4 products. Every staff role reads; managers
// and admins upload, change and delete.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/catalog/advisor.h"
#include "domain/catalog/comparison.h"
#include "domain/catalog/literature.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

// A document and its bytes, to serve.
struct LiteratureFile {
  domain::Literature literature;
  std::string bytes;
};

// A product as the advisor shows it.
struct AdvisorItem {
  domain::Product product;
  std::optional<domain::ProductPrice> price;  // on the list used; nullopt: not priced there
  std::vector<domain::Literature> literature;
  std::vector<domain::CompetitorComparison> comparisons;
};

// Where the advisor is opened from: the price list is the one given, else
// the customer's (its account's), else the default list.
struct AdvisorScope {
  std::optional<Id<domain::PriceList>> price_list;
  std::optional<std::int64_t> customer;
  std::optional<std::int64_t> account;
};

struct AdvisorResult {
  std::optional<domain::PriceList> price_list;
  std::vector<AdvisorItem> items;
  std::vector<std::string> feature_names;  // compare: the rows, in order
};

constexpr std::size_t kMaxAdvisorResults = 30;

class AdvisorDesk {
 public:
  AdvisorDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // A product's documents (nullopt: the company's). Errors: forbidden;
  // not_found ("product.not_found").
  Result<std::vector<domain::Literature>> literature(const domain::User& actor,
                                                     std::optional<Id<domain::Product>> product);
  Result<domain::Literature> literature_item(const domain::User& actor, Id<domain::Literature> id);
  Result<LiteratureFile> literature_file(const domain::User& actor, Id<domain::Literature> id);
  // Managers and admins. `l.file_name` is cleaned (clean_file_name).
  // Errors: forbidden; not_found ("product.not_found"); invalid_input
  // (validate_literature's, every one in `errors`; "literature.too_many"
  // on file with {max} when the product has kMaxLiteraturePerProduct).
  // The size is checked before `body` is read (literature_size_error).
  Result<domain::Literature> upload_literature(const domain::User& actor, domain::Literature l,
                                               std::istream& body, std::uint64_t size,
                                               std::string_view declared_type,
                                               FieldErrors* errors = nullptr);
  // Errors: forbidden; not_found; conflict (stale).
  Status remove_literature(const domain::User& actor, Id<domain::Literature> id, Version version);

  // A product's comparisons. Errors: forbidden; not_found.
  Result<std::vector<domain::CompetitorComparison>> comparisons(const domain::User& actor,
                                                                Id<domain::Product> product);
  Result<domain::CompetitorComparison> comparison(const domain::User& actor,
                                                  Id<domain::CompetitorComparison> id);
  // Managers and admins; the currency upper-cased. Errors: forbidden;
  // not_found; invalid_input (validate_comparison; "comparison.too_many");
  // conflict (stale, on update and remove).
  Result<domain::CompetitorComparison> create_comparison(const domain::User& actor,
                                                         domain::CompetitorComparison c,
                                                         FieldErrors* errors = nullptr);
  Result<domain::CompetitorComparison> update_comparison(const domain::User& actor,
                                                         domain::CompetitorComparison c,
                                                         FieldErrors* errors = nullptr);
  Status remove_comparison(const domain::User& actor, Id<domain::CompetitorComparison> id,
                           Version version);

  // The products orderable today whose texts hold every word of `query`
  // (advisor_matches), best first, at most kMaxAdvisorResults.
  Result<AdvisorResult> search(const domain::User& actor, const std::string& query,
                               const AdvisorScope& scope);
  // 2–4 distinct products side by side. Errors: forbidden; invalid_input
  // ("advisor.compare_count" on products); not_found ("product.not_found").
  Result<AdvisorResult> compare(const domain::User& actor, std::vector<std::int64_t> products,
                                const AdvisorScope& scope);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
