#include "web/api/catalog/catalog_api_json.h"

#include <boost/json.hpp>

#include "app/catalog/typed_quantity.h"
#include "domain/catalog/pricing.h"
#include "web/api/json_io.h"

namespace rapport::web::api {
namespace json = boost::json;

namespace {

json::value catalog_date_or_null(const std::optional<CivilDate>& d) {
  return d ? json::value(format_date(*d)) : json::value(nullptr);
}

}  // namespace

json::object product_to_json(const domain::Product& p) {
  json::array features = features_to_json(p.features);
  return {{"id", p.id.value},
          {"code", p.code},
          {"name_en", p.name_en},
          {"name_fr", p.name_fr},
          {"description_en", p.description_en},
          {"description_fr", p.description_fr},
          {"type", enum_code(p.type)},
          {"unit", p.unit},
          {"trackable", p.trackable},
          {"orderable_from", format_date(p.orderable_from)},
          {"orderable_to", catalog_date_or_null(p.orderable_to)},
          {"features", std::move(features)},
          {"vat_rate", domain::vat_rate_text(p.vat_rate)},
          {"active", p.active},
          {"version", p.version}};
}

json::object price_list_to_json(const domain::PriceList& l) {
  return {{"id", l.id.value},
          {"code", l.code},
          {"name_en", l.name_en},
          {"name_fr", l.name_fr},
          {"currency", l.currency},
          {"valid_from", format_date(l.valid_from)},
          {"valid_to", catalog_date_or_null(l.valid_to)},
          {"is_default", l.is_default},
          {"version", l.version}};
}

json::object price_to_json(const domain::ProductPrice& p, const domain::Product* product) {
  json::array tiers;
  for (const auto& t : p.tiers)
    tiers.push_back(
        {{"min_quantity", domain::quantity_text(t.min_quantity)}, {"unit_price", t.unit_price}});
  json::object out{
      {"product_id", p.product.value}, {"unit_price", p.unit_price}, {"tiers", std::move(tiers)}};
  if (product) out["product_code"] = product->code;
  return out;
}

json::object price_list_view_to_json(const app::PriceListView& v) {
  auto out = price_list_to_json(v.list);
  json::array prices;
  for (const auto& p : v.prices) {
    const domain::Product* product = nullptr;
    for (const auto& candidate : v.products)
      if (candidate.id == p.product) product = &candidate;
    prices.push_back(price_to_json(p, product));
  }
  out["prices"] = std::move(prices);
  return out;
}

std::optional<std::int64_t> get_quantity(const json::object& o, std::string_view name,
                                         FieldErrors& errors, std::string_view at) {
  const json::value* v = get_member(o, name);
  if (!v) return std::nullopt;
  // Text is read as the pages read a typed quantity (in English): an
  // empty one is required, a bad one invalid.
  if (v->is_string())
    return app::read_typed_quantity(std::string(v->as_string()), Language::en,
                                    member_path(at, name), errors);
  std::optional<std::int64_t> q;
  if (v->is_int64() && v->as_int64() >= 0 &&
      v->as_int64() <= domain::kMaxQuantity / domain::kQuantityScale)
    q = v->as_int64() * domain::kQuantityScale;
  if (!q) errors.add(Error::invalid("field.quantity_invalid", member_path(at, name)));
  return q;
}

void apply_product(const json::object& o, domain::Product& p, FieldErrors& errors) {
  if (auto v = get_string(o, "code", errors)) p.code = *v;
  if (auto v = get_string(o, "name_en", errors)) p.name_en = *v;
  if (auto v = get_string(o, "name_fr", errors)) p.name_fr = *v;
  if (auto v = get_string(o, "description_en", errors)) p.description_en = *v;
  if (auto v = get_string(o, "description_fr", errors)) p.description_fr = *v;
  if (auto v = get_code<domain::ProductType>(o, "type", errors)) p.type = *v;
  if (auto v = get_string(o, "unit", errors)) p.unit = *v;
  if (auto v = get_bool(o, "trackable", errors)) p.trackable = *v;
  if (auto v = get_date(o, "orderable_from", errors)) p.orderable_from = *v;
  if (is_null_member(o, "orderable_to"))
    p.orderable_to.reset();
  else if (auto v = get_date(o, "orderable_to", errors))
    p.orderable_to = *v;
  // A rate that is no percentage is out of range: validate_product reports
  // it beside the product's other faults.
  if (auto v = get_string(o, "vat_rate", errors))
    p.vat_rate = domain::parse_vat_rate(*v).value_or(-1);
  if (auto v = get_bool(o, "active", errors)) p.active = *v;
  if (const auto* a = get_array(o, "features", errors))
    p.features = features_of(*a, errors, "features");
}

std::vector<domain::ProductFeature> features_of(const json::array& a, FieldErrors& errors,
                                                const std::string& path) {
  std::vector<domain::ProductFeature> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string at = path + "." + std::to_string(i);
    if (!a[i].is_object()) {
      errors.add(Error::invalid("json.type_object", at, {{"field", at}}));
      continue;
    }
    const auto& f = a[i].as_object();
    out.push_back({get_string(f, "name", errors, at).value_or(""),
                   get_string(f, "value", errors, at).value_or("")});
  }
  return out;
}

json::array features_to_json(const std::vector<domain::ProductFeature>& features) {
  json::array out;
  for (const auto& f : features) out.push_back({{"name", f.name}, {"value", f.value}});
  return out;
}

void apply_price_list(const json::object& o, domain::PriceList& l, FieldErrors& errors) {
  if (auto v = get_string(o, "code", errors)) l.code = *v;
  if (auto v = get_string(o, "name_en", errors)) l.name_en = *v;
  if (auto v = get_string(o, "name_fr", errors)) l.name_fr = *v;
  if (auto v = get_string(o, "currency", errors)) l.currency = *v;
  if (auto v = get_date(o, "valid_from", errors)) l.valid_from = *v;
  if (is_null_member(o, "valid_to"))
    l.valid_to.reset();
  else if (auto v = get_date(o, "valid_to", errors))
    l.valid_to = *v;
  if (auto v = get_bool(o, "is_default", errors)) l.is_default = *v;
}

domain::ProductPrice price_from(const json::object& o, Id<domain::Product> product,
                                FieldErrors& errors) {
  domain::ProductPrice p;
  p.product = product;
  auto unit = get_integer(o, "unit_price", errors);
  if (!unit && !get_member(o, "unit_price"))
    errors.add(Error::invalid("field.required", "unit_price"));
  p.unit_price = unit.value_or(0);
  if (const auto* a = get_array(o, "tiers", errors)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string at = "tiers." + std::to_string(i);
      if (!(*a)[i].is_object()) {
        errors.add(Error::invalid("json.type_object", at, {{"field", at}}));
        continue;
      }
      const auto& t = (*a)[i].as_object();
      p.tiers.push_back({get_quantity(t, "min_quantity", errors, at).value_or(0),
                         get_integer(t, "unit_price", errors, at).value_or(0)});
    }
  }
  return p;
}

}  // namespace rapport::web::api
