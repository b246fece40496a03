// POST /api/v1/portal/assets/{asset}/requests: a customer's request on one
// of their assets — {change: modify | disconnect | suspend | resume,
// quantity, features, requested_date} — as the portal's request page makes
// it (one app::PortalRequests::request call): the change order submitted
// for fulfilment, answered 201 with the order. Another customer's asset is
// 404 exactly as an unknown one.
#include "web/api/portal/portal_requests_api.h"

#include <memory>

#include <boost/json.hpp>

#include "app/portal/portal_requests.h"
#include "web/api/catalog/catalog_api_json.h"
#include "web/api/json_io.h"
#include "web/api/portal/portal_quantity_json.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

// The body as typed; faults in `errors`.
app::AssetRequest asset_request_of(const boost::json::object& body, FieldErrors& errors) {
  app::AssetRequest r;
  if (auto v = get_code<domain::AssetChange>(body, "change", errors))
    r.change = *v;
  else if (!get_member(body, "change"))
    errors.add(Error::invalid("field.required", "change"));
  r.quantity = portal_quantity_of(body, "quantity", app::EmptyQuantity::keep, errors);
  if (const auto* a = get_array(body, "features", errors))
    r.features = features_of(*a, errors, "features");
  if (auto v = get_date(body, "requested_date", errors)) r.requested_date = *v;
  return r;
}

Response post_asset_request(Request& req, WebContext& ctx, app::PortalRequests& requests) {
  auto id = id_param<domain::Asset>(req, "asset");
  if (!id) return problem(req, ctx.catalog, Error::not_found("asset.not_found"));
  // Whose asset it is first: a body is read only for one's own.
  if (auto v = requests.asset(*req.user, *id); !v) return problem(req, ctx.catalog, v.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto r = asset_request_of(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto order = requests.request(*req.user, *id, r, &errors);
  if (!order) return problem(req, ctx.catalog, order.error(), &errors);
  Response res = json_ok(201, sales_order_to_json(*order));
  res.set_header("Location", "/api/v1/portal/orders/" + std::to_string(order->id.value));
  return res;
}

}  // namespace

void register_portal_requests_api(Router& router, WebContext& ctx) {
  auto requests = std::make_shared<app::PortalRequests>(ctx.db, ctx.clock);
  router.post("/api/v1/portal/assets/{asset}/requests", Access::customer,
              [&ctx, requests](Request& r) { return post_asset_request(r, ctx, *requests); });
}

}  // namespace rapport::web::api
