// The sales order pages (quotes-orders-assets.md, "Sales order"): the list,
// a new order for a customer, and the order page with its forms — header,
// lines (product by code or name, quantity, discount), submit and cancel.
// Every action is one app::SalesOrderDesk call; a refusal comes back on the
// order page with the typed values and the errors beside their fields.
#include <boost/json.hpp>

#include "app/access.h"
#include "app/catalog/typed_quantity.h"
#include "domain/catalog/pricing.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_values.h"
#include "web/ui/form_view.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"
#include "web/ui/sales/sales_order_page.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::SalesOrder;
using domain::SalesOrderStatus;

constexpr int kSalesListSize = 50;

// The success message a redirect names (?done=…), known keys only.
std::string sales_done_text(const Request& req, const WebContext& ctx) {
  const std::string& done = req.query_value("done");
  for (const char* known : {"created", "line_added", "line_changed", "line_removed", "header_saved",
                            "submitted", "canceled", "line_completed", "line_failed"})
    if (done == known) return text(req, ctx, std::string("sales_order.done.") + known);
  return {};
}

Response sales_order_page(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = ctx.sales.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  json::object d;
  if (auto done = sales_done_text(req, ctx); !done.empty()) d["alert_success"] = done;
  return render_sales_order(req, ctx, 200, *view, order_entry_of(req, ctx, view->order),
                            std::move(d));
}

// The order page again after a refusal: the stored order, the typed forms,
// the errors beside their fields (stale: the conflict message above).
Response sales_refused(Request& req, WebContext& ctx, Id<SalesOrder> id, const Error& error,
                       const FieldErrors& errors, const SalesOrderForms& forms) {
  if (error.code != ErrorCode::invalid_input && error.code != ErrorCode::conflict)
    return error_page(req, ctx, error);
  auto view = ctx.sales.view(*req.user, id);
  if (!view) return error_page(req, ctx, view.error());
  json::object d;
  if (!errors.empty())
    add_form_errors(d, req, ctx.catalog, errors);
  else
    add_form_error(d, req, ctx.catalog, error);
  return render_sales_order(req, ctx, http_status(error.code), *view,
                            order_entry_of(req, ctx, view->order), std::move(d), &forms);
}

// Back to the order page after an action. No fragment after a line is
// added: browsers skip autofocus on a URL with one, and the product field
// must have the focus for the next line.
Response sales_done(Request& req, WebContext& ctx, const SalesOrder& o, const char* done,
                    const char* anchor = "") {
  auto entry = order_entry_of(req, ctx, o);
  std::string href = sales_order_href(o.id.value, entry);
  href += (entry ? "&done=" : "?done=") + std::string(done) + anchor;
  return redirect(req, href);
}

// The line form's quantity (thousandths) and discount (minor units), or
// their errors on the fields.
struct TypedLine {
  std::int64_t quantity = 0;
  std::int64_t discount = 0;
};
std::optional<TypedLine> read_sales_line(const Request& req, const std::string& currency,
                                         FieldErrors& errors) {
  TypedLine out;
  out.quantity =
      app::read_typed_quantity(req.form_value("quantity"), req.language, "quantity", errors)
          .value_or(0);
  out.discount = app::read_typed_discount(req.form_value("discount"), currency, req.language,
                                          "discount", errors);
  if (!errors.empty()) return std::nullopt;
  return out;
}

SalesOrderForms typed_line_forms(const Request& req) {
  SalesOrderForms f;
  f.product = req.form_value("product");
  f.quantity = req.form_value("quantity");
  f.discount = req.form_value("discount");
  return f;
}

Response add_sales_line(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = ctx.sales.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  const SalesOrderForms forms = typed_line_forms(req);
  FieldErrors errors;
  if (forms.product.empty()) errors.add(Error::invalid("field.required", "product"));
  auto typed = read_sales_line(req, view->order.currency, errors);
  if (!errors.empty()) return sales_refused(req, ctx, *id, errors.errors.front(), errors, forms);
  app::LineInput line;
  line.product_code = forms.product;
  line.quantity = typed->quantity;
  line.discount = typed->discount;
  auto added = ctx.sales.add_line(*req.user, *id, form_int(req, "version", 0), line, &errors);
  if (!added) return sales_refused(req, ctx, *id, added.error(), errors, forms);
  return sales_done(req, ctx, *added, "line_added");
}

Response change_sales_line(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  auto line = id_param<domain::SalesOrderLine>(req, "line");
  if (!id || !line) return error_page(req, ctx, 404);
  auto view = ctx.sales.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  FieldErrors errors;
  auto typed = read_sales_line(req, view->order.currency, errors);
  if (!typed) return sales_refused(req, ctx, *id, errors.errors.front(), errors, {});
  auto changed = ctx.sales.change_line(*req.user, *id, form_int(req, "version", 0), *line,
                                       typed->quantity, typed->discount, &errors);
  if (!changed) return sales_refused(req, ctx, *id, changed.error(), errors, {});
  return sales_done(req, ctx, *changed, "line_changed", "#lines");
}

Response remove_sales_line(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  auto line = id_param<domain::SalesOrderLine>(req, "line");
  if (!id || !line) return error_page(req, ctx, 404);
  auto removed = ctx.sales.remove_line(*req.user, *id, form_int(req, "version", 0), *line);
  if (!removed) return sales_refused(req, ctx, *id, removed.error(), {}, {});
  return sales_done(req, ctx, *removed, "line_removed", "#lines");
}

// The header form over the stored header; the date and the address as typed.
app::SalesOrderHeader read_sales_header(const Request& req, app::SalesOrderHeader h,
                                        FieldErrors& errors) {
  const std::string& delivery = req.form_value("requested_delivery");
  if (delivery.empty()) {
    h.requested_delivery.reset();
  } else if (auto day = parse_date(delivery)) {
    h.requested_delivery = *day;
  } else {
    errors.add(Error::invalid("field.date_invalid", "requested_delivery"));
  }
  h.departure = req.form_value("departure");
  h.notes = req.form_value("notes");
  domain::PostalAddress a;
  a.line1 = req.form_value("ship_to.line1");
  a.line2 = req.form_value("ship_to.line2");
  a.postal_code = req.form_value("ship_to.postal_code");
  a.city = req.form_value("ship_to.city");
  a.region = req.form_value("ship_to.region");
  a.country = req.form_value("ship_to.country");
  h.ship_to = a;
  return h;
}

Response save_sales_header(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = ctx.sales.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  FieldErrors errors;
  SalesOrderForms forms;
  forms.header = read_sales_header(req, app::header_of(view->order), errors);
  forms.requested_delivery = req.form_value("requested_delivery");
  if (!errors.empty()) return sales_refused(req, ctx, *id, errors.errors.front(), errors, forms);
  auto saved =
      ctx.sales.update_header(*req.user, *id, form_int(req, "version", 0), *forms.header, &errors);
  if (!saved) return sales_refused(req, ctx, *id, saved.error(), errors, forms);
  return sales_done(req, ctx, *saved, "header_saved");
}

Response submit_sales_order(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  FieldErrors errors;
  auto submitted = ctx.sales.submit(*req.user, *id, form_int(req, "version", 0), &errors);
  if (!submitted) return sales_refused(req, ctx, *id, submitted.error(), errors, {});
  return sales_done(req, ctx, *submitted, "submitted");
}

Response cancel_sales_order(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  auto canceled = ctx.sales.cancel(*req.user, *id, form_int(req, "version", 0));
  if (!canceled) return sales_refused(req, ctx, *id, canceled.error(), {}, {});
  return sales_done(req, ctx, *canceled, "canceled");
}

// The datalist of the line form: orderable products whose code or name
// holds the typed words, by code.
Response sales_product_options(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  store::ProductFilter f;
  f.text = req.query_value("product");
  f.orderable_only = true;
  f.limit = 20;
  auto found = ctx.products.search(*req.user, f);
  if (!found) return html_response(200, "");
  std::string out;
  for (const auto& p : *found) {
    out += "<option value=\"" + html_escape(p.code) + "\">" +
           html_escape(domain::product_name(p, req.language)) + "</option>";
  }
  return html_response(200, out);
}

// ?status=, ?customer=: newest first.
Response sales_order_list(Request& req, WebContext& ctx) {
  store::SalesOrderFilter f;
  json::object d;
  const std::string& status = req.query_value("status");
  if (!status.empty()) {
    f.status = enum_from_code<SalesOrderStatus>(status);
    if (!f.status)
      add_form_error(d, req, ctx.catalog, Error::invalid("field.choice_invalid", "status"));
  }
  if (auto customer = positive_int(req.query_value("customer"))) f.customer = *customer;
  f.limit = kSalesListSize + 1;
  if (auto offset = positive_int(req.query_value("offset")); offset && *offset < 1'000'000)
    f.offset = static_cast<int>(*offset);
  auto orders = ctx.sales.list(*req.user, f);
  if (!orders) return error_page(req, ctx, orders.error());
  const bool more = static_cast<int>(orders->size()) > kSalesListSize;
  if (more) orders->resize(kSalesListSize);
  auto names = ctx.sales.customer_names(*req.user, *orders);
  if (!names) return error_page(req, ctx, names.error());
  json::array rows;
  for (const auto& o : *orders) {
    auto totals = domain::totals_of(o);
    json::object r{
        {"id", o.id.value},
        {"number", o.number},
        {"customer_id", o.customer},
        {"customer_name", (*names)[o.customer]},
        {"requested_delivery", o.requested_delivery
                                   ? i18n::format_civil_date(req.language, *o.requested_delivery)
                                   : std::string()},
        {"departure", o.departure},
        {"lines", o.lines.size()},
        {"total", totals && is_known_currency(o.currency)
                      ? i18n::format_money(req.language, Money{totals->gross, o.currency})
                      : std::string()}};
    add_sales_order_status(r, req, ctx, o.status);
    rows.push_back(std::move(r));
  }
  json::array statuses;
  for (auto s : {SalesOrderStatus::pending, SalesOrderStatus::open, SalesOrderStatus::complete,
                 SalesOrderStatus::canceled})
    statuses.push_back({{"code", std::string(enum_code(s))},
                        {"label", code_label(req, ctx, "sales_order.status", enum_code(s))},
                        {"selected", f.status == s}});
  d["statuses"] = std::move(statuses);
  d["customer"] = req.query_value("customer");
  d["has_rows"] = !rows.empty();
  d["rows"] = std::move(rows);
  if (more) {
    std::string next = "/sales-orders?offset=" + std::to_string(f.offset + kSalesListSize);
    if (!status.empty()) next += "&status=" + url_encode(status);
    if (f.customer) next += "&customer=" + std::to_string(*f.customer);
    d["next_href"] = next;
  }
  return html_response(200, ctx.views.page(req, "sales_orders", std::move(d),
                                           text(req, ctx, "sales_order.list_title")));
}

// A new order for a customer: the header's first values; creating it opens
// the order page on its line form.
Response new_sales_order(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.query_value("customer"));
  if (!customer) return error_page(req, ctx, 404);
  auto c = ctx.customers.view(*req.user, Id<domain::Customer>{*customer});
  if (!c) return error_page(req, ctx, c.error());
  json::object d{{"customer_id", *customer},
                 {"customer_name", c->customer.display_name()},
                 {"csrf_token", req.csrf_token},
                 {"requested_delivery", ""},
                 {"departure", ""},
                 {"notes", ""}};
  return html_response(200, ctx.views.page(req, "sales_order_new", std::move(d),
                                           text(req, ctx, "sales_order.new_title")));
}

Response create_sales_order(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.form_value("customer"));
  if (!customer) return error_page(req, ctx, 404);
  FieldErrors errors;
  app::SalesOrderHeader h;
  h.customer = *customer;
  const std::string& delivery = req.form_value("requested_delivery");
  if (!delivery.empty()) {
    if (auto day = parse_date(delivery))
      h.requested_delivery = *day;
    else
      errors.add(Error::invalid("field.date_invalid", "requested_delivery"));
  }
  h.departure = req.form_value("departure");
  h.notes = req.form_value("notes");
  std::optional<Result<SalesOrder>> created;
  if (errors.empty()) created = ctx.sales.create(*req.user, h, &errors);
  if (created && *created) return sales_done(req, ctx, **created, "created");
  const Error error = created ? (*created).error() : errors.errors.front();
  if (error.code != ErrorCode::invalid_input) return error_page(req, ctx, error);
  auto c = ctx.customers.view(*req.user, Id<domain::Customer>{*customer});
  if (!c) return error_page(req, ctx, c.error());
  json::object d{{"customer_id", *customer},     {"customer_name", c->customer.display_name()},
                 {"csrf_token", req.csrf_token}, {"requested_delivery", delivery},
                 {"departure", h.departure},     {"notes", h.notes}};
  if (!errors.empty())
    add_form_errors(d, req, ctx.catalog, errors);
  else
    add_form_error(d, req, ctx.catalog, error);
  return html_response(422, ctx.views.page(req, "sales_order_new", std::move(d),
                                           text(req, ctx, "sales_order.new_title")));
}

}  // namespace

void register_sales_order_pages(Router& router, WebContext& ctx) {
  router.get("/sales-orders", Access::staff,
             [&ctx](Request& r) { return sales_order_list(r, ctx); });
  router.get("/sales-orders/new", Access::staff,
             [&ctx](Request& r) { return new_sales_order(r, ctx); });
  router.post("/sales-orders", Access::staff,
              [&ctx](Request& r) { return create_sales_order(r, ctx); });
  router.get("/sales-orders/{id}", Access::staff,
             [&ctx](Request& r) { return sales_order_page(r, ctx); });
  router.get("/sales-orders/{id}/products", Access::staff,
             [&ctx](Request& r) { return sales_product_options(r, ctx); });
  router.post("/sales-orders/{id}/header", Access::staff,
              [&ctx](Request& r) { return save_sales_header(r, ctx); });
  router.post("/sales-orders/{id}/lines", Access::staff,
              [&ctx](Request& r) { return add_sales_line(r, ctx); });
  router.post("/sales-orders/{id}/lines/{line}", Access::staff,
              [&ctx](Request& r) { return change_sales_line(r, ctx); });
  router.post("/sales-orders/{id}/lines/{line}/remove", Access::staff,
              [&ctx](Request& r) { return remove_sales_line(r, ctx); });
  router.post("/sales-orders/{id}/submit", Access::staff,
              [&ctx](Request& r) { return submit_sales_order(r, ctx); });
  router.post("/sales-orders/{id}/cancel", Access::staff,
              [&ctx](Request& r) { return cancel_sales_order(r, ctx); });
  register_fulfilment_pages(router, ctx);
  register_change_order_pages(router, ctx);
  register_contact_order_pages(router, ctx);
}

}  // namespace rapport::web::ui
