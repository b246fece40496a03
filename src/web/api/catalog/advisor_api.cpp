// The eAdvisor's API (quotes-orders-assets.md, "Catalog and eAdvisor"):
// /api/v1/literature (documents stored in the database, uploaded as the
// request body itself), /api/v1/products/{id}/comparisons and
// /api/v1/comparisons/{id} (competitor comparisons), /api/v1/advisor/search
// and /api/v1/advisor/compare. Every staff role reads; managers and admins
// change. A change names the version read; a stale one is refused with 409.
#include <boost/json.hpp>

#include "app/catalog/advisor_desk.h"
#include "app/quotes/quote_desk.h"
#include "web/api/catalog/catalog_api_json.h"
#include "web/api/json_io.h"
#include "web/api/query_params.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the unity build compiles this file with the other
// API files.
namespace advisor_routes {

namespace json = boost::json;

app::AdvisorDesk advisor_of(WebContext& ctx) { return app::AdvisorDesk(ctx.db, ctx.clock); }

json::object literature_to_json(const domain::Literature& l) {
  return {{"id", l.id.value},
          {"product_id", l.product ? json::value(l.product->value) : json::value(nullptr)},
          {"title_en", l.title_en},
          {"title_fr", l.title_fr},
          {"language", code(l.language)},
          {"file_name", l.file_name},
          {"content_type", l.content_type},
          {"size", l.size},
          {"created_at", format_instant(l.created_at)},
          {"content_url", "/api/v1/literature/" + std::to_string(l.id.value) + "/content"},
          {"version", l.version}};
}

json::object comparison_to_json(const domain::CompetitorComparison& c) {
  return {{"id", c.id.value},
          {"product_id", c.product.value},
          {"competitor", c.competitor},
          {"their_product", c.their_product},
          {"their_price", c.their_price ? json::value(*c.their_price) : json::value(nullptr)},
          {"currency", c.currency},
          {"advantages_en", c.advantages_en},
          {"advantages_fr", c.advantages_fr},
          {"version", c.version}};
}

Response no_content() {
  Response res;
  res.status = 204;
  return res;
}

// ?version=N, required for a deletion.
std::optional<Version> required_version(Request& req, WebContext& ctx, Response& refusal) {
  auto version = query_id(req, "version");
  if (!version) {
    refusal = problem(req, ctx.catalog, version.error());
    return std::nullopt;
  }
  if (!*version) {
    FieldErrors errors;
    errors.add(Error::invalid("field.required", "version"));
    refusal = input_problem(req, ctx.catalog, errors);
    return std::nullopt;
  }
  return **version;
}

// ?product=ID: a product's documents; without it the company's.
Response list_literature(Request& req, WebContext& ctx) {
  auto product = query_id(req, "product");
  if (!product) return problem(req, ctx.catalog, product.error());
  std::optional<Id<domain::Product>> of;
  if (*product) of = Id<domain::Product>{**product};
  auto found = advisor_of(ctx).literature(*req.user, of);
  if (!found) return problem(req, ctx.catalog, found.error());
  json::array items;
  for (const auto& l : *found) items.push_back(literature_to_json(l));
  return json_ok(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

// The body is the document itself, its Content-Type the type declared;
// the description in the query (?product=&title_en=&title_fr=&language=&file_name=).
Response upload_literature(Request& req, WebContext& ctx) {
  FieldErrors errors;
  domain::Literature l;
  auto product = query_id(req, "product");
  if (!product)
    errors.add(product.error());
  else if (*product)
    l.product = Id<domain::Product>{**product};
  l.title_en = req.query_value("title_en");
  l.title_fr = req.query_value("title_fr");
  l.file_name = req.query_value("file_name");
  if (const auto& lang = req.query_value("language"); !lang.empty()) {
    if (auto parsed = parse_language(lang))
      l.language = *parsed;
    else
      errors.add(Error::invalid("field.language_invalid", "language"));
  } else {
    l.language = req.language;
  }
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto body = req.body_stream();
  auto saved = advisor_of(ctx).upload_literature(*req.user, l, *body, req.body_size(),
                                                 req.header("content-type"), &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  Response res = json_ok(201, literature_to_json(*saved));
  res.set_header("Location", "/api/v1/literature/" + std::to_string(saved->id.value));
  return res;
}

Response get_literature(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Literature>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("literature.not_found"));
  auto l = advisor_of(ctx).literature_item(*req.user, *id);
  if (!l) return problem(req, ctx.catalog, l.error());
  return json_ok(200, literature_to_json(*l));
}

Response literature_content(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Literature>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("literature.not_found"));
  auto file = advisor_of(ctx).literature_file(*req.user, *id);
  if (!file) return problem(req, ctx.catalog, file.error());
  return file_response(std::move(file->bytes), domain::served_content_type(file->literature),
                       file->literature.file_name, true);
}

Response delete_literature(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Literature>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("literature.not_found"));
  Response refusal;
  auto version = required_version(req, ctx, refusal);
  if (!version) return refusal;
  if (auto ok = advisor_of(ctx).remove_literature(*req.user, *id, *version); !ok)
    return problem(req, ctx.catalog, ok.error());
  return no_content();
}

void apply_comparison(const json::object& body, domain::CompetitorComparison& c,
                      FieldErrors& errors) {
  if (auto v = get_string(body, "competitor", errors)) c.competitor = *v;
  if (auto v = get_string(body, "their_product", errors)) c.their_product = *v;
  if (is_null_member(body, "their_price"))
    c.their_price.reset();
  else if (auto v = get_integer(body, "their_price", errors))
    c.their_price = *v;
  if (auto v = get_string(body, "currency", errors)) c.currency = *v;
  if (auto v = get_string(body, "advantages_en", errors)) c.advantages_en = *v;
  if (auto v = get_string(body, "advantages_fr", errors)) c.advantages_fr = *v;
}

Response list_comparisons(Request& req, WebContext& ctx) {
  auto product = id_param<domain::Product>(req);
  if (!product) return problem(req, ctx.catalog, Error::not_found("product.not_found"));
  auto found = advisor_of(ctx).comparisons(*req.user, *product);
  if (!found) return problem(req, ctx.catalog, found.error());
  json::array items;
  for (const auto& c : *found) items.push_back(comparison_to_json(c));
  return json_ok(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response create_comparison(Request& req, WebContext& ctx) {
  auto product = id_param<domain::Product>(req);
  if (!product) return problem(req, ctx.catalog, Error::not_found("product.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  domain::CompetitorComparison c;
  c.product = *product;
  apply_comparison(*body, c, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = advisor_of(ctx).create_comparison(*req.user, c, &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  Response res = json_ok(201, comparison_to_json(*saved));
  res.set_header("Location", "/api/v1/comparisons/" + std::to_string(saved->id.value));
  return res;
}

Response get_comparison(Request& req, WebContext& ctx) {
  auto id = id_param<domain::CompetitorComparison>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("comparison.not_found"));
  auto c = advisor_of(ctx).comparison(*req.user, *id);
  if (!c) return problem(req, ctx.catalog, c.error());
  return json_ok(200, comparison_to_json(*c));
}

Response update_comparison(Request& req, WebContext& ctx) {
  auto id = id_param<domain::CompetitorComparison>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("comparison.not_found"));
  auto c = advisor_of(ctx).comparison(*req.user, *id);
  if (!c) return problem(req, ctx.catalog, c.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  apply_comparison(*body, *c, errors);
  if (auto v = get_version(*body, errors)) c->version = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = advisor_of(ctx).update_comparison(*req.user, *c, &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  return json_ok(200, comparison_to_json(*saved));
}

Response delete_comparison(Request& req, WebContext& ctx) {
  auto id = id_param<domain::CompetitorComparison>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("comparison.not_found"));
  Response refusal;
  auto version = required_version(req, ctx, refusal);
  if (!version) return refusal;
  if (auto ok = advisor_of(ctx).remove_comparison(*req.user, *id, *version); !ok)
    return problem(req, ctx.catalog, ok.error());
  return no_content();
}

// ?quote=ID prices with the quote's list; ?customer=ID with the
// customer's; else the default list.
Result<app::AdvisorScope> advisor_scope(Request& req, WebContext& ctx) {
  app::AdvisorScope scope;
  auto quote = query_id(req, "quote");
  if (!quote) return quote.error();
  auto customer = query_id(req, "customer");
  if (!customer) return customer.error();
  if (*quote) {
    auto view = app::QuoteDesk(ctx.db, ctx.clock).view(*req.user, Id<domain::Quote>{**quote});
    if (!view) return view.error();
    scope.price_list = view->quote.price_list;
  } else if (*customer) {
    scope.customer = **customer;
  }
  return scope;
}

json::object advisor_result_to_json(const app::AdvisorResult& r) {
  json::array items;
  for (const auto& item : r.items) {
    json::array literature, comparisons;
    for (const auto& l : item.literature) literature.push_back(literature_to_json(l));
    for (const auto& c : item.comparisons) comparisons.push_back(comparison_to_json(c));
    items.push_back(
        {{"product", product_to_json(item.product)},
         {"unit_price", item.price ? json::value(item.price->unit_price) : json::value(nullptr)},
         {"literature", std::move(literature)},
         {"comparisons", std::move(comparisons)}});
  }
  json::array features;
  for (const auto& f : r.feature_names) features.push_back(json::value(f));
  return {
      {"price_list_id", r.price_list ? json::value(r.price_list->id.value) : json::value(nullptr)},
      {"currency", r.price_list ? json::value(r.price_list->currency) : json::value(nullptr)},
      {"items", std::move(items)},
      {"feature_names", std::move(features)}};
}

Response advisor_search(Request& req, WebContext& ctx) {
  auto scope = advisor_scope(req, ctx);
  if (!scope) return problem(req, ctx.catalog, scope.error());
  auto found = advisor_of(ctx).search(*req.user, req.query_value("q"), *scope);
  if (!found) return problem(req, ctx.catalog, found.error());
  return json_ok(200, advisor_result_to_json(*found));
}

// ?products=1,2,3: 2–4 product ids.
Response advisor_compare(Request& req, WebContext& ctx) {
  auto ids = query_ids(req, "products");
  if (!ids) return problem(req, ctx.catalog, ids.error());
  auto scope = advisor_scope(req, ctx);
  if (!scope) return problem(req, ctx.catalog, scope.error());
  auto found = advisor_of(ctx).compare(*req.user, *ids, *scope);
  if (!found) return problem(req, ctx.catalog, found.error());
  return json_ok(200, advisor_result_to_json(*found));
}

}  // namespace advisor_routes

void register_advisor_api(Router& router, WebContext& ctx) {
  using namespace advisor_routes;
  router.get("/api/v1/literature", Access::staff,
             [&ctx](Request& r) { return list_literature(r, ctx); });
  router
      .post("/api/v1/literature", Access::staff,
            [&ctx](Request& r) { return upload_literature(r, ctx); })
      .taking_upload(app::Capability::manage_catalog);
  router.get("/api/v1/literature/{id}", Access::staff,
             [&ctx](Request& r) { return get_literature(r, ctx); });
  router.get("/api/v1/literature/{id}/content", Access::staff,
             [&ctx](Request& r) { return literature_content(r, ctx); });
  router.add("DELETE", "/api/v1/literature/{id}", Access::staff,
             [&ctx](Request& r) { return delete_literature(r, ctx); });
  router.get("/api/v1/products/{id}/comparisons", Access::staff,
             [&ctx](Request& r) { return list_comparisons(r, ctx); });
  router.post("/api/v1/products/{id}/comparisons", Access::staff,
              [&ctx](Request& r) { return create_comparison(r, ctx); });
  router.get("/api/v1/comparisons/{id}", Access::staff,
             [&ctx](Request& r) { return get_comparison(r, ctx); });
  router.add("PUT", "/api/v1/comparisons/{id}", Access::staff,
             [&ctx](Request& r) { return update_comparison(r, ctx); });
  router.add("DELETE", "/api/v1/comparisons/{id}", Access::staff,
             [&ctx](Request& r) { return delete_comparison(r, ctx); });
  router.get("/api/v1/advisor/search", Access::staff,
             [&ctx](Request& r) { return advisor_search(r, ctx); });
  router.get("/api/v1/advisor/compare", Access::staff,
             [&ctx](Request& r) { return advisor_compare(r, ctx); });
}

}  // namespace rapport::web::api
