#include "store/catalog/catalog_json.h"

#include <stdexcept>

#include <boost/json.hpp>

namespace rapport::store {
namespace json = boost::json;

std::string features_to_json(const std::vector<domain::ProductFeature>& features) {
  json::array a;
  for (const auto& f : features) a.push_back(json::object{{"name", f.name}, {"value", f.value}});
  return json::serialize(a);
}

namespace {

json::array stored_array(const std::string& text, const char* column) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) throw std::runtime_error(std::string("malformed ") + column);
  return v.as_array();
}

}  // namespace

std::vector<domain::ProductFeature> features_from_json(const std::string& text) {
  std::vector<domain::ProductFeature> out;
  for (const auto& item : stored_array(text, "the features_json of products")) {
    const auto& o = item.as_object();
    out.push_back(
        {json::value_to<std::string>(o.at("name")), json::value_to<std::string>(o.at("value"))});
  }
  return out;
}

std::string tiers_to_json(const std::vector<domain::PriceTier>& tiers) {
  json::array a;
  for (const auto& t : tiers)
    a.push_back(json::object{{"min_quantity", t.min_quantity}, {"unit_price", t.unit_price}});
  return json::serialize(a);
}

std::vector<domain::PriceTier> tiers_from_json(const std::string& text) {
  std::vector<domain::PriceTier> out;
  for (const auto& item : stored_array(text, "the tiers_json of product_prices")) {
    const auto& o = item.as_object();
    out.push_back({o.at("min_quantity").to_number<std::int64_t>(),
                   o.at("unit_price").to_number<std::int64_t>()});
  }
  return out;
}

}  // namespace rapport::store
