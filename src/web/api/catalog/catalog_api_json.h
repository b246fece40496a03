// web/api/catalog/catalog_api_json.h: products and price lists as the API
// writes and reads them. Money is in minor units of the list's currency
// (integers); quantities are decimal text ("2.5") or whole numbers; VAT
// rates are percentages as text ("5.5").
#pragma once

#include <optional>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "app/catalog/catalog_desk.h"
#include "core/error.h"

namespace rapport::web::api {

boost::json::object product_to_json(const domain::Product& p);
boost::json::object price_list_to_json(const domain::PriceList& l);
boost::json::object price_to_json(const domain::ProductPrice& p, const domain::Product* product);
boost::json::object price_list_view_to_json(const app::PriceListView& v);

// The members of a product body over `p` (absent members keep p's values).
void apply_product(const boost::json::object& o, domain::Product& p, FieldErrors& errors);
void apply_price_list(const boost::json::object& o, domain::PriceList& l, FieldErrors& errors);
// {unit_price, tiers: [{min_quantity, unit_price}]}.
domain::ProductPrice price_from(const boost::json::object& o, Id<domain::Product> product,
                                FieldErrors& errors);

// A quantity member: a whole number, or text read as the pages read a typed
// quantity in English (app::read_typed_quantity: "2.5", "1,5", "1,000.5",
// at most three decimals; empty is "field.required"); else
// "field.quantity_invalid". In thousandths.
// [{name, value}…] read at `path` ("features": "features.N.name"), and written.
std::vector<domain::ProductFeature> features_of(const boost::json::array& a, FieldErrors& errors,
                                                const std::string& path);
boost::json::array features_to_json(const std::vector<domain::ProductFeature>& features);

std::optional<std::int64_t> get_quantity(const boost::json::object& o, std::string_view name,
                                         FieldErrors& errors, std::string_view at = {});

}  // namespace rapport::web::api
