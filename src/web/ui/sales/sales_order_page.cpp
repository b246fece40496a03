#include "web/ui/sales/sales_order_page.h"

#include <algorithm>

#include <boost/json.hpp>

#include "app/access.h"
#include "app/catalog/typed_quantity.h"
#include "app/quotes/quote_desk.h"
#include "domain/catalog/pricing.h"
#include "i18n/format.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/page_text.h"

namespace rapport::web::ui {

std::string sales_money_text(const Request& req, std::int64_t minor, const std::string& currency) {
  if (!is_known_currency(currency)) return std::to_string(minor) + " " + currency;
  return i18n::format_money(req.language, Money{minor, currency});
}

namespace {

namespace json = boost::json;
using domain::SalesOrder;
using domain::SalesOrderStatus;

// An amount as an input holds it: "12.50", no grouping (parse_money reads it back).
std::string sales_amount_input(std::int64_t minor, const std::string& currency) {
  const int exponent = currency_exponent(currency).value_or(2);
  if (exponent == 0) return std::to_string(minor);
  std::int64_t scale = 1;
  for (int i = 0; i < exponent; ++i) scale *= 10;
  std::string fraction = std::to_string(scale + (minor < 0 ? -minor : minor) % scale).substr(1);
  return (minor < 0 ? "-" : "") + std::to_string((minor < 0 ? -minor : minor) / scale) + "." +
         fraction;
}

const domain::Product* sales_product_of(const app::SalesOrderView& v,
                                        const domain::SalesOrderLine& line) {
  auto it = std::find_if(v.products.begin(), v.products.end(),
                         [&](const auto& p) { return p.id == line.product; });
  return it == v.products.end() ? nullptr : &*it;
}

std::string sales_line_status_class(domain::LineStatus s) {
  switch (s) {
    case domain::LineStatus::complete:
      return "badge badge-ok";
    case domain::LineStatus::failed:
      return "badge badge-error";
    case domain::LineStatus::open:
      return "badge badge-info";
    case domain::LineStatus::pending:
      break;
  }
  return "badge";
}

// The header form: as typed when it came back with errors, else as stored.
void add_sales_header_form(json::object& d, const SalesOrder& o, const SalesOrderForms* forms) {
  const app::SalesOrderHeader* typed = forms && forms->header ? &*forms->header : nullptr;
  const domain::PostalAddress& a = typed && typed->ship_to ? *typed->ship_to : o.ship_to;
  d["h_requested_delivery"] =
      typed ? forms->requested_delivery
            : (o.requested_delivery ? format_date(*o.requested_delivery) : std::string());
  d["h_departure"] = typed ? typed->departure : o.departure;
  d["h_notes"] = typed ? typed->notes : o.notes;
  d["h_line1"] = a.line1;
  d["h_line2"] = a.line2;
  d["h_postal_code"] = a.postal_code;
  d["h_city"] = a.city;
  d["h_region"] = a.region;
  d["h_country"] = a.country;
  d["header_open"] = typed != nullptr;
}

// The closing of order entry: the contact statuses as buttons, the plan's
// default first in the eye (primary), the note and the call-back time.
void add_sales_closing(json::object& d, Request& req, WebContext& ctx, Id<domain::PlanEntry> entry,
                       const SalesOrderForms* forms) {
  auto start = ctx.contact_orders.start(*req.user, entry);
  if (!start) return;
  const auto& row = start->entry;
  const std::string zone = usable_zone(row.zone, user_zone(req));
  d["entry_id"] = entry.value;
  d["entry_version"] = row.entry.version;
  d["entry_customer"] = row.customer_name;
  d["entry_zone"] = zone;
  d["entry_plan"] = plan_title(req, row.plan_code, row.plan_name_en, row.plan_name_fr);
  d["callback_min"] = local_input_value(ctx.clock.now(), zone);
  json::array buttons;
  int key = 1;
  for (domain::ContactStatus s : kSettableStatuses) {
    json::object b{{"key", key++}};
    add_status(b, req, ctx, s);
    b["primary"] = s == start->proposed_status;
    b["chosen"] = forms && forms->closing_status == domain::to_number(s);
    buttons.push_back(std::move(b));
  }
  d["closing_buttons"] = std::move(buttons);
  if (forms) {
    d["closing_note"] = forms->closing_note;
    d["closing_callback_at"] = forms->closing_callback_at;
    if (forms->confirm_delete) {
      auto chosen = domain::contact_status_from(forms->closing_status);
      d["confirm_delete"] = true;
      d["confirm_status"] = forms->closing_status;
      d["confirm_delete_text"] =
          text(req, ctx, "sales_order.confirm_delete_empty",
               {{"number", start->taken ? start->taken->number : std::string()},
                {"status", chosen ? status_label(req, ctx, *chosen) : std::string()}});
    }
  }
}

}  // namespace

json::array sales_line_rows(const Request& req, const WebContext& ctx, const app::SalesOrderView& v,
                            bool editable, bool fulfillable) {
  const auto& o = v.order;
  json::array rows;
  for (const auto& line : o.lines) {
    const auto* product = sales_product_of(v, line);
    auto net = domain::line_net(domain::priced(line));
    const std::string unit =
        product ? text(req, ctx, "product.unit." + product->unit) : std::string();
    json::object r{
        {"id", line.id.value},
        {"line_number", line.line_number},
        {"code", line.product_code},
        {"product", product ? domain::product_name(*product, req.language) : line.product_code},
        {"unit", unit},
        {"quantity", i18n::format_decimal(req.language, line.quantity, 3)},
        {"quantity_input", domain::quantity_text(line.quantity)},
        {"unit_price", sales_money_text(req, line.unit_price, o.currency)},
        {"discount", line.discount ? sales_money_text(req, line.discount, o.currency) : ""},
        {"discount_input", line.discount ? sales_amount_input(line.discount, o.currency) : ""},
        {"net", net ? sales_money_text(req, *net, o.currency) : ""},
        {"vat_rate", domain::vat_rate_text(line.vat_rate) + "\u00a0%"},
        {"status_code", enum_code(line.status)},
        {"status_label", code_label(req, ctx, "sales_order.line_status", enum_code(line.status))},
        {"status_class", sales_line_status_class(line.status)},
        {"fail_reason", line.fail_reason},
        {"trackable", product && product->trackable},
        {"editable", editable && domain::may_revise_line(o, line)},
        {"fulfillable", fulfillable && line.status == domain::LineStatus::open}};
    if (line.asset) r["asset_href"] = "/assets/" + std::to_string(*line.asset);
    // A change line says what it does to which asset.
    if (line.action != domain::LineAction::add || line.target_asset) {
      r["action_label"] = code_label(req, ctx, "line_action", enum_code(line.action));
      if (line.target_asset) {
        auto number = v.asset_numbers.find(*line.target_asset);
        r["target_number"] = number == v.asset_numbers.end() ? std::string() : number->second;
        r["target_href"] = "/assets/" + std::to_string(*line.target_asset);
      }
      if (line.target_status)
        r["target_status"] = code_label(req, ctx, "asset.status", enum_code(*line.target_status));
      std::string features;
      if (line.features)
        for (const auto& f : *line.features)
          features += (features.empty() ? "" : ", ") + f.name + " = " + f.value;
      r["target_features"] = features;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

void add_sales_totals(json::object& d, const Request& req, const app::SalesOrderView& v) {
  const auto& currency = v.order.currency;
  d["total_net"] = sales_money_text(req, v.totals.net, currency);
  d["total_gross"] = sales_money_text(req, v.totals.gross, currency);
  json::array vat;
  for (const auto& rate : v.totals.vat)
    vat.push_back({{"rate", domain::vat_rate_text(rate.rate) + "\u00a0%"},
                   {"base", sales_money_text(req, rate.base, currency)},
                   {"vat", sales_money_text(req, rate.vat, currency)}});
  d["vat_rows"] = std::move(vat);
}

std::string sales_order_href(std::int64_t order, std::optional<Id<domain::PlanEntry>> entry) {
  std::string href = "/sales-orders/" + std::to_string(order);
  if (entry) href += "?entry=" + std::to_string(entry->value);
  return href;
}

void add_sales_order_status(json::object& o, const Request& req, const WebContext& ctx,
                            SalesOrderStatus s) {
  o["status_code"] = std::string(enum_code(s));
  o["status_label"] = code_label(req, ctx, "sales_order.status", enum_code(s));
  switch (s) {
    case SalesOrderStatus::complete:
      o["status_class"] = "badge badge-ok";
      break;
    case SalesOrderStatus::canceled:
      o["status_class"] = "badge badge-off";
      break;
    case SalesOrderStatus::open:
      o["status_class"] = "badge badge-info";
      break;
    case SalesOrderStatus::pending:
      o["status_class"] = "badge badge-warn";
      break;
  }
}

void add_entry_order(json::object& d, Request& req, WebContext& ctx, Id<domain::PlanEntry> entry) {
  if (!app::allowed(*req.user, app::Capability::take_orders)) return;
  // Said also once the entry is closed (and no order is offered any more).
  if (req.query_value("order_deleted") == "1") {
    d["order_intake"] = true;
    d["order_deleted_text"] = text(req, ctx, "sales_order.empty_deleted");
  }
  auto start = ctx.contact_orders.start(*req.user, entry);
  if (!start) return;
  const Language lang = req.language;
  d["order_intake"] = true;
  d["order_delivery"] = i18n::format_civil_date_with_weekday(lang, start->requested_delivery);
  d["order_departure"] = start->plan.departure;
  if (start->taken) {
    d["order_taken_href"] = sales_order_href(start->taken->id.value, entry);
    d["order_taken_number"] = start->taken->number;
    d["order_taken_lines"] = start->taken->lines.size();
    d["order_taken_open"] = !domain::is_final(start->entry.entry.status);
    return;
  }
  if (domain::is_final(start->entry.entry.status)) return;
  d["can_enter_order"] = true;
  if (start->existing && req.query_value("order_exists") == "1") {
    d["order_exists_text"] =
        text(req, ctx, "sales_order.already_exists", {{"number", start->existing->number}});
    d["order_exists_href"] = "/sales-orders/" + std::to_string(start->existing->id.value);
    d["order_exists_number"] = start->existing->number;
  }
}

std::optional<Id<domain::PlanEntry>> order_entry_of(const Request& req, WebContext& ctx,
                                                    const SalesOrder& order) {
  std::optional<Id<domain::PlanEntry>> entry;
  if (auto asked = positive_int(req.query_value("entry")))
    entry = Id<domain::PlanEntry>{*asked};
  else if (order.plan_entry)
    entry = Id<domain::PlanEntry>{*order.plan_entry};
  if (!entry || !app::allowed(*req.user, app::Capability::work_plans)) return std::nullopt;
  auto start = ctx.contact_orders.start(*req.user, *entry);
  // Only the open entry whose order this is: closing a closed one is not offered.
  if (!start || !start->taken || start->taken->id != order.id ||
      domain::is_final(start->entry.entry.status))
    return std::nullopt;
  return entry;
}

Response render_sales_order(Request& req, WebContext& ctx, int status,
                            const app::SalesOrderView& view,
                            std::optional<Id<domain::PlanEntry>> entry, json::object d,
                            const SalesOrderForms* forms) {
  const SalesOrder& o = view.order;
  const Language lang = req.language;
  const std::string mine = user_zone(req);
  const bool pending = o.status == SalesOrderStatus::pending;
  const bool takes = app::allowed(*req.user, app::Capability::take_orders);
  const bool fulfils = app::allowed(*req.user, app::Capability::fulfil_orders);
  const std::string href = sales_order_href(o.id.value, entry);

  // Mustache reads a dot as a path: an error named ship_to.city is also ship_to_city.
  std::vector<std::pair<std::string, json::value>> undotted;
  for (const auto& [key, value] : d)
    if (key.ends_with("_error") && key.find('.') != std::string::npos) {
      std::string plain(key);
      std::replace(plain.begin(), plain.end(), '.', '_');
      undotted.emplace_back(std::move(plain), value);
    }
  for (auto& [key, value] : undotted) d[key] = std::move(value);
  d["id"] = o.id.value;
  d["order_id"] = o.id.value;
  d["number"] = o.number;
  d["version"] = o.version;
  d["csrf_token"] = req.csrf_token;
  d["href"] = href;
  d["entry_query"] = entry ? "?entry=" + std::to_string(entry->value) : std::string();
  d["customer_id"] = o.customer;
  d["customer_name"] = view.customer_name;
  d["currency"] = o.currency;
  d["price_list"] =
      view.price_list.code + " · " +
      (lang == Language::fr && !view.price_list.name_fr.empty()
           ? view.price_list.name_fr
           : (view.price_list.name_en.empty() ? view.price_list.name_fr : view.price_list.name_en));
  add_sales_order_status(d, req, ctx, o.status);
  d["requested_delivery"] =
      o.requested_delivery ? i18n::format_civil_date_with_weekday(lang, *o.requested_delivery) : "";
  d["departure"] = o.departure;
  d["ship_to"] = one_line(o.ship_to);
  d["notes"] = o.notes;
  d["created_at"] = i18n::format_date_time(lang, o.created_at, mine);
  if (o.submitted_at) d["submitted_at"] = i18n::format_date_time(lang, *o.submitted_at, mine);
  if (o.completed_at) d["completed_at"] = i18n::format_date_time(lang, *o.completed_at, mine);
  d["is_pending"] = pending;
  d["can_edit"] = pending && takes;
  // Lines are revised while the order is pending or open (not fulfilled).
  const bool revisable = takes && domain::may_revise_lines(o);
  d["can_revise"] = revisable;
  d["can_submit"] = pending && takes && !o.lines.empty();
  d["can_cancel"] = takes && (pending || o.status == SalesOrderStatus::open);
  d["can_fulfil"] = fulfils && o.status == SalesOrderStatus::open;
  d["can_read_customer"] = app::allowed(*req.user, app::Capability::read_customers);
  if (takes)
    if (auto quote = app::QuoteDesk(ctx.db, ctx.clock).quote_of_order(*req.user, o.id.value);
        quote && *quote) {
      d["quote_id"] = (*quote)->id.value;
      d["quote_number"] = (*quote)->number + " · " + text(req, ctx, "quote.revision") + " " +
                          std::to_string((*quote)->revision);
    }

  json::array lines =
      sales_line_rows(req, ctx, view, revisable, fulfils && o.status == SalesOrderStatus::open);
  d["has_lines"] = !lines.empty();
  d["line_count"] = lines.size();
  d["lines"] = std::move(lines);
  add_sales_totals(d, req, view);

  d["line_product"] = forms ? forms->product : std::string();
  d["line_quantity"] =
      forms && !forms->quantity.empty() ? forms->quantity : app::default_quantity_text();
  d["line_discount"] = forms ? forms->discount : std::string();
  if (pending && takes) add_sales_header_form(d, o, forms);
  if (entry) add_sales_closing(d, req, ctx, *entry, forms);
  return html_response(status, ctx.views.page(req, "sales_order", std::move(d), o.number));
}

}  // namespace rapport::web::ui
