// The customer's catalog and cart in the portal: every change is one
// app::PortalCartDesk call (the quote desk's rules); a refusal comes back
// on the page with the typed value and the error beside its field.
#include "web/portal/portal_cart_pages.h"

#include <memory>

#include <boost/json.hpp>

#include "app/portal/portal_cart.h"
#include "app/portal/portal_quantity.h"
#include "domain/catalog/literature.h"
#include "domain/catalog/pricing.h"
#include "web/portal/portal_pages.h"
#include "web/portal/portal_quote_data.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"

namespace rapport::web::portal {
namespace {

namespace json = boost::json;
using app::PortalCartDesk;

std::string cart_text(const Request& req, const WebContext& ctx, std::string_view key) {
  return ctx.catalog.text(req.language, key);
}

json::object catalog_item_data(const Request& req, const WebContext& ctx,
                               const domain::PriceList& list, const app::PortalCatalogItem& item) {
  const auto& p = item.product;
  json::array features;
  for (const auto& f : p.features) features.push_back({{"name", f.name}, {"value", f.value}});
  return {
      {"id", p.id.value},
      {"code", p.code},
      {"name", domain::product_name(p, req.language)},
      {"description", req.language == Language::fr && !p.description_fr.empty() ? p.description_fr
                                                                                : p.description_en},
      {"unit", cart_text(req, ctx, "product.unit." + p.unit)},
      {"price", portal_money(req, item.price.unit_price, list.currency)},
      {"has_features", !features.empty()},
      {"features", std::move(features)}};
}

Response show_catalog(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  const std::string& query = req.query_value("q");
  auto c = desk.catalog(*req.user, query);
  if (!c) return ui::error_page(req, ctx, c.error());
  json::array items;
  for (const auto& item : c->items)
    items.push_back(catalog_item_data(req, ctx, c->price_list, item));
  json::object d{{"query", query},
                 {"has_items", !items.empty()},
                 {"items", std::move(items)},
                 {"price_list", domain::price_list_name(c->price_list, req.language)}};
  return portal_page(req, ctx, 200, "portal/catalog", std::move(d),
                     cart_text(req, ctx, "portal.catalog_title"));
}

Response render_product(Request& req, WebContext& ctx, PortalCartDesk& desk, int status,
                        json::object d) {
  auto id = id_param<domain::Product>(req, "product");
  if (!id) return ui::error_page(req, ctx, 404);
  auto item = desk.product(*req.user, *id);
  if (!item) return ui::error_page(req, ctx, item.error());
  auto c = desk.catalog(*req.user, item->product.code);
  if (!c) return ui::error_page(req, ctx, c.error());
  d["product"] = catalog_item_data(req, ctx, c->price_list, *item);
  json::array documents;
  for (const auto& l : item->literature)
    documents.push_back(
        {{"title", domain::literature_title(l, req.language)},
         {"language", cart_text(req, ctx, "language." + std::string(code(l.language)))},
         {"file_name", l.file_name},
         {"href", "/portal/catalog/" + std::to_string(id->value) + "/literature/" +
                      std::to_string(l.id.value)}});
  d["has_literature"] = !documents.empty();
  d["literature"] = std::move(documents);
  if (!d.contains("quantity")) d["quantity"] = "1";
  return portal_page(req, ctx, status, "portal/product", std::move(d),
                     domain::product_name(item->product, req.language));
}

Response show_product(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  return render_product(req, ctx, desk, 200, {});
}

// A product's document, opened in the browser like the CSR's eAdvisor does.
Response show_literature(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto product = id_param<domain::Product>(req, "product");
  auto id = id_param<domain::Literature>(req, "literature");
  if (!product || !id) return ui::error_page(req, ctx, 404);
  auto file = desk.literature_file(*req.user, *product, *id);
  if (!file) return ui::error_page(req, ctx, file.error());
  return file_response(std::move(file->bytes), domain::served_content_type(file->literature),
                       file->literature.file_name, true);
}

Response render_cart(Request& req, WebContext& ctx, PortalCartDesk& desk, int status,
                     json::object d) {
  auto cart = desk.cart(*req.user);
  if (!cart) return ui::error_page(req, ctx, cart.error());
  if (*cart) {
    json::object q = portal_quote_data(req, ctx, **cart);
    // A refused quantity: the typed value and its error beside that line's field.
    if (const auto* line = d.if_contains("error_line"))
      for (auto& l : q["lines"].as_array())
        if (l.as_object()["id"] == *line) {
          l.as_object()["quantity_input"] = d["typed_quantity"];
          l.as_object()["line_error"] = d["quantity_error"];
        }
    d["cart"] = std::move(q);
  }
  const std::string& done = req.query_value("done");
  if (done == "added" || done == "changed" || done == "removed")
    d["alert_success"] = cart_text(req, ctx, "portal.cart_done." + done);
  return portal_page(req, ctx, status, "portal/cart", std::move(d),
                     cart_text(req, ctx, "portal.cart_title"));
}

Response show_cart(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  return render_cart(req, ctx, desk, 200, {});
}

Response add_to_cart(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto product = positive_int(req.form_value("product"));
  if (!product) return ui::error_page(req, ctx, 404);
  req.params["product"] = std::to_string(*product);
  FieldErrors errors;
  auto quantity =
      app::portal_quantity(req.form_value("quantity"), app::EmptyQuantity::required, req.language);
  Result<domain::Quote> added =
      quantity ? desk.add(*req.user, Id<domain::Product>{*product}, **quantity, &errors)
               : Result<domain::Quote>(quantity.error());
  if (added) return redirect(req, "/portal/cart?done=added");
  if (added.error().code != ErrorCode::invalid_input)
    return ui::error_page(req, ctx, added.error());
  json::object d{{"quantity", req.form_value("quantity")}};
  if (errors.empty()) errors.add(added.error());
  ui::add_form_errors(d, req, ctx.catalog, errors);
  return render_product(req, ctx, desk, 422, std::move(d));
}

Response change_cart_line(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto line = id_param<domain::QuoteLine>(req, "line");
  if (!line) return ui::error_page(req, ctx, 404);
  FieldErrors errors;
  auto quantity =
      app::portal_quantity(req.form_value("quantity"), app::EmptyQuantity::required, req.language);
  Result<domain::Quote> changed = quantity ? desk.change(*req.user, *line, **quantity, &errors)
                                           : Result<domain::Quote>(quantity.error());
  if (changed) return redirect(req, "/portal/cart?done=changed");
  if (changed.error().code != ErrorCode::invalid_input)
    return ui::error_page(req, ctx, changed.error());
  if (errors.empty()) errors.add(changed.error());
  json::object d{{"error_line", line->value}, {"typed_quantity", req.form_value("quantity")}};
  ui::add_form_errors(d, req, ctx.catalog, errors);
  return render_cart(req, ctx, desk, 422, std::move(d));
}

Response remove_cart_line(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto line = id_param<domain::QuoteLine>(req, "line");
  if (!line) return ui::error_page(req, ctx, 404);
  auto removed = desk.remove(*req.user, *line);
  if (!removed) return ui::error_page(req, ctx, removed.error());
  return redirect(req, "/portal/cart?done=removed");
}

// Save as quote: Verify's problems listed on the cart, else the quote.
Response save_cart(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  FieldErrors problems;
  auto saved = desk.save(*req.user, &problems);
  if (saved)
    return redirect(req, "/portal/quotes/" + std::to_string(saved->id.value) + "?done=saved");
  if (saved.error().code != ErrorCode::invalid_input)
    return ui::error_page(req, ctx, saved.error());
  if (problems.empty()) problems.add(saved.error());
  json::array list;
  for (const auto& e : problems.errors)
    list.push_back(json::object{{"message", localized_message(req, ctx.catalog, e)}});
  json::object d{{"has_problems", true}, {"problems", std::move(list)}};
  return render_cart(req, ctx, desk, 422, std::move(d));
}

}  // namespace

void register_portal_cart_pages(Router& router, WebContext& ctx) {
  auto desk = std::make_shared<PortalCartDesk>(ctx.db, ctx.clock, ctx.catalog);
  router.get("/portal/catalog", Access::customer,
             [&ctx, desk](Request& r) { return show_catalog(r, ctx, *desk); });
  router.get("/portal/catalog/{product}", Access::customer,
             [&ctx, desk](Request& r) { return show_product(r, ctx, *desk); });
  router.get("/portal/catalog/{product}/literature/{literature}", Access::customer,
             [&ctx, desk](Request& r) { return show_literature(r, ctx, *desk); });
  router.get("/portal/cart", Access::customer,
             [&ctx, desk](Request& r) { return show_cart(r, ctx, *desk); });
  router.post("/portal/cart/lines", Access::customer,
              [&ctx, desk](Request& r) { return add_to_cart(r, ctx, *desk); });
  router.post("/portal/cart/lines/{line}", Access::customer,
              [&ctx, desk](Request& r) { return change_cart_line(r, ctx, *desk); });
  router.post("/portal/cart/lines/{line}/remove", Access::customer,
              [&ctx, desk](Request& r) { return remove_cart_line(r, ctx, *desk); });
  router.post("/portal/cart/quote", Access::customer,
              [&ctx, desk](Request& r) { return save_cart(r, ctx, *desk); });
  register_portal_quote_pages(router, ctx);
}

}  // namespace rapport::web::portal
