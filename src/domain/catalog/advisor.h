// domain/catalog/advisor.h: the eAdvisor's rules (quotes-orders-assets.md,
// "Catalog and eAdvisor"): a product is found by a need or a keyword in any
// of its texts, in both languages, accents and case aside; 2 to 4 products
// are compared side by side.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "domain/catalog/comparison.h"
#include "domain/catalog/product.h"

namespace rapport::domain {

constexpr std::size_t kMinCompared = 2;
constexpr std::size_t kMaxCompared = 4;

// Everything a need may be found in, folded for search: code, names,
// descriptions, features (names and values), and the advantages of the
// product's comparisons, in both languages.
std::string advisor_search_text(const Product& p,
                                const std::vector<CompetitorComparison>& comparisons);

// True when every word of `query` is in `search_text` (advisor_search_text);
// an empty query matches everything.
bool advisor_matches(const std::string& search_text, const std::string& query);

// How well `search_text` answers `query`: a word found in the code or a
// name counts more; higher first.
int advisor_score(const Product& p, const std::string& query);

// Errors: invalid_input ("advisor.compare_count" on "products", with
// {min} and {max}) unless kMinCompared ≤ count ≤ kMaxCompared.
Status check_compare_count(std::size_t count);

// The feature names of `products` as rows of a side-by-side comparison:
// each name once, in the order they first appear.
std::vector<std::string> compared_feature_names(const std::vector<Product>& products);
// The value of the feature named `name` (accents and case aside), or "".
std::string feature_value(const Product& p, const std::string& name);

}  // namespace rapport::domain
