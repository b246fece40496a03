// The price list of a customer and of each account it bills: a small
// section of the customer's page (loaded by htmx, so the 360° view's own
// data stay the customer desk's) where a manager gives the customer or an
// account its own list, or sends it back to the default. Every action is
// CatalogDesk's.
#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

json::object customer_lists_data(const Request& req, const WebContext& ctx,
                                 const app::CustomerPriceLists& v) {
  auto name_of = [&](Id<domain::PriceList> id) -> std::string {
    for (const auto& l : v.lists)
      if (l.id == id) return l.code + " · " + domain::price_list_name(l, req.language);
    return "#" + std::to_string(id.value);
  };
  const std::string default_name = v.default_list
                                       ? ctx.catalog.text(req.language, "price_list.default_named",
                                                          {{"name", name_of(v.default_list->id)}})
                                       : ctx.catalog.text(req.language, "price_list.default_none");
  json::array holders;
  for (std::size_t i = 0; i < v.holders.size(); ++i) {
    const auto& h = v.holders[i];
    json::array options;
    for (const auto& l : v.lists)
      options.push_back({{"id", l.id.value},
                         {"label", l.code + " · " + domain::price_list_name(l, req.language) +
                                       " (" + l.currency + ")"},
                         {"selected", h.list && *h.list == l.id}});
    holders.push_back(
        {{"is_customer", i == 0},
         {"account", h.number},
         {"label", i == 0 ? ctx.catalog.text(req.language, "price_list.of_customer")
                          : ctx.catalog.text(req.language, "price_list.of_account",
                                             {{"number", h.number}, {"currency", h.currency}})},
         {"current", h.list ? name_of(*h.list) : default_name},
         {"own", h.list.has_value()},
         {"version", h.version},
         {"key", i == 0 ? std::string("customer") : h.number},
         {"options", std::move(options)}});
  }
  return {{"customer_id", v.customer.value},
          {"csrf_token", req.csrf_token},
          {"holders", std::move(holders)},
          {"can_assign", app::allowed(*req.user, app::Capability::manage_catalog)},
          {"default_name", default_name}};
}

Response customer_lists_fragment(const Request& req, const WebContext& ctx, int status,
                                 json::object data) {
  return html_response(status,
                       ctx.views.render("partials/customer_price_lists", data, req.language));
}

// GET: the section (htmx) or, without the script, a page with it.
Response show_customer_lists(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  auto v = ctx.products.customer_price_lists(*req.user, *id);
  if (!v) {
    // A user who may not read the catalog simply has no such section.
    if (req.is_htmx() && v.error().code == ErrorCode::forbidden) return html_response(200, "");
    return error_page(req, ctx, v.error());
  }
  auto data = customer_lists_data(req, ctx, *v);
  if (req.is_htmx()) return customer_lists_fragment(req, ctx, 200, data);
  data["standalone"] = true;
  return html_response(
      200, ctx.views.page(req, "customer_price_lists", data,
                          ctx.catalog.text(req.language, "price_list.of_customer_title")));
}

Response assign_customer_list(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  std::optional<Id<domain::PriceList>> list;
  const std::string& chosen = req.form_value("price_list");
  FieldErrors errors;
  if (!chosen.empty()) {
    if (auto n = positive_int(chosen))
      list = Id<domain::PriceList>{*n};
    else
      errors.add(Error::invalid("price_list.not_found", "price_list"));
  }
  const std::string& account = req.form_value("account");
  if (errors.empty()) {
    auto saved =
        ctx.products.assign_price_list(*req.user, *id, account, list, form_int(req, "version", 0));
    if (saved) {
      if (!req.is_htmx())
        return redirect(req, "/customers/" + std::to_string(id->value) + "?saved=1");
      auto data = customer_lists_data(req, ctx, *saved);
      data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
      return customer_lists_fragment(req, ctx, 200, data);
    }
    if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
      return error_page(req, ctx, saved.error());
    errors.add(saved.error());
  }
  auto v = ctx.products.customer_price_lists(*req.user, *id);
  if (!v) return error_page(req, ctx, v.error());
  auto data = customer_lists_data(req, ctx, *v);
  // The error beside the holder's choice (a stale edit: above the section).
  const std::string key = account.empty() ? "customer" : account;
  const Error& e = errors.errors.front();
  const std::string message =
      localized_message(req, ctx.catalog, with_field_label(req, ctx.catalog, e));
  if (e.field.empty()) {
    data["alert_error"] = message;
  } else {
    for (auto& h : data["holders"].as_array())
      if (h.as_object()["key"].as_string() == key) h.as_object()["error"] = message;
  }
  const int status = http_status(e.code);
  if (req.is_htmx()) return customer_lists_fragment(req, ctx, status, data);
  data["standalone"] = true;
  return html_response(
      status, ctx.views.page(req, "customer_price_lists", data,
                             ctx.catalog.text(req.language, "price_list.of_customer_title")));
}

}  // namespace

void register_customer_price_list_pages(Router& router, WebContext& ctx) {
  router.get("/customers/{id}/price-lists", Access::staff,
             [&ctx](Request& r) { return show_customer_lists(r, ctx); });
  router.post("/customers/{id}/price-lists", Access::staff,
              [&ctx](Request& r) { return assign_customer_list(r, ctx); });
}

}  // namespace rapport::web::ui
