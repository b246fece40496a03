// web/ui/marketing/service_order_view_data.h: service orders as the CSR's pages show
// them (campaigns-and-orders.md, seed 000) — the link carrying Control
// Central's search text into a new order, status badges, order rows for lists, the home
// page's "Orders to follow up" and the 360° view's "Service orders", the
// order page itself and its eligibility tree.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "app/marketing/service_order_desk.h"
#include "domain/customers/search_prefill.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// "/service-orders/new?name=…&phone=…" with the non-empty parts.
std::string add_order_href(const domain::SearchPrefill& p);

// Sets status_code ("held"), status_label and status_class (the badge's classes).
void add_order_status(boost::json::object& o, const Request& req, const WebContext& ctx,
                      domain::OrderStatus s);
// An order in a list: id, number, href, prospect, campaign, package, status,
// created, remind date and hold reason.
boost::json::object order_row(const Request& req, const WebContext& ctx,
                              const store::ServiceOrderRow& r);
// The 360° view's "Service orders" section (has_service_orders, service_orders).
void add_customer_orders(boost::json::object& data, const Request& req, const WebContext& ctx,
                         std::int64_t customer);
// The home page's "Orders to follow up" (shows_to_do, has_to_do, to_do).
void add_orders_to_follow_up(boost::json::object& data, const Request& req, const WebContext& ctx);

// The order form as typed: the fields laid over `base` (the stored order, or
// the draft of a new one); date and id fields that do not parse are named
// in `errors`.
struct OrderForm {
  domain::ServiceOrder order;
  std::string typed_phone;
  std::string typed_date_of_birth;
  std::map<std::string, std::string> answers;  // by question code, as typed
  std::string form_token;                      // a new order's one-time token
  // The existing account and premise by business number, as typed or
  // picked (app::OrderInput resolves them).
  std::string account_number, premise_number;
};
OrderForm read_order_form(const Request& req, const domain::ServiceOrder& base,
                          const std::vector<domain::Question>& questions, FieldErrors& errors);

// The order page: `view` as stored (or the draft), with `typed` laid over it
// when a form comes back with errors. `data` may carry alerts and errors.
struct OrderPage {
  const app::OrderView* view = nullptr;
  const OrderForm* typed = nullptr;
  bool is_new = false;
  bool no_default_campaign = false;
  const app::EligibilityTree* tree = nullptr;  // shown under the form
  const std::string* new_query = nullptr;      // the prefill's query (new orders)
};
Response render_order_page(const Request& req, const WebContext& ctx, int status,
                           const OrderPage& page, boost::json::object data);

// The eligibility tree's data (tree_*), for the page and the htmx fragment.
boost::json::object eligibility_tree_data(const Request& req, const WebContext& ctx,
                                          const app::OrderView& view,
                                          const app::EligibilityTree& tree);

}  // namespace rapport::web::ui
