// The customer's quotes in the portal: the list, a quote with its PDF,
// accepting it (the typed name, the time and the client address kept),
// converting it to an order (repriced: the change report acknowledged
// first) and submitting that order — one app call each, the CSR desk's.
#include <memory>

#include <boost/json.hpp>

#include "app/portal/portal_cart.h"
#include "app/quotes/quote_desk.h"
#include "app/sales/sales_order_desk.h"
#include "core/enum_codes.h"
#include "web/portal/portal_cart_pages.h"
#include "web/portal/portal_pages.h"
#include "web/portal/portal_quote_data.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_values.h"
#include "web/ui/form_view.h"

namespace rapport::web::portal {
namespace {

namespace json = boost::json;
using app::PortalCartDesk;

std::string quote_text(const Request& req, const WebContext& ctx, std::string_view key) {
  return ctx.catalog.text(req.language, key);
}

Response show_quotes(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto quotes = desk.quotes(*req.user);
  if (!quotes) return ui::error_page(req, ctx, quotes.error());
  json::array rows;
  for (const auto& s : *quotes)
    rows.push_back(
        {{"id", s.quote.id.value},
         {"number", s.quote.number},
         {"revision", s.quote.revision},
         {"total", portal_money(req, s.totals.gross, s.quote.currency)},
         {"state_code", std::string(enum_code(s.state))},
         {"state_label", quote_text(req, ctx, "quote.state." + std::string(enum_code(s.state)))}});
  json::object d{{"has_quotes", !rows.empty()}, {"quotes", std::move(rows)}};
  return portal_page(req, ctx, 200, "portal/quotes", std::move(d),
                     quote_text(req, ctx, "portal.quotes"));
}

// The change report of converting `v` today, for the page.
void add_portal_conversion(json::object& d, const Request& req, const WebContext& ctx,
                           const app::QuoteView& v, const app::ConversionPreview& p) {
  d["can_convert"] = true;
  d["fingerprint"] = p.fingerprint;
  d["has_changes"] = !p.changes.empty();
  json::array rows;
  for (const auto& c : p.changes) {
    auto value = [&](const std::string& raw) -> std::string {
      if (raw.empty()) return quote_text(req, ctx, "quote.change.none");
      if (c.kind == domain::QuoteChangeKind::price)
        return portal_money(req, std::stoll(raw), v.quote.currency);
      if (c.kind == domain::QuoteChangeKind::orderable)
        return quote_text(
            req, ctx, raw == "yes" ? "quote.change.orderable_yes" : "quote.change.orderable_no");
      return raw;
    };
    rows.push_back(
        {{"line_number", c.line_number},
         {"code", c.product_code},
         {"kind", quote_text(req, ctx, "quote.change." + std::string(enum_code(c.kind)))},
         {"old", value(c.old_value)},
         {"new", value(c.new_value)}});
  }
  d["changes"] = std::move(rows);
}

// The order the quote became: its number, state, and Submit while pending.
void add_portal_order(json::object& d, Request& req, WebContext& ctx, std::int64_t order) {
  auto o = app::SalesOrderDesk(ctx.db, ctx.clock).view(*req.user, Id<domain::SalesOrder>{order});
  if (!o) return;
  d["order"] = json::object{
      {"id", order},
      {"number", o->order.number},
      {"version", o->order.version},
      {"status",
       quote_text(req, ctx, "sales_order.status." + std::string(enum_code(o->order.status)))},
      {"can_submit", o->order.status == domain::SalesOrderStatus::pending}};
}

Response render_quote(Request& req, WebContext& ctx, PortalCartDesk& desk, int status,
                      json::object d, const app::ConversionPreview* report = nullptr) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) return ui::error_page(req, ctx, 404);
  auto v = desk.quote(*req.user, *id);
  if (!v) return ui::error_page(req, ctx, v.error());
  json::object q = portal_quote_data(req, ctx, *v);
  for (auto& [key, value] : q) d[key] = value;
  d["can_accept"] = v->quote.active && v->quote.status == domain::QuoteStatus::sent &&
                    v->state != domain::QuoteState::expired;
  if (domain::check_convertible(v->quote)) {
    if (report) {
      add_portal_conversion(d, req, ctx, *v, *report);
    } else if (auto p = desk.preview_conversion(*req.user, *id)) {
      add_portal_conversion(d, req, ctx, *v, *p);
    }
  }
  if (v->quote.sales_order) add_portal_order(d, req, ctx, *v->quote.sales_order);
  const std::string& done = req.query_value("done");
  if (done == "saved" || done == "accepted" || done == "converted" || done == "submitted")
    d["alert_success"] = quote_text(req, ctx, "portal.quote_done." + done);
  return portal_page(req, ctx, status, "portal/quote", std::move(d),
                     v->quote.number + " · " + std::to_string(v->quote.revision));
}

Response show_quote(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  return render_quote(req, ctx, desk, 200, {});
}

Response quote_refused(Request& req, WebContext& ctx, PortalCartDesk& desk, const Error& e,
                       FieldErrors errors, const app::ConversionPreview* report = nullptr) {
  if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict)
    return ui::error_page(req, ctx, e);
  json::object d;
  if (errors.empty()) errors.add(e);
  ui::add_form_errors(d, req, ctx.catalog, errors);
  return render_quote(req, ctx, desk, http_status(e.code), std::move(d), report);
}

Response quote_pdf(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) return ui::error_page(req, ctx, 404);
  auto file = desk.quote_pdf(*req.user, *id);
  if (!file) return ui::error_page(req, ctx, file.error());
  Response r = text_response(200, std::move(file->pdf), "application/pdf");
  r.set_header("Content-Disposition", "attachment; filename=\"" + file->file_name + "\"");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

std::string quote_location(std::int64_t quote, const char* done) {
  return "/portal/quotes/" + std::to_string(quote) + "?done=" + done;
}

Response accept_quote(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) return ui::error_page(req, ctx, 404);
  domain::QuoteAcceptance acceptance{req.form_value("accepted_by"), req.client_address};
  auto accepted = desk.accept(*req.user, *id, ui::form_int(req, "version", 0), acceptance);
  if (!accepted) return quote_refused(req, ctx, desk, accepted.error(), {});
  return redirect(req, quote_location(id->value, "accepted"));
}

Response convert_quote(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) return ui::error_page(req, ctx, 404);
  const std::string fingerprint = req.form_value("fingerprint");
  if (!fingerprint.empty() && req.form_value("acknowledge") != "1") {
    const Error e = Error::invalid("quote.acknowledge_required", "acknowledge");
    return quote_refused(req, ctx, desk, e, {{e}});
  }
  app::ConversionPreview report;
  auto order = desk.convert(*req.user, *id, ui::form_int(req, "version", 0), fingerprint, &report);
  if (!order) {
    const bool changed = order.error().key == "quote.changes_to_acknowledge";
    return quote_refused(req, ctx, desk, order.error(), {}, changed ? &report : nullptr);
  }
  return redirect(req, quote_location(id->value, "converted"));
}

// Submit the order made from a quote; its problems come back on the quote.
Response submit_order(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto order = id_param<domain::SalesOrder>(req, "order");
  if (!order) return ui::error_page(req, ctx, Error::not_found("sales_order.not_found"));
  FieldErrors problems;
  auto submitted = desk.submit(*req.user, *order, ui::form_int(req, "version", 0), &problems);
  if (!submitted && submitted.error().code == ErrorCode::not_found)
    return ui::error_page(req, ctx, submitted.error());
  auto quote = app::QuoteDesk(ctx.db, ctx.clock).quote_of_order(*req.user, order->value);
  if (!quote || !*quote)
    return submitted ? redirect(req, "/portal") : ui::error_page(req, ctx, submitted.error());
  const std::int64_t quote_id = (*quote)->id.value;
  if (submitted) return redirect(req, quote_location(quote_id, "submitted"));
  req.params["quote"] = std::to_string(quote_id);
  return quote_refused(req, ctx, desk, submitted.error(), std::move(problems));
}

}  // namespace

void register_portal_quote_pages(Router& router, WebContext& ctx) {
  auto desk = std::make_shared<PortalCartDesk>(ctx.db, ctx.clock, ctx.catalog);
  router.get("/portal/quotes", Access::customer,
             [&ctx, desk](Request& r) { return show_quotes(r, ctx, *desk); });
  router.get("/portal/quotes/{quote}", Access::customer,
             [&ctx, desk](Request& r) { return show_quote(r, ctx, *desk); });
  router.get("/portal/quotes/{quote}/pdf", Access::customer,
             [&ctx, desk](Request& r) { return quote_pdf(r, ctx, *desk); });
  router.post("/portal/quotes/{quote}/acceptance", Access::customer,
              [&ctx, desk](Request& r) { return accept_quote(r, ctx, *desk); });
  router.post("/portal/quotes/{quote}/conversion", Access::customer,
              [&ctx, desk](Request& r) { return convert_quote(r, ctx, *desk); });
  router.post("/portal/orders/{order}/submission", Access::customer,
              [&ctx, desk](Request& r) { return submit_order(r, ctx, *desk); });
}

}  // namespace rapport::web::portal
