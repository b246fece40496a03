// /api/v1/products and /api/v1/price-lists: the catalog
// (quotes-orders-assets.md, "Catalog"). Every staff role reads it;
// managers and admins change it. A change names the version read; a stale
// one is refused with 409.
#include <limits>

#include <boost/json.hpp>

#include "web/api/catalog/catalog_api_json.h"
#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/query_params.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the sanitizer's unity build compiles this file with
// the other API files, whose handlers have the same names.
namespace catalog_routes {

namespace json = boost::json;

// ?q= words in the code or a name; ?orderable=true: orderable today;
// paged by position.
Response list_products(Request& req, WebContext& ctx) {
  store::ProductFilter f;
  f.text = req.query_value("q");
  auto orderable = query_bool(req, "orderable");
  if (!orderable) return problem(req, ctx.catalog, orderable.error());
  f.orderable_only = orderable->value_or(false);
  auto limit = page_limit(req);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  auto keys = cursor_keys(req, 1);
  if (!keys) return problem(req, ctx.catalog, keys.error());
  if (!keys->empty()) {
    auto offset = key_number(keys->front(), 1, std::numeric_limits<int>::max());
    if (!offset) return problem(req, ctx.catalog, Error::invalid("page.cursor_invalid", "cursor"));
    f.offset = static_cast<int>(*offset);
  }
  f.limit = *limit + 1;  // one more tells whether a next page exists
  auto found = ctx.products.search(*req.user, f);
  if (!found) return problem(req, ctx.catalog, found.error());
  const bool more = static_cast<int>(found->size()) > *limit;
  if (more) found->resize(*limit);
  json::array items;
  for (const auto& p : *found) items.push_back(product_to_json(p));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] =
      more ? json::value(encode_cursor({std::to_string(f.offset + *limit)})) : json::value(nullptr);
  return json_ok(200, body);
}

Response create_product(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  domain::Product p;
  apply_product(*body, p, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto created = ctx.products.create_product(*req.user, p, &errors);
  if (!created) return problem(req, ctx.catalog, created.error(), &errors);
  Response res = json_ok(201, product_to_json(*created));
  res.set_header("Location", "/api/v1/products/" + std::to_string(created->id.value));
  return res;
}

Response get_product(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Product>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("product.not_found"));
  auto p = ctx.products.product(*req.user, *id);
  if (!p) return problem(req, ctx.catalog, p.error());
  return json_ok(200, product_to_json(*p));
}

Response update_product(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Product>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("product.not_found"));
  auto p = ctx.products.product(*req.user, *id);
  if (!p) return problem(req, ctx.catalog, p.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  apply_product(*body, *p, errors);
  if (auto v = get_version(*body, errors)) p->version = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.products.update_product(*req.user, *p, &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  return json_ok(200, product_to_json(*saved));
}

Response list_price_lists(Request& req, WebContext& ctx) {
  auto lists = ctx.products.price_lists(*req.user);
  if (!lists) return problem(req, ctx.catalog, lists.error());
  json::array items;
  for (const auto& l : *lists) items.push_back(price_list_to_json(l));
  return json_ok(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response create_price_list(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  domain::PriceList l;
  apply_price_list(*body, l, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto created = ctx.products.create_price_list(*req.user, l, &errors);
  if (!created) return problem(req, ctx.catalog, created.error(), &errors);
  // The answer is the list as GET shows it (its prices: none yet).
  auto view = ctx.products.price_list(*req.user, created->id);
  Response res = json_ok(201, view ? price_list_view_to_json(*view) : price_list_to_json(*created));
  res.set_header("Location", "/api/v1/price-lists/" + std::to_string(created->id.value));
  return res;
}

Response get_price_list(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PriceList>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("price_list.not_found"));
  auto v = ctx.products.price_list(*req.user, *id);
  if (!v) return problem(req, ctx.catalog, v.error());
  return json_ok(200, price_list_view_to_json(*v));
}

Response update_price_list(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PriceList>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("price_list.not_found"));
  auto v = ctx.products.price_list(*req.user, *id);
  if (!v) return problem(req, ctx.catalog, v.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  apply_price_list(*body, v->list, errors);
  if (auto version = get_version(*body, errors)) v->list.version = *version;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.products.update_price_list(*req.user, v->list, &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  v->list = *saved;  // the answer is the list as GET shows it, with its prices
  return json_ok(200, price_list_view_to_json(*v));
}

Response set_price(Request& req, WebContext& ctx) {
  auto list = id_param<domain::PriceList>(req);
  auto product = id_param<domain::Product>(req, "product");
  if (!list) return problem(req, ctx.catalog, Error::not_found("price_list.not_found"));
  if (!product) return problem(req, ctx.catalog, Error::not_found("product.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto price = price_from(*body, *product, errors);
  auto version = get_version(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.products.set_price(*req.user, *list, price, version, &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  auto answer = price_to_json(price, nullptr);
  answer["price_list_version"] = *saved;
  return json_ok(200, answer);
}

Response remove_price(Request& req, WebContext& ctx) {
  auto list = id_param<domain::PriceList>(req);
  auto product = id_param<domain::Product>(req, "product");
  if (!list || !product) return problem(req, ctx.catalog, Error::not_found("price.not_found"));
  // The list's version read, as ?version=N: a price is part of its list.
  auto version = query_id(req, "version");
  if (!version) return problem(req, ctx.catalog, version.error());
  if (!*version) {
    FieldErrors errors;
    errors.add(Error::invalid("field.required", "version"));
    return input_problem(req, ctx.catalog, errors);
  }
  if (auto ok = ctx.products.remove_price(*req.user, *list, *product, **version); !ok)
    return problem(req, ctx.catalog, ok.error());
  Response res;
  res.status = 204;
  return res;
}

}  // namespace catalog_routes

void register_catalog_api(Router& router, WebContext& ctx) {
  const std::string product = "/api/v1/products/{id}";
  const std::string list = "/api/v1/price-lists/{id}";
  router.get("/api/v1/products", Access::staff,
             [&ctx](Request& r) { return catalog_routes::list_products(r, ctx); });
  router.post("/api/v1/products", Access::staff,
              [&ctx](Request& r) { return catalog_routes::create_product(r, ctx); });
  router.get(product, Access::staff,
             [&ctx](Request& r) { return catalog_routes::get_product(r, ctx); });
  router.add("PUT", product, Access::staff,
             [&ctx](Request& r) { return catalog_routes::update_product(r, ctx); });
  router.get("/api/v1/price-lists", Access::staff,
             [&ctx](Request& r) { return catalog_routes::list_price_lists(r, ctx); });
  router.post("/api/v1/price-lists", Access::staff,
              [&ctx](Request& r) { return catalog_routes::create_price_list(r, ctx); });
  router.get(list, Access::staff,
             [&ctx](Request& r) { return catalog_routes::get_price_list(r, ctx); });
  router.add("PUT", list, Access::staff,
             [&ctx](Request& r) { return catalog_routes::update_price_list(r, ctx); });
  router.add("PUT", list + "/prices/{product}", Access::staff,
             [&ctx](Request& r) { return catalog_routes::set_price(r, ctx); });
  router.add("DELETE", list + "/prices/{product}", Access::staff,
             [&ctx](Request& r) { return catalog_routes::remove_price(r, ctx); });
  register_customer_price_list_api(router, ctx);
  register_advisor_api(router, ctx);
}

}  // namespace rapport::web::api
