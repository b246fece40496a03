// The quote pages (quotes-orders-assets.md, "Quote", "Quote → sales
// order"): a new quote from the customer's 360° view, and the quote page —
// header, keyboard-fast line entry, totals with VAT per rate, Verify's
// problems, revise, accept, reject, and convert with the change report to
// confirm. Every action is one app::QuoteDesk call; a refusal comes back on
// the quote page with the typed values and the errors beside their fields.
#include <algorithm>

#include <boost/json.hpp>

#include "app/access.h"
#include "app/catalog/typed_price.h"
#include "app/catalog/typed_quantity.h"
#include "app/quotes/quote_desk.h"
#include "domain/catalog/pricing.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_values.h"
#include "web/ui/form_view.h"
#include "web/ui/page_text.h"
#include "web/ui/quotes/sending_view_data.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::Quote;
using domain::QuoteState;

app::QuoteDesk quote_desk_of(WebContext& ctx) { return app::QuoteDesk(ctx.db, ctx.clock); }

std::string quote_money(const Request& req, std::int64_t minor, const std::string& currency) {
  if (!is_known_currency(currency)) return std::to_string(minor) + " " + currency;
  return i18n::format_money(req.language, Money{minor, currency});
}

// A form of the quote page as posted, so the page comes back filled.
struct QuoteForms {
  std::string product, quantity, discount;
  std::optional<std::string> valid_until, notes;
  bool verified = false;  // Verify was asked: its problems (or none) are shown
  FieldErrors problems;
};

// The success message a redirect names (?done=…), known keys only.
std::string quote_done_text(const Request& req, const WebContext& ctx) {
  const std::string& done = req.query_value("done");
  for (const char* known : {"created", "line_added", "line_changed", "line_removed", "header_saved",
                            "revised", "accepted", "rejected", "sent", "letter_queued", "retried"})
    if (done == known) return text(req, ctx, std::string("quote.done.") + known);
  return {};
}

void add_quote_state(json::object& o, const Request& req, const WebContext& ctx, QuoteState s) {
  o["state_code"] = std::string(enum_code(s));
  o["state_label"] = code_label(req, ctx, "quote.state", enum_code(s));
  switch (s) {
    case QuoteState::accepted:
      o["state_class"] = "badge badge-ok";
      break;
    case QuoteState::rejected:
      o["state_class"] = "badge badge-off";
      break;
    case QuoteState::expired:
      o["state_class"] = "badge badge-error";
      break;
    case QuoteState::sent:
      o["state_class"] = "badge badge-info";
      break;
    case QuoteState::draft:
      o["state_class"] = "badge badge-warn";
      break;
  }
}

// "12,50 €" for a price change's minor units, "yes"/"no" for orderable,
// "5.5 %" for a VAT rate, the feature text as it is.
std::string change_value_text(const Request& req, const WebContext& ctx,
                              const domain::QuoteChange& c, const std::string& value,
                              const std::string& currency) {
  if (value.empty()) return text(req, ctx, "quote.change.none");
  switch (c.kind) {
    case domain::QuoteChangeKind::orderable:
      return text(req, ctx,
                  value == "yes" ? "quote.change.orderable_yes" : "quote.change.orderable_no");
    case domain::QuoteChangeKind::price:
      return quote_money(req, std::stoll(value), currency);
    case domain::QuoteChangeKind::vat_rate:
      return value + "\u00a0%";
    case domain::QuoteChangeKind::feature:
      break;
  }
  return value;
}

void add_conversion(json::object& d, Request& req, WebContext& ctx, const app::QuoteView& v,
                    const app::ConversionPreview* given) {
  std::optional<app::ConversionPreview> preview;
  if (given) {
    preview = *given;
  } else {
    auto found = quote_desk_of(ctx).preview_conversion(*req.user, v.quote.id);
    if (!found) return;
    preview = std::move(*found);
  }
  d["can_convert"] = true;
  d["fingerprint"] = preview->fingerprint;
  d["has_changes"] = !preview->changes.empty();
  json::array rows;
  for (const auto& c : preview->changes)
    rows.push_back({{"line_number", c.line_number},
                    {"code", c.product_code},
                    {"kind", code_label(req, ctx, "quote.change", enum_code(c.kind))},
                    {"old", change_value_text(req, ctx, c, c.old_value, v.quote.currency)},
                    {"new", change_value_text(req, ctx, c, c.new_value, v.quote.currency)}});
  d["changes"] = std::move(rows);
}

Response render_quote(Request& req, WebContext& ctx, int status, const app::QuoteView& v,
                      json::object d, const QuoteForms* forms = nullptr,
                      const app::ConversionPreview* report = nullptr) {
  const Quote& q = v.quote;
  const Language lang = req.language;
  const std::string mine = user_zone(req);
  const bool editable =
      domain::may_edit(q) && app::allowed(*req.user, app::Capability::take_orders);
  d["id"] = q.id.value;
  d["quote_id"] = q.id.value;
  d["number"] = q.number;
  d["revision"] = q.revision;
  d["active"] = q.active;
  d["version"] = q.version;
  d["csrf_token"] = req.csrf_token;
  d["customer_id"] = q.customer;
  d["customer_name"] = v.customer.display_name();
  d["address"] = one_line(v.customer.address);
  if (v.account) d["account"] = v.account->number;
  if (v.contact) d["contact"] = v.contact->given_name + " " + v.contact->family_name;
  d["currency"] = q.currency;
  d["price_list"] = v.price_list.code + " · " + domain::price_list_name(v.price_list, lang);
  add_quote_state(d, req, ctx, v.state);
  d["valid_until"] = i18n::format_civil_date(lang, q.valid_until);
  d["notes"] = q.notes;
  d["created_at"] = i18n::format_date_time(lang, q.created_at, mine);
  if (q.sent_at) {
    d["sent_at"] = i18n::format_date_time(lang, *q.sent_at, mine);
    if (q.sent_channel)
      d["sent_channel"] = code_label(req, ctx, "quote.channel", enum_code(*q.sent_channel));
  }
  if (q.decided_at) d["decided_at"] = i18n::format_date_time(lang, *q.decided_at, mine);
  if (q.acceptance) {
    d["accepted_by"] = q.acceptance->name;
    d["accepted_from"] = q.acceptance->address;
  }
  d["origin_web"] = q.origin == domain::QuoteOrigin::web;
  if (q.sales_order) {
    d["order_id"] = *q.sales_order;
    d["order_number"] = v.order_number.value_or(std::to_string(*q.sales_order));
  }
  d["can_edit"] = editable;
  const bool takes = app::allowed(*req.user, app::Capability::take_orders);
  d["can_decide"] =
      takes && q.active && q.status == domain::QuoteStatus::sent && v.state != QuoteState::expired;
  d["can_revise"] = takes && q.active && !q.sales_order &&
                    (q.status != domain::QuoteStatus::draft || v.state == QuoteState::expired);
  d["can_verify"] = takes && q.active && !q.sales_order;
  if (takes && domain::check_convertible(q)) add_conversion(d, req, ctx, v, report);

  json::array revisions;
  for (const auto& r : v.revisions)
    revisions.push_back({{"id", r.id.value},
                         {"revision", r.revision},
                         {"active", r.active},
                         {"current", r.id == q.id},
                         {"status", code_label(req, ctx, "quote.state", enum_code(r.status))}});
  add_quote_sendings(d, req, ctx, q);
  d["has_revisions"] = revisions.size() > 1;
  d["revisions"] = std::move(revisions);

  json::array lines;
  for (const auto& line : q.lines) {
    auto it = std::find_if(v.products.begin(), v.products.end(),
                           [&](const auto& p) { return p.id == line.product; });
    const domain::Product* product = it == v.products.end() ? nullptr : &*it;
    auto net = domain::line_net(domain::priced(line));
    std::string features;
    for (const auto& f : line.features)
      features += (features.empty() ? "" : " · ") + f.name + ": " + f.value;
    lines.push_back(
        {{"id", line.id.value},
         {"quote_id", q.id.value},
         {"line_number", line.line_number},
         {"code", line.product_code},
         {"product", product ? domain::product_name(*product, lang) : line.product_code},
         {"unit", product ? text(req, ctx, "product.unit." + product->unit) : std::string()},
         {"features", features},
         {"action", line.action == domain::LineAction::add
                        ? std::string()
                        : code_label(req, ctx, "quote.action", enum_code(line.action))},
         {"action_code", enum_code(line.action)},
         {"asset_id", line.asset ? *line.asset : 0},
         {"asset_number", line.asset && v.asset_numbers.count(*line.asset)
                              ? v.asset_numbers.at(*line.asset)
                              : std::string()},
         {"target_status",
          line.target_status ? code_label(req, ctx, "asset.status", enum_code(*line.target_status))
                             : std::string()},
         {"quantity", i18n::format_decimal(lang, line.quantity, 3)},
         {"quantity_input", domain::quantity_text(line.quantity)},
         {"unit_price", quote_money(req, line.unit_price, q.currency)},
         {"discount", line.discount ? quote_money(req, line.discount, q.currency) : ""},
         {"discount_input",
          line.discount ? app::price_text(line.discount, q.currency, lang) : std::string()},
         {"net", net ? quote_money(req, *net, q.currency) : ""},
         {"vat_rate", domain::vat_rate_text(line.vat_rate) + "\u00a0%"},
         {"editable", editable && line.action != domain::LineAction::remove &&
                          line.action != domain::LineAction::none},
         {"removable", editable}});
  }
  d["has_lines"] = !lines.empty();
  d["line_count"] = lines.size();
  d["lines"] = std::move(lines);
  d["total_net"] = quote_money(req, v.totals.net, q.currency);
  d["total_gross"] = quote_money(req, v.totals.gross, q.currency);
  json::array vat;
  for (const auto& rate : v.totals.vat)
    vat.push_back({{"rate", domain::vat_rate_text(rate.rate) + "\u00a0%"},
                   {"base", quote_money(req, rate.base, q.currency)},
                   {"vat", quote_money(req, rate.vat, q.currency)}});
  d["vat_rows"] = std::move(vat);

  d["line_product"] = forms ? forms->product : std::string();
  d["line_quantity"] =
      forms && !forms->quantity.empty() ? forms->quantity : app::default_quantity_text();
  d["line_discount"] = forms ? forms->discount : std::string();
  d["h_valid_until"] =
      forms && forms->valid_until ? *forms->valid_until : format_date(q.valid_until);
  d["h_notes"] = forms && forms->notes ? *forms->notes : q.notes;
  json::array account_choices, contact_choices;
  for (const auto& a : v.accounts)
    account_choices.push_back({{"id", a.id.value},
                               {"label", a.number + " · " + a.currency},
                               {"selected", q.account && *q.account == a.id.value}});
  for (const auto& c : v.contacts)
    contact_choices.push_back(
        {{"id", c.id.value},
         {"label", c.given_name + " " + c.family_name + (c.email.empty() ? "" : " · " + c.email)},
         {"selected", q.contact && *q.contact == c.id.value}});
  d["has_account_choices"] = !account_choices.empty();
  d["account_choices"] = std::move(account_choices);
  d["has_contact_choices"] = !contact_choices.empty();
  d["contact_choices"] = std::move(contact_choices);
  d["header_open"] = forms && forms->valid_until.has_value();
  if (forms && forms->verified) {
    d["verified"] = true;
    d["verify_ok"] = forms->problems.empty();
    json::array problems;
    std::vector<std::string> seen;
    for (const auto& e : forms->problems.errors) {
      std::string message = localized_message(req, ctx.catalog, e);
      if (std::find(seen.begin(), seen.end(), message) != seen.end()) continue;
      seen.push_back(message);
      problems.push_back(json::object{{"message", std::move(message)}});
    }
    d["problems"] = std::move(problems);
  }
  return html_response(status, ctx.views.page(req, "quote", std::move(d),
                                              q.number + " · " + std::to_string(q.revision)));
}

Response quote_page(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = quote_desk_of(ctx).view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  json::object d;
  if (auto done = quote_done_text(req, ctx); !done.empty()) d["alert_success"] = done;
  return render_quote(req, ctx, 200, *view, std::move(d));
}

// The quote page again after a refusal: the typed forms and the errors
// beside their fields (stale: the conflict message above).
Response quote_refused(Request& req, WebContext& ctx, Id<Quote> id, const Error& error,
                       const FieldErrors& errors, const QuoteForms& forms,
                       const app::ConversionPreview* report = nullptr) {
  if (error.code != ErrorCode::invalid_input && error.code != ErrorCode::conflict)
    return error_page(req, ctx, error);
  auto view = quote_desk_of(ctx).view(*req.user, id);
  if (!view) return error_page(req, ctx, view.error());
  json::object d;
  if (!errors.empty())
    add_form_errors(d, req, ctx.catalog, errors);
  else
    add_form_error(d, req, ctx.catalog, error);
  return render_quote(req, ctx, http_status(error.code), *view, std::move(d), &forms, report);
}

Response quote_done(Request& req, const Quote& q, const char* done, const char* anchor = "") {
  return redirect(req,
                  "/quotes/" + std::to_string(q.id.value) + "?done=" + std::string(done) + anchor);
}

// The line form's quantity and discount as the user's language writes
// them, or their errors on the fields.
bool read_quote_line(const Request& req, const std::string& currency, std::int64_t& quantity,
                     std::int64_t& discount, FieldErrors& errors) {
  quantity = app::read_typed_quantity(req.form_value("quantity"), req.language, "quantity", errors)
                 .value_or(0);
  discount = app::read_typed_discount(req.form_value("discount"), currency, req.language,
                                      "discount", errors);
  return errors.empty();
}

Response add_quote_line(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = quote_desk_of(ctx).view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  QuoteForms forms;
  forms.product = req.form_value("product");
  forms.quantity = req.form_value("quantity");
  forms.discount = req.form_value("discount");
  FieldErrors errors;
  if (forms.product.empty()) errors.add(Error::invalid("field.required", "product"));
  app::QuoteLineInput line;
  line.product_code = forms.product;
  read_quote_line(req, view->quote.currency, line.quantity, line.discount, errors);
  if (!errors.empty()) return quote_refused(req, ctx, *id, errors.errors.front(), errors, forms);
  auto added =
      quote_desk_of(ctx).add_line(*req.user, *id, form_int(req, "version", 0), line, &errors);
  if (!added) return quote_refused(req, ctx, *id, added.error(), errors, forms);
  return quote_done(req, *added, "line_added");
}

Response change_quote_line(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  auto line = id_param<domain::QuoteLine>(req, "line");
  if (!id || !line) return error_page(req, ctx, 404);
  auto view = quote_desk_of(ctx).view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  FieldErrors errors;
  std::int64_t quantity = 0, discount = 0;
  if (!read_quote_line(req, view->quote.currency, quantity, discount, errors))
    return quote_refused(req, ctx, *id, errors.errors.front(), errors, {});
  auto changed = quote_desk_of(ctx).change_line(*req.user, *id, form_int(req, "version", 0), *line,
                                                quantity, discount, &errors);
  if (!changed) return quote_refused(req, ctx, *id, changed.error(), errors, {});
  return quote_done(req, *changed, "line_changed", "#lines");
}

Response remove_quote_line(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  auto line = id_param<domain::QuoteLine>(req, "line");
  if (!id || !line) return error_page(req, ctx, 404);
  auto removed = quote_desk_of(ctx).remove_line(*req.user, *id, form_int(req, "version", 0), *line);
  if (!removed) return quote_refused(req, ctx, *id, removed.error(), {}, {});
  return quote_done(req, *removed, "line_removed", "#lines");
}

Response save_quote_header(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = quote_desk_of(ctx).view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  QuoteForms forms;
  forms.valid_until = req.form_value("valid_until");
  forms.notes = req.form_value("notes");
  FieldErrors errors;
  auto h = app::quote_header_of(view->quote);
  if (auto day = parse_date(*forms.valid_until))
    h.valid_until = *day;
  else
    errors.add(Error::invalid("field.date_invalid", "valid_until"));
  h.notes = *forms.notes;
  // The account and the contact, when the form has their choice: empty is
  // none, an id is checked by the desk (one of the customer's).
  for (auto [name, target] : {std::pair{"account", &h.account}, std::pair{"contact", &h.contact}}) {
    const auto& form = req.form();
    if (std::none_of(form.begin(), form.end(), [&](const auto& f) { return f.first == name; }))
      continue;
    const int chosen = form_int(req, name, 0);
    *target = chosen > 0 ? std::optional<std::int64_t>(chosen) : std::nullopt;
  }
  if (!errors.empty()) return quote_refused(req, ctx, *id, errors.errors.front(), errors, forms);
  auto saved =
      quote_desk_of(ctx).update_header(*req.user, *id, form_int(req, "version", 0), h, &errors);
  if (!saved) return quote_refused(req, ctx, *id, saved.error(), errors, forms);
  return quote_done(req, *saved, "header_saved");
}

Response verify_quote(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  auto problems = quote_desk_of(ctx).verify(*req.user, *id);
  if (!problems) return error_page(req, ctx, problems.error());
  auto view = quote_desk_of(ctx).view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  QuoteForms forms;
  forms.verified = true;
  forms.problems = std::move(*problems);
  return render_quote(req, ctx, 200, *view, {}, &forms);
}

Response revise_quote(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  auto next = quote_desk_of(ctx).revise(*req.user, *id, form_int(req, "version", 0));
  if (!next) return quote_refused(req, ctx, *id, next.error(), {}, {});
  return quote_done(req, *next, "revised");
}

Response decide_quote(Request& req, WebContext& ctx, bool accepted) {
  auto id = id_param<Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  auto desk = quote_desk_of(ctx);
  const Version version = form_int(req, "version", 0);
  auto decided =
      accepted ? desk.accept(*req.user, *id, version) : desk.reject(*req.user, *id, version);
  if (!decided) return quote_refused(req, ctx, *id, decided.error(), {}, {});
  return quote_done(req, *decided, accepted ? "accepted" : "rejected");
}

// Convert: with a change report, "I have read the changes" must be ticked;
// the report's fingerprint travels with the form, so a report that changed
// since the page was shown is shown again to be confirmed.
Response convert_quote(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  const std::string fingerprint = req.form_value("fingerprint");
  if (!fingerprint.empty() && req.form_value("acknowledge") != "1")
    return quote_refused(req, ctx, *id, Error::invalid("quote.acknowledge_required", "acknowledge"),
                         {{Error::invalid("quote.acknowledge_required", "acknowledge")}}, {});
  app::ConversionPreview report;
  auto order =
      quote_desk_of(ctx).convert(*req.user, *id, form_int(req, "version", 0), fingerprint, &report);
  if (!order) {
    const bool changed = order.error().key == "quote.changes_to_acknowledge";
    return quote_refused(req, ctx, *id, order.error(), {}, {}, changed ? &report : nullptr);
  }
  return redirect(req, "/sales-orders/" + std::to_string(order->id.value) + "?done=created");
}

// A new quote for the customer (from the 360° view): made at once, the
// quote page opens on its line form.
Response create_quote(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.form_value("customer"));
  if (!customer) return error_page(req, ctx, 404);
  app::QuoteHeader h;
  h.customer = *customer;
  FieldErrors errors;
  auto created = quote_desk_of(ctx).create(*req.user, h, &errors);
  if (!created) {
    Error e = errors.empty() ? created.error() : errors.errors.front();
    return error_page(req, ctx, with_field_label(req, ctx.catalog, e));
  }
  return quote_done(req, *created, "created");
}

// The datalist of the line form: orderable products whose code or name
// holds the typed words, by code.
Response quote_product_options(Request& req, WebContext& ctx) {
  store::ProductFilter f;
  f.text = req.query_value("product");
  f.orderable_only = true;
  f.limit = 20;
  auto found = ctx.products.search(*req.user, f);
  if (!found) return html_response(200, "");
  std::string out;
  for (const auto& p : *found)
    out += "<option value=\"" + html_escape(p.code) + "\">" +
           html_escape(domain::product_name(p, req.language)) + "</option>";
  return html_response(200, out);
}

}  // namespace

Response quote_page_refused(Request& req, WebContext& ctx, Id<Quote> id, const Error& error,
                            const FieldErrors& errors) {
  return quote_refused(req, ctx, id, error, errors, {});
}

void register_quote_pages(Router& router, WebContext& ctx) {
  router.post("/quotes", Access::staff, [&ctx](Request& r) { return create_quote(r, ctx); });
  router.get("/quotes/{id}/products", Access::staff,
             [&ctx](Request& r) { return quote_product_options(r, ctx); });
  router.get("/quotes/{id}", Access::staff, [&ctx](Request& r) { return quote_page(r, ctx); });
  router.post("/quotes/{id}/header", Access::staff,
              [&ctx](Request& r) { return save_quote_header(r, ctx); });
  router.post("/quotes/{id}/lines", Access::staff,
              [&ctx](Request& r) { return add_quote_line(r, ctx); });
  router.post("/quotes/{id}/lines/{line}", Access::staff,
              [&ctx](Request& r) { return change_quote_line(r, ctx); });
  router.post("/quotes/{id}/lines/{line}/remove", Access::staff,
              [&ctx](Request& r) { return remove_quote_line(r, ctx); });
  router.post("/quotes/{id}/verify", Access::staff,
              [&ctx](Request& r) { return verify_quote(r, ctx); });
  router.post("/quotes/{id}/revise", Access::staff,
              [&ctx](Request& r) { return revise_quote(r, ctx); });
  router.post("/quotes/{id}/accept", Access::staff,
              [&ctx](Request& r) { return decide_quote(r, ctx, true); });
  router.post("/quotes/{id}/reject", Access::staff,
              [&ctx](Request& r) { return decide_quote(r, ctx, false); });
  router.post("/quotes/{id}/convert", Access::staff,
              [&ctx](Request& r) { return convert_quote(r, ctx); });
  register_sending_pages(router, ctx);
}

}  // namespace rapport::web::ui
