// /api/v1/customers/{id}/price-lists: the price list of a customer and of
// each account it bills (null: the default list prices its orders). A PUT
// gives the customer, or one account ("account": its number), its own
// list or sends it back to the default; it names the version read of the
// customer or the account, and answers as GET does.
#include <boost/json.hpp>

#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace customer_price_list_routes {

namespace json = boost::json;

json::value list_ref(const std::optional<Id<domain::PriceList>>& id,
                     const std::vector<domain::PriceList>& lists) {
  if (!id) return nullptr;
  for (const auto& l : lists)
    if (l.id == *id)
      return json::object{{"id", l.id.value}, {"code", l.code}, {"currency", l.currency}};
  return json::object{{"id", id->value}, {"code", ""}, {"currency", ""}};
}

json::object customer_lists_json(const app::CustomerPriceLists& v) {
  json::array accounts;
  for (std::size_t i = 1; i < v.holders.size(); ++i) {
    const auto& h = v.holders[i];
    accounts.push_back({{"number", h.number},
                        {"currency", h.currency},
                        {"price_list", list_ref(h.list, v.lists)},
                        {"version", h.version}});
  }
  const auto& c = v.holders.front();
  return {{"customer", v.customer.value},
          {"price_list", list_ref(c.list, v.lists)},
          {"version", c.version},
          {"accounts", std::move(accounts)},
          {"default_price_list", v.default_list ? list_ref(v.default_list->id, v.lists) : nullptr}};
}

Response get_lists(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto v = ctx.products.customer_price_lists(*req.user, *id);
  if (!v) return problem(req, ctx.catalog, v.error());
  return json_ok(200, customer_lists_json(*v));
}

Response put_lists(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  std::optional<Id<domain::PriceList>> list;
  if (!is_null_member(*body, "price_list")) {
    auto lid = get_id(*body, "price_list", errors);
    if (lid)
      list = Id<domain::PriceList>{*lid};
    else if (errors.empty())
      errors.add(Error::invalid("field.required", "price_list"));
  }
  const std::string account = get_string(*body, "account", errors).value_or("");
  auto version = get_version(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.products.assign_price_list(*req.user, *id, account, list, version.value_or(0));
  if (!saved) return problem(req, ctx.catalog, saved.error());
  return json_ok(200, customer_lists_json(*saved));
}

}  // namespace customer_price_list_routes

void register_customer_price_list_api(Router& router, WebContext& ctx) {
  const std::string path = "/api/v1/customers/{id}/price-lists";
  router.get(path, Access::staff,
             [&ctx](Request& r) { return customer_price_list_routes::get_lists(r, ctx); });
  router.add("PUT", path, Access::staff,
             [&ctx](Request& r) { return customer_price_list_routes::put_lists(r, ctx); });
}

}  // namespace rapport::web::api
