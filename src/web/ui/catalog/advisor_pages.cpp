// The eAdvisor's pages (quotes-orders-assets.md, "Catalog and eAdvisor"):
// on the product page, its literature (upload, open, delete) and its
// competitor comparisons (add, change, delete); the advisor pane the CSR
// opens from a quote (/quotes/{id}/advisor) or a customer (/advisor?customer=)
// to find products by need, compare 2–4 side by side and add one to the
// quote. Every action is AdvisorDesk's (QuoteDesk's for the line).
#include "web/ui/catalog/advisor_pages.h"

#include <boost/json.hpp>

#include "app/access.h"
#include "app/catalog/advisor_desk.h"
#include "app/catalog/typed_price.h"
#include "app/catalog/typed_quantity.h"
#include "app/quotes/quote_desk.h"
#include "domain/catalog/pricing.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/server.h"
#include "web/ui/error_page.h"
#include "web/ui/form_values.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

// A document the advisor takes must fit in what the server receives.
static_assert(static_cast<std::size_t>(domain::kMaxLiteratureBytes) <= kMaxUploadBytes);

app::AdvisorDesk advisor_desk_of(WebContext& ctx) { return app::AdvisorDesk(ctx.db, ctx.clock); }

std::string literature_size_label(const Request& req, const WebContext& ctx, std::int64_t size) {
  return ctx.catalog.text(req.language, "literature.size_kb",
                          {{"kb", i18n::format_integer(req.language, (size + 1023) / 1024)}});
}

json::object literature_row(const Request& req, const WebContext& ctx,
                            const domain::Literature& l) {
  return {{"id", l.id.value},
          {"version", l.version},
          {"title", domain::literature_title(l, req.language)},
          {"language", ctx.catalog.text(req.language, "language." + std::string(code(l.language)))},
          {"file_name", l.file_name},
          {"content_type", l.content_type},
          {"size", literature_size_label(req, ctx, l.size)},
          {"href", "/literature/" + std::to_string(l.id.value)}};
}

std::string their_price_label(const Request& req, const domain::CompetitorComparison& c) {
  if (!c.their_price || !is_known_currency(c.currency)) return "—";
  return i18n::format_money(req.language, Money{*c.their_price, c.currency});
}

json::object comparison_row(const Request& req, const domain::CompetitorComparison& c) {
  return {{"id", c.id.value},
          {"version", c.version},
          {"competitor", c.competitor},
          {"their_product", c.their_product},
          {"their_price", c.their_price && is_known_currency(c.currency)
                              ? app::price_text(*c.their_price, c.currency, req.language)
                              : std::string()},
          {"their_price_label", their_price_label(req, c)},
          {"currency", c.currency},
          {"advantages_en", c.advantages_en},
          {"advantages_fr", c.advantages_fr},
          {"advantages", domain::comparison_advantages(c, req.language)}};
}

// The comparison's fields as typed; `errors` gets an amount that cannot be read.
domain::CompetitorComparison read_comparison_form(const Request& req, FieldErrors& errors) {
  domain::CompetitorComparison c;
  c.competitor = req.form_value("competitor");
  c.their_product = req.form_value("their_product");
  c.currency = req.form_value("currency");
  c.advantages_en = req.form_value("advantages_en");
  c.advantages_fr = req.form_value("advantages_fr");
  c.version = form_int(req, "version", 0);
  if (const auto& price = req.form_value("their_price"); !price.empty()) {
    if (auto minor = app::typed_amount(price, c.currency, req.language))
      c.their_price = *minor;
    else
      errors.add(Error::invalid("field.amount_invalid", "their_price"));
  }
  return c;
}

json::object typed_comparison(const Request& req) {
  return {{"competitor", req.form_value("competitor")},
          {"their_product", req.form_value("their_product")},
          {"their_price", req.form_value("their_price")},
          {"currency", req.form_value("currency")},
          {"advantages_en", req.form_value("advantages_en")},
          {"advantages_fr", req.form_value("advantages_fr")}};
}

}  // namespace

void add_product_advisor_data(json::object& data, const Request& req, WebContext& ctx,
                              const domain::Product& p) {
  auto desk = advisor_desk_of(ctx);
  json::array literature, comparisons;
  if (auto found = desk.literature(*req.user, p.id))
    for (const auto& l : *found) literature.push_back(literature_row(req, ctx, l));
  // A refused change keeps its typed values in its row.
  const auto edited = data.if_contains("edited_comparison");
  if (auto found = desk.comparisons(*req.user, p.id))
    for (const auto& c : *found) {
      auto row = comparison_row(req, c);
      if (edited && edited->as_object().at("id").as_int64() == c.id.value)
        for (const auto& [k, v] : edited->as_object()) row[k] = v;
      comparisons.push_back(std::move(row));
    }
  data["has_literature"] = !literature.empty();
  data["literature"] = std::move(literature);
  data["has_comparisons"] = !comparisons.empty();
  data["comparisons"] = std::move(comparisons);
  if (!data.contains("new_comparison")) {
    std::string currency = "EUR";
    if (auto lists = ctx.products.price_lists(*req.user); lists && !lists->empty())
      currency = lists->front().currency;
    data["new_comparison"] = json::object{{"currency", currency}};
  }
  data["literature_action"] = "/catalog/products/" + std::to_string(p.id.value) + "/literature";
  data["comparison_action"] = "/catalog/products/" + std::to_string(p.id.value) + "/comparisons";
  data["literature_limits"] = ctx.catalog.text(
      req.language, "literature.limits",
      {{"max_mb", i18n::format_integer(req.language, domain::kMaxLiteratureBytes >> 20)},
       {"max", i18n::format_integer(req.language,
                                    static_cast<std::int64_t>(domain::kMaxLiteraturePerProduct))}});
  data["show_advisor_sections"] = true;
}

namespace {

// The body is the file itself (app.js sends it so, with its type, the
// file's name and the form's fields in the query); a multipart form sent
// without the script is refused with a message.
Response upload_product_literature(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Product>(req);
  if (!id) return error_page(req, ctx, 404);
  json::object data;
  auto refused = [&](const Error& e, const FieldErrors& errors, int status) {
    if (errors.empty())
      add_form_error(data, req, ctx.catalog, e);
    else
      add_form_errors(data, req, ctx.catalog, errors);
    data["literature_typed"] = json::object{{"title_en", req.query_value("title_en")},
                                            {"title_fr", req.query_value("title_fr")}};
    return product_page(req, ctx, *id, status, std::move(data));
  };
  if (req.header("content-type").starts_with("multipart/form-data"))
    return refused(Error::invalid("import.needs_script", "file"), {}, 415);
  domain::Literature l;
  l.product = *id;
  l.title_en = req.query_value("title_en");
  l.title_fr = req.query_value("title_fr");
  l.file_name = req.query_value("file_name");
  l.language = parse_language(req.query_value("language")).value_or(req.language);
  FieldErrors errors;
  auto body = req.body_stream();
  auto saved = advisor_desk_of(ctx).upload_literature(*req.user, l, *body, req.body_size(),
                                                      req.header("content-type"), &errors);
  if (!saved) {
    if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
      return error_page(req, ctx, saved.error());
    return refused(saved.error(), errors, http_status(saved.error().code));
  }
  return redirect(req, "/catalog/products/" + std::to_string(id->value) + "?saved=1#literature");
}

Response open_literature(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Literature>(req);
  if (!id) return error_page(req, ctx, 404);
  auto file = advisor_desk_of(ctx).literature_file(*req.user, *id);
  if (!file) return error_page(req, ctx, file.error());
  return file_response(std::move(file->bytes), domain::served_content_type(file->literature),
                       file->literature.file_name, true);
}

Response delete_literature_page(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Literature>(req);
  if (!id) return error_page(req, ctx, 404);
  auto desk = advisor_desk_of(ctx);
  auto l = desk.literature_item(*req.user, *id);
  if (!l) return error_page(req, ctx, l.error());
  const std::string back =
      l->product ? "/catalog/products/" + std::to_string(l->product->value) : "/catalog/products";
  if (auto ok = desk.remove_literature(*req.user, *id, form_int(req, "version", 0)); !ok) {
    if (!l->product || ok.error().code != ErrorCode::conflict)
      return error_page(req, ctx, ok.error());
    json::object data;
    add_form_error(data, req, ctx.catalog, ok.error());
    return product_page(req, ctx, *l->product, 409, std::move(data));
  }
  return redirect(req, back + "?saved=1#literature");
}

Response save_comparison_page(Request& req, WebContext& ctx, bool is_new) {
  std::optional<Id<domain::Product>> product;
  FieldErrors errors;
  auto c = read_comparison_form(req, errors);
  auto desk = advisor_desk_of(ctx);
  if (is_new) {
    product = id_param<domain::Product>(req);
    if (!product) return error_page(req, ctx, 404);
    c.product = *product;
  } else {
    auto id = id_param<domain::CompetitorComparison>(req);
    if (!id) return error_page(req, ctx, 404);
    auto before = desk.comparison(*req.user, *id);
    if (!before) return error_page(req, ctx, before.error());
    c.id = *id;
    product = c.product = before->product;
  }
  if (errors.empty()) {
    auto saved = is_new ? desk.create_comparison(*req.user, c, &errors)
                        : desk.update_comparison(*req.user, c, &errors);
    if (saved)
      return redirect(
          req, "/catalog/products/" + std::to_string(product->value) + "?saved=1#comparisons");
    if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
      return error_page(req, ctx, saved.error());
    if (errors.empty()) errors.add(saved.error());
  }
  json::object data;
  add_form_errors(data, req, ctx.catalog, errors);
  auto typed = typed_comparison(req);
  if (is_new) {
    data["new_comparison"] = std::move(typed);
  } else {
    typed["id"] = c.id.value;
    data["edited_comparison"] = std::move(typed);
  }
  const int status = errors.errors.front().code == ErrorCode::conflict ? 409 : 422;
  return product_page(req, ctx, *product, status, std::move(data));
}

Response delete_comparison_page(Request& req, WebContext& ctx) {
  auto id = id_param<domain::CompetitorComparison>(req);
  if (!id) return error_page(req, ctx, 404);
  auto desk = advisor_desk_of(ctx);
  auto c = desk.comparison(*req.user, *id);
  if (!c) return error_page(req, ctx, c.error());
  if (auto ok = desk.remove_comparison(*req.user, *id, form_int(req, "version", 0)); !ok) {
    if (ok.error().code != ErrorCode::conflict) return error_page(req, ctx, ok.error());
    json::object data;
    add_form_error(data, req, ctx.catalog, ok.error());
    return product_page(req, ctx, c->product, 409, std::move(data));
  }
  return redirect(req,
                  "/catalog/products/" + std::to_string(c->product.value) + "?saved=1#comparisons");
}

// ---- The advisor pane ----

std::string advisor_price_label(const Request& req, const app::AdvisorResult& r,
                                const app::AdvisorItem& item) {
  if (!item.price || !r.price_list) return "—";
  return i18n::format_money(req.language, Money{item.price->unit_price, r.price_list->currency});
}

json::object advisor_item_data(const Request& req, const WebContext& ctx,
                               const app::AdvisorResult& r, const app::AdvisorItem& item,
                               const std::vector<std::int64_t>& chosen) {
  const auto& p = item.product;
  json::array features, literature, comparisons;
  for (const auto& f : p.features) features.push_back({{"name", f.name}, {"value", f.value}});
  for (const auto& l : item.literature) literature.push_back(literature_row(req, ctx, l));
  for (const auto& c : item.comparisons) comparisons.push_back(comparison_row(req, c));
  return {{"id", p.id.value},
          {"product_id", p.id.value},
          {"code", p.code},
          {"name", domain::product_name(p, req.language)},
          {"description", req.language == Language::fr && !p.description_fr.empty()
                              ? p.description_fr
                              : (p.description_en.empty() ? p.description_fr : p.description_en)},
          {"price", advisor_price_label(req, r, item)},
          {"unit", ctx.catalog.text(req.language, "product.unit." + p.unit)},
          {"features", std::move(features)},
          {"has_features", !p.features.empty()},
          {"literature", std::move(literature)},
          {"has_literature", !item.literature.empty()},
          {"comparisons", std::move(comparisons)},
          {"has_comparisons", !item.comparisons.empty()},
          {"chosen", std::find(chosen.begin(), chosen.end(), p.id.value) != chosen.end()}};
}

// The products chosen to compare (?products=1&products=2, or "1,2").
std::vector<std::int64_t> chosen_products(const Request& req) {
  std::vector<std::int64_t> out;
  for (const auto& [name, value] : req.query) {
    if (name != "products") continue;
    std::size_t at = 0;
    while (at <= value.size()) {
      auto comma = value.find(',', at);
      if (comma == std::string::npos) comma = value.size();
      if (auto id = positive_int(std::string_view(value).substr(at, comma - at)))
        out.push_back(*id);
      at = comma + 1;
    }
  }
  return out;
}

Response advisor_page(Request& req, WebContext& ctx, std::optional<Id<domain::Quote>> quote_id,
                      json::object data = {}, int status = 200) {
  if (auto ok = app::require(*req.user, app::Capability::read_catalog); !ok)
    return error_page(req, ctx, ok.error());
  app::AdvisorScope scope;
  std::string base = "/advisor";
  if (quote_id) {
    auto view = app::QuoteDesk(ctx.db, ctx.clock).view(*req.user, *quote_id);
    if (!view) return error_page(req, ctx, view.error());
    scope.price_list = view->quote.price_list;
    base = "/quotes/" + std::to_string(quote_id->value) + "/advisor";
    data["quote"] = json::object{{"id", view->quote.id.value},
                                 {"number", view->quote.number},
                                 {"version", view->quote.version},
                                 {"href", "/quotes/" + std::to_string(view->quote.id.value)},
                                 {"can_add", domain::check_editable(view->quote).has_value()}};
    data["customer_name"] = view->customer.display_name();
  } else if (auto customer = positive_int(req.query_value("customer"))) {
    scope.customer = *customer;
    data["customer_id"] = *customer;
    if (auto c = ctx.customers.view(*req.user, Id<domain::Customer>{*customer}))
      data["customer_name"] = c->customer.display_name();
  }
  const std::string& q = req.query_value("q");
  auto chosen = chosen_products(req);
  auto desk = advisor_desk_of(ctx);
  auto found = desk.search(*req.user, q, scope);
  if (!found) return error_page(req, ctx, found.error());
  json::array results;
  for (const auto& item : found->items)
    results.push_back(advisor_item_data(req, ctx, *found, item, chosen));
  data["q"] = q;
  data["action"] = base;
  data["results"] = std::move(results);
  data["has_results"] = !found->items.empty();
  data["price_list"] = found->price_list
                           ? domain::price_list_name(*found->price_list, req.language) + " (" +
                                 found->price_list->currency + ")"
                           : ctx.catalog.text(req.language, "advisor.no_price_list");
  if (req.query_value("compare") == "1") {
    auto compared = desk.compare(*req.user, chosen, scope);
    if (!compared) {
      if (compared.error().code == ErrorCode::forbidden)
        return error_page(req, ctx, compared.error());
      data["compare_error"] = ctx.catalog.message(req.language, compared.error());
      status = 422;
    } else {
      json::array columns, rows;
      for (const auto& item : compared->items)
        columns.push_back(advisor_item_data(req, ctx, *compared, item, chosen));
      for (const auto& name : compared->feature_names) {
        json::array values;
        for (const auto& item : compared->items) {
          auto v = domain::feature_value(item.product, name);
          values.push_back(json::object{{"value", v.empty() ? std::string("—") : v}});
        }
        rows.push_back({{"name", name}, {"values", std::move(values)}});
      }
      data["compare"] = json::object{{"columns", std::move(columns)}, {"rows", std::move(rows)}};
    }
  }
  std::string title = ctx.catalog.text(req.language, "advisor.title");
  return html_response(status, ctx.views.page(req, "advisor", data, title));
}

// Adds the product to the quote (the quote's version from the form) and
// goes to the quote, where the line shows.
Response advisor_add_line(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  FieldErrors errors;
  app::QuoteLineInput line;
  if (auto product = positive_int(req.form_value("product")))
    line.product = Id<domain::Product>{*product};
  else
    errors.add(Error::invalid("field.required", "product"));
  // The Add button has no quantity field: one, unless a quantity is given.
  const std::string& typed = req.form_value("quantity");
  if (typed.empty())
    line.quantity = app::kDefaultLineQuantity;
  else if (auto quantity = app::read_typed_quantity(typed, req.language, "quantity", errors))
    line.quantity = *quantity;
  if (errors.empty()) {
    auto added = app::QuoteDesk(ctx.db, ctx.clock)
                     .add_line(*req.user, *id, form_int(req, "version", 0), line, &errors);
    if (added)
      return redirect(req, "/quotes/" + std::to_string(id->value) + "?done=line_added#lines");
    if (added.error().code == ErrorCode::forbidden || added.error().code == ErrorCode::not_found)
      return error_page(req, ctx, added.error());
    if (errors.empty()) errors.add(added.error());
  }
  json::object data;
  add_form_errors(data, req, ctx.catalog, errors);
  return advisor_page(req, ctx, *id, std::move(data),
                      errors.errors.front().code == ErrorCode::conflict ? 409 : 422);
}

}  // namespace

void register_advisor_pages(Router& router, WebContext& ctx) {
  router
      .post("/catalog/products/{id}/literature", Access::staff,
            [&ctx](Request& r) { return upload_product_literature(r, ctx); })
      .taking_upload(app::Capability::manage_catalog);
  router.get("/literature/{id}", Access::staff,
             [&ctx](Request& r) { return open_literature(r, ctx); });
  router.post("/literature/{id}/delete", Access::staff,
              [&ctx](Request& r) { return delete_literature_page(r, ctx); });
  router.post("/catalog/products/{id}/comparisons", Access::staff,
              [&ctx](Request& r) { return save_comparison_page(r, ctx, true); });
  router.post("/comparisons/{id}", Access::staff,
              [&ctx](Request& r) { return save_comparison_page(r, ctx, false); });
  router.post("/comparisons/{id}/delete", Access::staff,
              [&ctx](Request& r) { return delete_comparison_page(r, ctx); });
  router.get("/advisor", Access::staff,
             [&ctx](Request& r) { return advisor_page(r, ctx, std::nullopt); });
  router.get("/quotes/{id}/advisor", Access::staff, [&ctx](Request& r) {
    auto id = id_param<domain::Quote>(r);
    if (!id) return error_page(r, ctx, 404);
    return advisor_page(r, ctx, *id);
  });
  router.post("/quotes/{id}/advisor/lines", Access::staff,
              [&ctx](Request& r) { return advisor_add_line(r, ctx); });
}

}  // namespace rapport::web::ui
