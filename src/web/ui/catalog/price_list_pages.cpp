// The price lists (Manage ▸ Catalog ▸ Price lists): the list of lists, a
// list's form (name, currency, validity) and, on the same page, its prices
// — add, change or remove a product's price with its volume tiers, typed
// as the reader writes amounts. Every action is CatalogDesk's.
#include <boost/json.hpp>

#include "app/catalog/typed_price.h"
#include "core/money.h"
#include "domain/catalog/pricing.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/catalog/catalog_form_fields.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

constexpr std::size_t kPriceTierRows = 3;  // blank tier rows the price form offers

std::string price_list_date(const Request& req, const std::optional<CivilDate>& d) {
  return d ? i18n::format_civil_date(req.language, *d) : "—";
}

Response price_list_index(Request& req, WebContext& ctx) {
  auto lists = ctx.products.price_lists(*req.user);
  if (!lists) return error_page(req, ctx, lists.error());
  json::array rows;
  for (const auto& l : *lists)
    rows.push_back({{"id", l.id.value},
                    {"code", l.code},
                    {"name", domain::price_list_name(l, req.language)},
                    {"currency", l.currency},
                    {"valid_from", price_list_date(req, l.valid_from)},
                    {"valid_to", price_list_date(req, l.valid_to)},
                    {"is_default", l.is_default}});
  json::object data{{"lists", std::move(rows)},
                    {"has_lists", !lists->empty()},
                    {"can_manage", app::allowed(*req.user, app::Capability::manage_catalog)}};
  return html_response(200, ctx.views.page(req, "price_lists", data,
                                           ctx.catalog.text(req.language, "catalog.price_lists")));
}

// The list's fields as typed.
struct PriceListForm {
  domain::PriceList list;
  std::string valid_from, valid_to;
};

PriceListForm price_list_form_of(const domain::PriceList& l) {
  return {l, l.valid_from == CivilDate{} ? "" : format_date(l.valid_from),
          l.valid_to ? format_date(*l.valid_to) : ""};
}

PriceListForm read_price_list_form(const Request& req, FieldErrors& errors) {
  PriceListForm f;
  auto& l = f.list;
  l.code = req.form_value("code");
  l.name_en = req.form_value("name_en");
  l.name_fr = req.form_value("name_fr");
  l.currency = req.form_value("currency");
  l.is_default = req.form_value("is_default") == "1";
  l.version = form_int(req, "version", 0);
  read_catalog_date(req, "valid_from", f.valid_from, l.valid_from, errors);
  read_catalog_date(req, "valid_to", f.valid_to, l.valid_to, errors);
  return f;
}

// The price form as typed: the product's code, the unit price and tiers.
struct CatalogPriceForm {
  std::string product;
  std::string unit_price;
  std::vector<app::TypedTier> tiers;
};

CatalogPriceForm read_catalog_price_form(const Request& req) {
  CatalogPriceForm f{req.form_value("product"), req.form_value("unit_price"), {}};
  const int rows = std::clamp(form_int(req, "tier_rows", 0), 0, 20);
  for (int i = 0; i < rows; ++i) {
    const std::string at = "tiers." + std::to_string(i);
    f.tiers.push_back({req.form_value(at + ".min_quantity"), req.form_value(at + ".unit_price")});
  }
  return f;
}

CatalogPriceForm catalog_price_form_of(const domain::ProductPrice& p,
                                       const domain::Product& product, const std::string& currency,
                                       Language lang) {
  CatalogPriceForm f{product.code, app::price_text(p.unit_price, currency, lang), {}};
  for (const auto& t : p.tiers) {
    std::string q = domain::quantity_text(t.min_quantity);
    if (lang == Language::fr) std::replace(q.begin(), q.end(), '.', ',');
    f.tiers.push_back({q, app::price_text(t.unit_price, currency, lang)});
  }
  return f;
}

std::string price_money(const Request& req, std::int64_t minor, const std::string& currency) {
  if (!is_known_currency(currency)) return std::to_string(minor);
  return i18n::format_money(req.language, Money{minor, currency});
}

Response render_price_list(const Request& req, const WebContext& ctx, int status,
                           const PriceListForm& f, const std::optional<app::PriceListView>& view,
                           const CatalogPriceForm& price, json::object data) {
  const auto& l = f.list;
  const bool is_new = !view;
  data["is_new"] = is_new;
  data["id"] = l.id.value;
  data["version"] = l.version;
  data["action"] = is_new ? std::string("/catalog/price-lists")
                          : "/catalog/price-lists/" + std::to_string(l.id.value);
  data["code"] = l.code;
  data["code_field"] = catalog_text_field(req, ctx, data, "code", l.code, true, 20);
  data["name_fields"] =
      json::array{catalog_text_field(req, ctx, data, "name_en", l.name_en, false, 120),
                  catalog_text_field(req, ctx, data, "name_fr", l.name_fr, false, 120)};
  data["term_fields"] =
      json::array{catalog_text_field(req, ctx, data, "currency", l.currency, true, 3),
                  catalog_text_field(req, ctx, data, "valid_from", f.valid_from, false, 10, "date"),
                  catalog_text_field(req, ctx, data, "valid_to", f.valid_to, false, 10, "date")};
  data["is_default"] = l.is_default;
  data["can_manage"] = app::allowed(*req.user, app::Capability::manage_catalog);
  if (view) {
    json::array prices;
    for (const auto& p : view->prices) {
      auto product = std::find_if(view->products.begin(), view->products.end(),
                                  [&](const domain::Product& x) { return x.id == p.product; });
      if (product == view->products.end()) continue;
      json::array tiers;
      for (const auto& t : p.tiers)
        tiers.push_back(json::string(
            ctx.catalog.text(req.language, "price.tier_line",
                             {{"quantity", i18n::format_decimal(req.language, t.min_quantity, 3)},
                              {"price", price_money(req, t.unit_price, view->list.currency)}})));
      prices.push_back({{"product_id", product->id.value},
                        {"code", product->code},
                        {"name", domain::product_name(*product, req.language)},
                        {"unit", ctx.catalog.text(req.language, "product.unit." + product->unit)},
                        {"unit_price", price_money(req, p.unit_price, view->list.currency)},
                        {"tiers", std::move(tiers)},
                        {"has_tiers", !p.tiers.empty()}});
    }
    data["has_prices"] = !prices.empty();
    data["prices"] = std::move(prices);
    // The price form: the tiers typed, then blank rows.
    auto error_of = [&](const std::string& field) -> json::value {
      if (auto it = data.find(field + "_error"); it != data.end()) return it->value();
      return nullptr;
    };
    json::array tier_rows;
    const std::size_t rows = price.tiers.size() + kPriceTierRows;
    for (std::size_t i = 0; i < rows; ++i) {
      const std::string at = "tiers." + std::to_string(i);
      const bool typed = i < price.tiers.size();
      tier_rows.push_back({{"index", i},
                           {"number", i + 1},
                           {"min_quantity", typed ? price.tiers[i].min_quantity : ""},
                           {"unit_price", typed ? price.tiers[i].unit_price : ""},
                           {"min_quantity_error", error_of(at + ".min_quantity")},
                           {"unit_price_error", error_of(at + ".unit_price")}});
    }
    data["tier_rows"] = std::move(tier_rows);
    data["tier_count"] = rows;
    data["price_product"] = price.product;
    data["price_unit_price"] = price.unit_price;
    data["currency"] = view->list.currency;
    if (auto history = ctx.products.price_list_history(*req.user, l.id))
      add_history(data, req, ctx.catalog, *history);
  }
  std::string title = is_new ? ctx.catalog.text(req.language, "price_list.new")
                             : l.code + " · " + domain::price_list_name(l, req.language);
  data["heading"] = title;
  return html_response(status, ctx.views.page(req, "price_list_form", data, title));
}

Response catalog_new_price_list(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::manage_catalog); !ok)
    return error_page(req, ctx, ok.error());
  domain::PriceList blank;
  blank.currency = ctx.settings.current() ? ctx.settings.current()->currency : "EUR";
  return render_price_list(req, ctx, 200, price_list_form_of(blank), std::nullopt, {}, {});
}

Response catalog_show_price_list(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PriceList>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = ctx.products.price_list(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  json::object data;
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
  CatalogPriceForm price;
  // ?product=<id>: that product's price in the form, to change it.
  if (auto pid = positive_int(req.query_value("product"))) {
    for (const auto& p : view->prices)
      if (p.product.value == *pid)
        for (const auto& product : view->products)
          if (product.id == p.product)
            price = catalog_price_form_of(p, product, view->list.currency, req.language);
  }
  return render_price_list(req, ctx, 200, price_list_form_of(view->list), *view, price, data);
}

Response catalog_save_price_list(Request& req, WebContext& ctx,
                                 std::optional<Id<domain::PriceList>> id) {
  FieldErrors errors;
  PriceListForm f = read_price_list_form(req, errors);
  std::optional<app::PriceListView> view;
  if (id) {
    auto found = ctx.products.price_list(*req.user, *id);
    if (!found) return error_page(req, ctx, found.error());
    view = *found;
    f.list.id = *id;
    f.list.code = found->list.code;
  }
  json::object data;
  if (errors.empty()) {
    auto saved = id ? ctx.products.update_price_list(*req.user, f.list, &errors)
                    : ctx.products.create_price_list(*req.user, f.list, &errors);
    if (saved)
      return redirect(req, "/catalog/price-lists/" + std::to_string(saved->id.value) + "?saved=1");
    if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
      return error_page(req, ctx, saved.error());
    if (errors.empty()) errors.add(saved.error());
    add_form_errors(data, req, ctx.catalog, errors);
    return render_price_list(req, ctx, http_status(saved.error().code), f, view, {}, data);
  }
  add_form_errors(data, req, ctx.catalog, errors);
  return render_price_list(req, ctx, 422, f, view, {}, data);
}

// Adds or changes a product's price; the page again with the errors
// beside the price's fields, what was typed kept.
Response price_list_save_price(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PriceList>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = ctx.products.price_list(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  CatalogPriceForm typed = read_catalog_price_form(req);
  FieldErrors errors;
  auto product = ctx.products.product_by_code(*req.user, typed.product);
  if (!product && product.error().code != ErrorCode::invalid_input)
    return error_page(req, ctx, product.error());
  if (!product) errors.add(product.error());
  auto price =
      app::read_typed_price(product ? product->id : Id<domain::Product>{}, typed.unit_price,
                            typed.tiers, view->list.currency, req.language, errors);
  if (errors.empty()) {
    auto saved = ctx.products.set_price(*req.user, *id, price, Version{form_int(req, "version", 0)},
                                        &errors);
    if (saved)
      return redirect(req, "/catalog/price-lists/" + std::to_string(id->value) + "?saved=1");
    if (saved.error().code == ErrorCode::forbidden) return error_page(req, ctx, saved.error());
    if (errors.empty()) errors.add(saved.error());
  }
  // Typed tiers are numbered without the blank rows (read_typed_price):
  // the form shows them so, and the errors name them so.
  std::erase_if(typed.tiers, [](const app::TypedTier& t) {
    return t.min_quantity.find_first_not_of(' ') == std::string::npos &&
           t.unit_price.find_first_not_of(' ') == std::string::npos;
  });
  json::object data;
  add_form_errors(data, req, ctx.catalog, errors);
  return render_price_list(req, ctx, 422, price_list_form_of(view->list), *view, typed, data);
}

Response price_list_remove_price(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PriceList>(req);
  auto product = id_param<domain::Product>(req, "product");
  if (!id || !product) return error_page(req, ctx, 404);
  if (auto ok =
          ctx.products.remove_price(*req.user, *id, *product, Version{form_int(req, "version", 0)});
      !ok)
    return error_page(req, ctx, ok.error());
  return redirect(req, "/catalog/price-lists/" + std::to_string(id->value) + "?saved=1");
}

}  // namespace

void register_price_list_pages(Router& router, WebContext& ctx) {
  router.get("/catalog/price-lists", Access::staff,
             [&ctx](Request& r) { return price_list_index(r, ctx); });
  router.get("/catalog/price-lists/new", Access::staff,
             [&ctx](Request& r) { return catalog_new_price_list(r, ctx); });
  router.post("/catalog/price-lists", Access::staff,
              [&ctx](Request& r) { return catalog_save_price_list(r, ctx, std::nullopt); });
  router.get("/catalog/price-lists/{id}", Access::staff,
             [&ctx](Request& r) { return catalog_show_price_list(r, ctx); });
  router.post("/catalog/price-lists/{id}", Access::staff, [&ctx](Request& r) {
    auto id = id_param<domain::PriceList>(r);
    if (!id) return error_page(r, ctx, 404);
    return catalog_save_price_list(r, ctx, id);
  });
  router.post("/catalog/price-lists/{id}/prices", Access::staff,
              [&ctx](Request& r) { return price_list_save_price(r, ctx); });
  router.post("/catalog/price-lists/{id}/prices/{product}/remove", Access::staff,
              [&ctx](Request& r) { return price_list_remove_price(r, ctx); });
}

}  // namespace rapport::web::ui
