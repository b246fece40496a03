// The portal's request page (quotes-orders-assets.md, "Change orders"): the
// customer chooses modify (quantity, features), suspend, resume or
// disconnect for one of their assets, with a requested date; the request is
// app::PortalRequests' (a change order submitted for fulfilment). Faults
// are shown beside their fields, nothing changed; once sent the customer is
// back on the portal's home, where the order is listed.
#include "web/portal/portal_requests_pages.h"

#include <memory>

#include <boost/json.hpp>

#include "app/portal/portal_quantity.h"
#include "app/portal/portal_requests.h"
#include "core/enum_codes.h"
#include "domain/catalog/pricing.h"
#include "web/portal/portal_pages.h"
#include "web/problem.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"

namespace rapport::web::portal {
namespace {

namespace json = boost::json;
using domain::AssetChange;

// The request as typed on the form; typing faults (the quantity, the date)
// in `errors`.
app::AssetRequest typed_request(const Request& req, FieldErrors& errors) {
  app::AssetRequest r;
  auto change = enum_from_code<AssetChange>(req.form_value("change"));
  if (!change)
    errors.add(Error::invalid("field.required", "change"));
  else
    r.change = *change;
  if (r.change == AssetChange::modify) {
    if (auto q = app::portal_quantity(req.form_value("quantity"), app::EmptyQuantity::keep,
                                      req.language))
      r.quantity = *q;
    else
      errors.add(q.error());
    std::vector<domain::ProductFeature> features;
    for (std::size_t i = 0; i < domain::kMaxFeatures; ++i) {
      const std::string at = "features." + std::to_string(i);
      const std::string& name = req.form_value(at + ".name");
      if (name.empty()) break;
      features.push_back({name, req.form_value(at + ".value")});
    }
    if (!features.empty()) r.features = std::move(features);
  }
  if (const std::string& day = req.form_value("requested_date"); !day.empty()) {
    if (auto d = parse_date(day))
      r.requested_date = *d;
    else
      errors.add(Error::invalid("field.date_invalid", "requested_date"));
  }
  return r;
}

const std::string& asset_product_name(const Request& req, const store::AssetRow& row) {
  return req.language == Language::fr && !row.product_name_fr.empty() ? row.product_name_fr
                                                                      : row.product_name_en;
}

// The page: the asset, the changes it offers and the form as typed (or the
// asset's own quantity and features), `errors` beside their fields.
Response request_page(const Request& req, const WebContext& ctx, int status,
                      const app::AssetRequestView& v, const FieldErrors& errors) {
  const auto& a = v.asset.asset;
  const bool posted = req.method == "POST";
  const std::string chosen = posted ? req.form_value("change") : "";
  json::array choices;
  for (auto c : v.choices)
    choices.push_back({{"code", std::string(enum_code(c))},
                       {"label", ui::code_label(req, ctx, "change_order.change", enum_code(c))},
                       {"checked", posted ? chosen == enum_code(c) : c == v.choices.front()}});
  json::array features;
  for (std::size_t i = 0; i < a.features.size(); ++i) {
    const std::string at = "features." + std::to_string(i);
    std::string error;
    for (const auto& e : errors.errors)
      if (e.field.starts_with(at + "."))
        error = localized_message(req, ctx.catalog, ui::with_field_label(req, ctx.catalog, e));
    features.push_back({{"at", at},
                        {"name", a.features[i].name},
                        {"value", posted ? req.form_value(at + ".value") : a.features[i].value},
                        {"error", error}});
  }
  json::object data{
      {"id", a.id.value},
      {"number", a.number},
      {"product", asset_product_name(req, v.asset)},
      {"status", ui::code_label(req, ctx, "asset.status", enum_code(a.status))},
      {"current_quantity", domain::quantity_text(a.quantity)},
      {"quantity", posted ? req.form_value("quantity") : domain::quantity_text(a.quantity)},
      {"requested_date", posted ? req.form_value("requested_date") : ""},
      {"has_choices", !choices.empty()},
      {"choices", std::move(choices)},
      {"has_features", !features.empty()},
      {"features", std::move(features)}};
  ui::add_form_errors(data, req, ctx.catalog, errors);
  return portal_page(
      req, ctx, status, "portal/asset_request", std::move(data),
      ctx.catalog.text(req.language, "portal.request_title", {{"number", a.number}}));
}

Response show_request(Request& req, WebContext& ctx, app::PortalRequests& requests) {
  auto id = id_param<domain::Asset>(req, "asset");
  if (!id) return ui::error_page(req, ctx, Error::not_found("asset.not_found"));
  auto v = requests.asset(*req.user, *id);
  if (!v) return ui::error_page(req, ctx, v.error());
  return request_page(req, ctx, 200, *v, {});
}

Response post_request(Request& req, WebContext& ctx, app::PortalRequests& requests) {
  auto id = id_param<domain::Asset>(req, "asset");
  if (!id) return ui::error_page(req, ctx, Error::not_found("asset.not_found"));
  auto v = requests.asset(*req.user, *id);
  if (!v) return ui::error_page(req, ctx, v.error());
  FieldErrors errors;
  auto r = typed_request(req, errors);
  if (errors.empty()) {
    auto order = requests.request(*req.user, *id, r, &errors);
    if (order) return redirect(req, "/portal?requested=" + order->number);
    if (errors.empty()) return ui::error_page(req, ctx, order.error());
  }
  return request_page(req, ctx, 422, *v, errors);
}

}  // namespace

void register_portal_request_pages(Router& router, WebContext& ctx) {
  auto requests = std::make_shared<app::PortalRequests>(ctx.db, ctx.clock);
  router.get("/portal/assets/{asset}/request", Access::customer,
             [&ctx, requests](Request& r) { return show_request(r, ctx, *requests); });
  router.post("/portal/assets/{asset}/request", Access::customer,
              [&ctx, requests](Request& r) { return post_request(r, ctx, *requests); });
}

}  // namespace rapport::web::portal
