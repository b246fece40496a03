// store/catalog/catalog_json.h: the JSON documents of the catalog's tables
// — a product's features and a price's volume tiers.
#pragma once

#include <string>
#include <vector>

#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"

namespace rapport::store {

std::string features_to_json(const std::vector<domain::ProductFeature>& features);
// Throws std::runtime_error naming the column when the stored text is not
// such a document (the database was edited by hand).
std::vector<domain::ProductFeature> features_from_json(const std::string& text);
std::string tiers_to_json(const std::vector<domain::PriceTier>& tiers);
std::vector<domain::PriceTier> tiers_from_json(const std::string& text);

}  // namespace rapport::store
