// The change order pages (quotes-orders-assets.md, "Change orders"): from
// the 360° view's assets the CSR chooses modify, disconnect, suspend or
// resume for one or several assets; the change order page shows each
// chosen asset with its change (quantity and features for modify), a
// product to add, and the lines Rapport computes with their actions;
// Create makes the pending change order, or (as a quote) a draft change
// quote to send, accept and convert. The asset page shows an asset
// with the orders that made and changed it. Every rule is
// app::ChangeOrderDesk's.
#include <boost/json.hpp>

#include "app/access.h"
#include "app/catalog/typed_quantity.h"
#include "app/today.h"
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
using domain::AssetChange;

const std::string& change_product_name(const Request& req, const store::AssetRow& row) {
  return req.language == Language::fr && !row.product_name_fr.empty()
             ? row.product_name_fr
             : (row.product_name_en.empty() ? row.product_name_fr : row.product_name_en);
}

const store::AssetRow* change_asset_row(const std::vector<store::AssetRow>& rows, std::int64_t id) {
  for (const auto& r : rows)
    if (r.asset.id.value == id) return &r;
  return nullptr;
}

// The change page's form as typed: a row per chosen asset, then the
// product to add.
struct ChangeForm {
  struct Row {
    std::int64_t asset = 0;
    AssetChange change = AssetChange::modify;
    std::string quantity;
    std::vector<domain::ProductFeature> features;
  };
  std::vector<Row> rows;
  std::string add_product, add_quantity = app::default_quantity_text();
  std::string requested_delivery, notes;
  bool as_quote = false;  // make a draft change quote rather than the order
};

// The request the form makes; typing faults (a quantity, a date) in `errors`.
app::ChangeOrderRequest change_request_of(const ChangeForm& f, std::int64_t customer, Language lang,
                                          FieldErrors& errors) {
  app::ChangeOrderRequest r;
  r.customer = customer;
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const auto& row = f.rows[i];
    const std::string at = "changes." + std::to_string(i);
    domain::RequestedChange c;
    c.change = row.change;
    c.asset = row.asset;
    if (row.change == AssetChange::modify) {
      if (auto q = app::read_typed_quantity(row.quantity, lang, at + ".quantity", errors))
        c.quantity = *q;
      c.features = row.features;
    }
    r.changes.push_back(std::move(c));
  }
  if (!f.add_product.empty()) {
    const std::string at = "changes." + std::to_string(f.rows.size());
    domain::RequestedChange c;
    c.change = AssetChange::add;
    c.product_code = f.add_product;
    if (auto q = app::read_typed_quantity(f.add_quantity, lang, at + ".quantity", errors))
      c.quantity = *q;
    r.changes.push_back(std::move(c));
  }
  if (!f.requested_delivery.empty()) {
    if (auto day = parse_date(f.requested_delivery))
      r.requested_delivery = *day;
    else
      errors.add(Error::invalid("field.date_invalid", "requested_delivery"));
  }
  r.notes = f.notes;
  return r;
}

// The message of the first error on `field` or under it (a feature of a row).
std::string change_error_on(const Request& req, const WebContext& ctx, const FieldErrors& errors,
                            const std::string& field) {
  for (const auto& e : errors.errors)
    if (e.field == field || e.field.starts_with(field + "."))
      return localized_message(req, ctx.catalog, with_field_label(req, ctx.catalog, e));
  return {};
}

json::object change_option(const Request& req, const WebContext& ctx, AssetChange c,
                           AssetChange chosen) {
  return {{"code", std::string(enum_code(c))},
          {"label", code_label(req, ctx, "change_order.change", enum_code(c))},
          {"selected", c == chosen}};
}

Response render_change_page(Request& req, WebContext& ctx, int status, std::int64_t customer,
                            const ChangeForm& f, const FieldErrors& errors,
                            const app::ChangeOrderPreview* preview) {
  auto c = ctx.customers.view(*req.user, Id<domain::Customer>{customer});
  if (!c) return error_page(req, ctx, c.error());
  json::object d{{"customer_id", customer},
                 {"customer_name", c->customer.display_name()},
                 {"csrf_token", req.csrf_token},
                 {"add_product", f.add_product},
                 {"add_quantity", f.add_quantity},
                 {"requested_delivery", f.requested_delivery},
                 {"notes", f.notes},
                 {"as_quote", f.as_quote}};
  json::array rows;
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const auto& row = f.rows[i];
    const std::string at = "changes." + std::to_string(i);
    const auto* asset = change_asset_row(c->assets, row.asset);
    json::array options;
    options.push_back(change_option(req, ctx, AssetChange::modify, row.change));
    options.push_back(change_option(req, ctx, AssetChange::disconnect, row.change));
    options.push_back(change_option(req, ctx, AssetChange::suspend, row.change));
    options.push_back(change_option(req, ctx, AssetChange::resume, row.change));
    json::array features;
    for (std::size_t j = 0; j <= row.features.size(); ++j) {
      const std::string fat = at + ".features." + std::to_string(j);
      features.push_back({{"at", fat},
                          {"name", j < row.features.size() ? row.features[j].name : ""},
                          {"value", j < row.features.size() ? row.features[j].value : ""},
                          {"error", change_error_on(req, ctx, errors, fat)}});
    }
    rows.push_back(
        {{"at", at},
         {"asset_id", row.asset},
         {"number", asset ? asset->asset.number : std::to_string(row.asset)},
         {"product", asset ? change_product_name(req, *asset) : std::string()},
         {"now_quantity",
          asset ? i18n::format_decimal(req.language, asset->asset.quantity, 3) : std::string()},
         {"now_status", asset ? code_label(req, ctx, "asset.status", enum_code(asset->asset.status))
                              : std::string()},
         {"options", std::move(options)},
         {"is_modify", row.change == AssetChange::modify},
         {"quantity", row.quantity},
         {"features", std::move(features)},
         {"asset_error", change_error_on(req, ctx, errors, at + ".asset")},
         {"change_error", change_error_on(req, ctx, errors, at + ".change")},
         {"quantity_error", change_error_on(req, ctx, errors, at + ".quantity")}});
  }
  const std::string add_at = "changes." + std::to_string(f.rows.size());
  d["add_at"] = add_at;
  d["add_product_error"] = change_error_on(req, ctx, errors, add_at + ".product");
  d["add_quantity_error"] = change_error_on(req, ctx, errors, add_at + ".quantity");
  for (const auto& e : errors.errors)
    if (e.field == "changes")
      d["changes_error"] =
          localized_message(req, ctx.catalog, with_field_label(req, ctx.catalog, e));
  d["has_rows"] = !rows.empty();
  d["rows"] = std::move(rows);
  if (preview) {
    const auto& o = preview->order;
    json::array lines;
    for (const auto& l : o.lines) {
      const auto* target =
          l.target_asset ? change_asset_row(preview->assets, *l.target_asset) : nullptr;
      auto net = domain::line_net(domain::priced(l));
      lines.push_back({{"action_code", enum_code(l.action)},
                       {"action", code_label(req, ctx, "line_action", enum_code(l.action))},
                       {"asset", target ? target->asset.number : std::string()},
                       {"code", l.product_code},
                       {"quantity", i18n::format_decimal(req.language, l.quantity, 3)},
                       {"status", l.target_status ? code_label(req, ctx, "asset.status",
                                                               enum_code(*l.target_status))
                                                  : std::string()},
                       {"unit_price", sales_money_text(req, l.unit_price, o.currency)},
                       {"net", net ? sales_money_text(req, *net, o.currency) : std::string()}});
    }
    d["has_preview"] = true;
    d["preview_lines"] = std::move(lines);
    d["total_net"] = sales_money_text(req, preview->totals.net, o.currency);
    d["total_gross"] = sales_money_text(req, preview->totals.gross, o.currency);
  }
  if (!errors.empty()) add_form_errors(d, req, ctx.catalog, errors);
  return html_response(status, ctx.views.page(req, "change_order", std::move(d),
                                              text(req, ctx, "change_order.title")));
}

// GET /customers/{id}/change-order?asset=1&asset=2&change=suspend: the
// chosen assets with that change (modify by default), computed at once.
Response change_order_page(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.param("id"));
  if (!customer) return error_page(req, ctx, 404);
  ChangeForm f;
  const auto change =
      enum_from_code<AssetChange>(req.query_value("change")).value_or(AssetChange::modify);
  auto c = ctx.customers.view(*req.user, Id<domain::Customer>{*customer});
  if (!c) return error_page(req, ctx, c.error());
  for (const auto& [name, value] : req.query) {
    if (name != "asset" || f.rows.size() >= domain::kMaxOrderLines) continue;
    auto id = positive_int(value);
    const auto* row = id ? change_asset_row(c->assets, *id) : nullptr;
    if (!row) continue;
    f.rows.push_back(
        {*id, change, domain::quantity_text(row->asset.quantity), row->asset.features});
  }
  FieldErrors errors;
  auto request = change_request_of(f, *customer, req.language, errors);
  if (f.rows.empty()) return render_change_page(req, ctx, 200, *customer, f, errors, nullptr);
  auto preview = ctx.changes.preview(*req.user, request, &errors);
  if (!preview && preview.error().code != ErrorCode::invalid_input)
    return error_page(req, ctx, preview.error());
  return render_change_page(req, ctx, 200, *customer, f, errors, preview ? &*preview : nullptr);
}

ChangeForm typed_change_form(const Request& req) {
  ChangeForm f;
  for (std::size_t i = 0; i < domain::kMaxOrderLines; ++i) {
    const std::string at = "changes." + std::to_string(i);
    auto asset = positive_int(req.form_value(at + ".asset"));
    if (!asset) break;
    ChangeForm::Row row;
    row.asset = *asset;
    row.change =
        enum_from_code<AssetChange>(req.form_value(at + ".change")).value_or(AssetChange::modify);
    row.quantity = req.form_value(at + ".quantity");
    for (std::size_t j = 0; j <= domain::kMaxFeatures; ++j) {
      const std::string fat = at + ".features." + std::to_string(j);
      const std::string& name = req.form_value(fat + ".name");
      const std::string& value = req.form_value(fat + ".value");
      if (name.empty() && value.empty()) break;
      row.features.push_back({name, value});
    }
    f.rows.push_back(std::move(row));
  }
  f.add_product = req.form_value("add_product");
  f.add_quantity = req.form_value("add_quantity");
  f.requested_delivery = req.form_value("requested_delivery");
  f.notes = req.form_value("notes");
  f.as_quote = req.form_value("make") == "quote";
  return f;
}

// POST: "compute" shows the lines again; otherwise the change order, or
// with make=quote the change quote, is made.
Response post_change_order(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.param("id"));
  if (!customer) return error_page(req, ctx, 404);
  const ChangeForm f = typed_change_form(req);
  FieldErrors errors;
  auto request = change_request_of(f, *customer, req.language, errors);
  if (!errors.empty()) return render_change_page(req, ctx, 422, *customer, f, errors, nullptr);
  if (!req.form_value("compute").empty()) {
    auto preview = ctx.changes.preview(*req.user, request, &errors);
    if (!preview && preview.error().code != ErrorCode::invalid_input)
      return error_page(req, ctx, preview.error());
    if (!preview && errors.empty()) errors.add(preview.error());
    return render_change_page(req, ctx, preview ? 200 : 422, *customer, f, errors,
                              preview ? &*preview : nullptr);
  }
  auto refused = [&](const Error& error) {
    if (error.code != ErrorCode::invalid_input) return error_page(req, ctx, error);
    if (errors.empty()) errors.add(error);
    return render_change_page(req, ctx, 422, *customer, f, errors, nullptr);
  };
  if (f.as_quote) {
    auto quote = ctx.changes.create_quote(*req.user, request, &errors);
    if (!quote) return refused(quote.error());
    return redirect(req, "/quotes/" + std::to_string(quote->id.value) + "?done=created");
  }
  auto made = ctx.changes.create(*req.user, request, &errors);
  if (!made) return refused(made.error());
  return redirect(req, "/sales-orders/" + std::to_string(made->id.value) + "?done=created");
}

// GET /assets/{id}: the asset and the orders that made and changed it.
Response asset_page(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Asset>(req);
  if (!id) return error_page(req, ctx, 404);
  auto v = ctx.changes.asset(*req.user, *id);
  if (!v) return error_page(req, ctx, v.error());
  const auto& a = v->asset.asset;
  const std::string zone = app::user_zone(*req.user);
  json::array features, history;
  for (const auto& f : a.features) features.push_back({{"name", f.name}, {"value", f.value}});
  for (const auto& h : v->history) {
    json::object r{
        {"order_id", h.order},
        {"order_number", h.order_number},
        {"order_status", code_label(req, ctx, "sales_order.status", enum_code(h.order_status))},
        {"created_at", i18n::format_date_time(req.language, h.order_created, zone)},
        {"completed_at", h.order_completed
                             ? i18n::format_date_time(req.language, *h.order_completed, zone)
                             : std::string()},
        {"action", code_label(req, ctx, "line_action", enum_code(h.line.action))},
        {"quantity", i18n::format_decimal(req.language, h.line.quantity, 3)},
        {"line_status", code_label(req, ctx, "sales_order.line_status", enum_code(h.line.status))},
        {"target_status", h.line.target_status ? code_label(req, ctx, "asset.status",
                                                            enum_code(*h.line.target_status))
                                               : std::string()}};
    history.push_back(std::move(r));
  }
  const bool changeable = a.status != domain::AssetStatus::inactive &&
                          app::allowed(*req.user, app::Capability::take_orders);
  json::object d{{"id", a.id.value},
                 {"number", a.number},
                 {"customer_id", a.customer},
                 {"customer_name", v->customer_name},
                 {"product", change_product_name(req, v->asset)},
                 {"product_code", v->asset.product_code},
                 {"quantity", i18n::format_decimal(req.language, a.quantity, 3)},
                 {"status_code", enum_code(a.status)},
                 {"status", code_label(req, ctx, "asset.status", enum_code(a.status))},
                 {"address", one_line(a.service_address)},
                 {"installed_on", i18n::format_civil_date(req.language, a.installed_on)},
                 {"has_features", !features.empty()},
                 {"features", std::move(features)},
                 {"asset_history", std::move(history)},
                 {"can_change", changeable},
                 {"can_suspend", changeable && a.status == domain::AssetStatus::active},
                 {"can_resume", changeable && a.status == domain::AssetStatus::suspended}};
  return html_response(200, ctx.views.page(req, "asset", std::move(d), a.number));
}

}  // namespace

void register_change_order_pages(Router& router, WebContext& ctx) {
  router.get("/customers/{id}/change-order", Access::staff,
             [&ctx](Request& r) { return change_order_page(r, ctx); });
  router.post("/customers/{id}/change-order", Access::staff,
              [&ctx](Request& r) { return post_change_order(r, ctx); });
  router.get("/assets/{id}", Access::staff, [&ctx](Request& r) { return asset_page(r, ctx); });
}

}  // namespace rapport::web::ui
