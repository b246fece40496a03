// The catalog's products (Manage ▸ Catalog): the list with its live search
// by code or name and its filters, and the product form (new and edit,
// with its features and its history). Every action is CatalogDesk's.
#include <boost/json.hpp>

#include "domain/catalog/product.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/catalog/advisor_pages.h"
#include "web/ui/catalog/catalog_form_fields.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

constexpr int kProductPageSize = 50;

// "5,5 %" / "5.5 %": the rate as the reader writes it.
std::string product_vat_label(const Request& req, domain::VatRate rate) {
  return i18n::format_decimal(req.language, rate, 2) + "\u00a0%";
}

store::ProductFilter product_filter_of(const Request& req, int page) {
  store::ProductFilter f;
  f.text = req.query_value("q");
  f.orderable_only = req.query_value("orderable") == "1";
  f.include_inactive = true;
  f.type = enum_from_code<domain::ProductType>(req.query_value("type"));
  f.limit = kProductPageSize + 1;
  f.offset = (page - 1) * kProductPageSize;
  return f;
}

json::object product_list_data(Request& req, WebContext& ctx, Error* error) {
  const int page = std::max(1, std::atoi(req.query_value("page").c_str()));
  const std::string& type = req.query_value("type");
  json::object data{{"q", req.query_value("q")},
                    {"orderable", req.query_value("orderable") == "1"},
                    {"type_goods", type == "goods"},
                    {"type_service", type == "service"},
                    {"can_manage", app::allowed(*req.user, app::Capability::manage_catalog)}};
  auto found = ctx.products.search(*req.user, product_filter_of(req, page));
  if (!found) {
    *error = found.error();
    return data;
  }
  const bool more = static_cast<int>(found->size()) > kProductPageSize;
  if (more) found->resize(kProductPageSize);
  json::array rows;
  for (const auto& p : *found) {
    rows.push_back(
        {{"id", p.id.value},
         {"code", p.code},
         {"name", domain::product_name(p, req.language)},
         {"type", ctx.catalog.text(req.language, "product.type." + std::string(enum_code(p.type)))},
         {"unit", ctx.catalog.text(req.language, "product.unit." + p.unit)},
         {"trackable", p.trackable},
         {"vat_rate", product_vat_label(req, p.vat_rate)},
         {"orderable_from", i18n::format_civil_date(req.language, p.orderable_from)},
         {"orderable_to",
          p.orderable_to ? i18n::format_civil_date(req.language, *p.orderable_to) : "—"}});
  }
  data["has_results"] = !rows.empty();
  data["results"] = std::move(rows);
  auto href = [&](int n) {
    std::string q = "/catalog/products?page=" + std::to_string(n);
    if (!req.query_value("q").empty()) q += "&q=" + url_encode(req.query_value("q"));
    if (!type.empty()) q += "&type=" + url_encode(type);
    if (req.query_value("orderable") == "1") q += "&orderable=1";
    return q;
  };
  if (page > 1) data["prev_href"] = href(page - 1);
  if (more) data["next_href"] = href(page + 1);
  return data;
}

// The list; with htmx (the live search) only its results.
Response catalog_product_list(Request& req, WebContext& ctx) {
  Error error;
  auto data = product_list_data(req, ctx, &error);
  if (!error.key.empty()) return error_page(req, ctx, error);
  if (req.is_htmx() && req.header("hx-target") == "product-results")
    return html_response(200, ctx.views.render("partials/product_results", data, req.language));
  return html_response(200, ctx.views.page(req, "products", data,
                                           ctx.catalog.text(req.language, "catalog.products")));
}

// What the form holds, as typed.
struct ProductForm {
  domain::Product product;
  std::string orderable_from, orderable_to, vat_rate;
  std::vector<domain::ProductFeature> features;  // rows as typed
};

ProductForm product_form_of(const domain::Product& p, Language lang) {
  ProductForm f{p, p.orderable_from == CivilDate{} ? "" : format_date(p.orderable_from),
                p.orderable_to ? format_date(*p.orderable_to) : "",
                domain::vat_rate_text(p.vat_rate), p.features};
  if (lang == Language::fr) std::replace(f.vat_rate.begin(), f.vat_rate.end(), '.', ',');
  return f;
}

// Reads the form; `errors` gets what cannot even be read (a date, a rate).
ProductForm read_product_form(const Request& req, FieldErrors& errors) {
  ProductForm f;
  auto& p = f.product;
  p.code = req.form_value("code");
  p.name_en = req.form_value("name_en");
  p.name_fr = req.form_value("name_fr");
  p.description_en = req.form_value("description_en");
  p.description_fr = req.form_value("description_fr");
  p.type = enum_from_code<domain::ProductType>(req.form_value("type"))
               .value_or(domain::ProductType::goods);
  p.unit = req.form_value("unit");
  p.trackable = req.form_value("trackable") == "1";
  p.active = req.form_value("inactive") != "1";
  p.version = form_int(req, "version", 0);
  f.vat_rate = req.form_value("vat_rate");
  read_catalog_date(req, "orderable_from", f.orderable_from, p.orderable_from, errors);
  read_catalog_date(req, "orderable_to", f.orderable_to, p.orderable_to, errors);
  if (auto r = domain::parse_vat_rate(f.vat_rate))
    p.vat_rate = *r;
  else
    errors.add(Error::invalid("product.vat_rate_invalid", "vat_rate"));
  const int rows = std::clamp(form_int(req, "feature_rows", 0), 0, 40);
  for (int i = 0; i < rows; ++i) {
    const std::string at = "features." + std::to_string(i);
    f.features.push_back({req.form_value(at + ".name"), req.form_value(at + ".value")});
  }
  // Blank rows are left out (the form shows one blank row after the others).
  std::erase_if(f.features, [](const auto& row) { return row.name.empty() && row.value.empty(); });
  p.features = f.features;
  return f;
}

Response render_product_form(const Request& req, const WebContext& ctx, int status,
                             const ProductForm& f, bool is_new, json::object data) {
  const auto& p = f.product;
  auto error_of = [&](const std::string& field) -> json::value {
    if (auto it = data.find(field + "_error"); it != data.end()) return it->value();
    return nullptr;
  };
  json::array units, features;
  for (const auto& u : domain::product_units())
    units.push_back({{"code", u},
                     {"label", ctx.catalog.text(req.language, "product.unit." + u)},
                     {"selected", p.unit == u}});
  // The rows typed (a product's features keep their order), then one blank.
  for (std::size_t i = 0; i <= f.features.size(); ++i) {
    const std::string at = "features." + std::to_string(i);
    const bool blank = i == f.features.size();
    json::object row{{"index", i},
                     {"number", i + 1},
                     {"name", blank ? "" : f.features[i].name},
                     {"value", blank ? "" : f.features[i].value},
                     {"name_error", error_of(at + ".name")},
                     {"value_error", error_of(at + ".value")}};
    features.push_back(std::move(row));
  }
  data["features"] = std::move(features);
  data["feature_rows"] = f.features.size() + 1;
  data["units"] = std::move(units);
  data["is_new"] = is_new;
  data["id"] = p.id.value;
  data["version"] = p.version;
  data["action"] =
      is_new ? std::string("/catalog/products") : "/catalog/products/" + std::to_string(p.id.value);
  data["code"] = p.code;
  data["code_field"] =
      catalog_text_field(req, ctx, data, "code", p.code, true, domain::kMaxProductCodeLength);
  data["name_fields"] = json::array{catalog_text_field(req, ctx, data, "name_en", p.name_en, false,
                                                       domain::kMaxProductNameLength),
                                    catalog_text_field(req, ctx, data, "name_fr", p.name_fr, false,
                                                       domain::kMaxProductNameLength)};
  data["description_fields"] =
      json::array{catalog_text_field(req, ctx, data, "description_en", p.description_en, false,
                                     domain::kMaxProductDescriptionLength),
                  catalog_text_field(req, ctx, data, "description_fr", p.description_fr, false,
                                     domain::kMaxProductDescriptionLength)};
  data["term_fields"] = json::array{
      catalog_text_field(req, ctx, data, "orderable_from", f.orderable_from, false, 10, "date"),
      catalog_text_field(req, ctx, data, "orderable_to", f.orderable_to, false, 10, "date"),
      catalog_text_field(req, ctx, data, "vat_rate", f.vat_rate, true, 8)};
  data["type_goods"] = p.type == domain::ProductType::goods;
  data["type_service"] = p.type == domain::ProductType::service;
  data["trackable"] = p.trackable;
  data["inactive"] = !p.active;
  data["orderable_from"] = f.orderable_from;
  data["orderable_to"] = f.orderable_to;
  data["vat_rate"] = f.vat_rate;
  data["can_manage"] = app::allowed(*req.user, app::Capability::manage_catalog);
  std::string title = is_new ? ctx.catalog.text(req.language, "product.new")
                             : p.code + " · " + domain::product_name(p, req.language);
  data["heading"] = title;
  return html_response(status, ctx.views.page(req, "product_form", data, title));
}

Response catalog_new_product(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::manage_catalog); !ok)
    return error_page(req, ctx, ok.error());
  domain::Product blank;
  return render_product_form(req, ctx, 200, product_form_of(blank, req.language), true, {});
}

void add_product_history(json::object& data, Request& req, WebContext& ctx,
                         Id<domain::Product> id) {
  if (auto history = ctx.products.product_history(*req.user, id))
    add_history(data, req, ctx.catalog, *history);
}

// Add or remove a feature row: the form again, nothing saved.
bool product_rows_changed(const Request& req, ProductForm& f) {
  if (req.form_value("add_feature") == "1") {
    f.features.push_back({});
    return true;
  }
  if (const auto& remove = req.form_value("remove_feature"); !remove.empty()) {
    auto at = positive_int(remove);
    if (at && *at >= 1 && static_cast<std::size_t>(*at) <= f.features.size())
      f.features.erase(f.features.begin() + (*at - 1));
    return true;
  }
  return false;
}

Response catalog_save_product(Request& req, WebContext& ctx,
                              std::optional<Id<domain::Product>> id) {
  FieldErrors errors;
  ProductForm f = read_product_form(req, errors);
  json::object data;
  std::optional<domain::Product> current;
  if (id) {
    auto found = ctx.products.product(*req.user, *id);
    if (!found) return error_page(req, ctx, found.error());
    current = *found;
    f.product.id = *id;
    f.product.code = found->code;
    add_product_history(data, req, ctx, *id);
  }
  if (product_rows_changed(req, f)) return render_product_form(req, ctx, 200, f, !id, data);
  if (errors.empty()) {
    auto saved = id ? ctx.products.update_product(*req.user, f.product, &errors)
                    : ctx.products.create_product(*req.user, f.product, &errors);
    if (saved)
      return redirect(req, "/catalog/products/" + std::to_string(saved->id.value) + "?saved=1");
    if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
      return error_page(req, ctx, saved.error());
    if (errors.empty()) errors.add(saved.error());
    add_form_errors(data, req, ctx.catalog, errors);
    return render_product_form(req, ctx, http_status(saved.error().code), f, !id, data);
  }
  add_form_errors(data, req, ctx.catalog, errors);
  return render_product_form(req, ctx, 422, f, !id, data);
}

Response catalog_show_product(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Product>(req);
  if (!id) return error_page(req, ctx, 404);
  json::object data;
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
  return product_page(req, ctx, *id, 200, std::move(data));
}

}  // namespace

Response product_page(Request& req, WebContext& ctx, Id<domain::Product> id, int status,
                      json::object data) {
  auto p = ctx.products.product(*req.user, id);
  if (!p) return error_page(req, ctx, p.error());
  add_product_history(data, req, ctx, id);
  add_product_advisor_data(data, req, ctx, *p);
  return render_product_form(req, ctx, status, product_form_of(*p, req.language), false, data);
}

void register_catalog_pages(Router& router, WebContext& ctx) {
  register_product_pages(router, ctx);
  register_price_list_pages(router, ctx);
  register_catalog_import_pages(router, ctx);
  register_customer_price_list_pages(router, ctx);
  register_advisor_pages(router, ctx);
}

void register_product_pages(Router& router, WebContext& ctx) {
  router.get("/catalog/products", Access::staff,
             [&ctx](Request& r) { return catalog_product_list(r, ctx); });
  router.get("/catalog/products/new", Access::staff,
             [&ctx](Request& r) { return catalog_new_product(r, ctx); });
  router.post("/catalog/products", Access::staff,
              [&ctx](Request& r) { return catalog_save_product(r, ctx, std::nullopt); });
  router.get("/catalog/products/{id}", Access::staff,
             [&ctx](Request& r) { return catalog_show_product(r, ctx); });
  router.post("/catalog/products/{id}", Access::staff, [&ctx](Request& r) {
    auto id = id_param<domain::Product>(r);
    if (!id) return error_page(r, ctx, 404);
    return catalog_save_product(r, ctx, id);
  });
}

}  // namespace rapport::web::ui
