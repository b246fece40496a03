// The catalog's CSV import (Manage ▸ Catalog ▸ Import): the upload form,
// with the price list the file's prices go to, and the upload itself,
// which starts a job and goes to its progress page (progress, cancel, the
// bad rows with their line and reason).
#include <algorithm>

#include <boost/json.hpp>

#include "app/catalog/catalog_import.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/server.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

Response render_catalog_import(const Request& req, const WebContext& ctx, int status,
                               boost::json::object data) {
  boost::json::array lists;
  if (auto found = ctx.products.price_lists(*req.user))
    for (const auto& l : *found)
      lists.push_back({{"id", l.id.value},
                       {"label", l.code + " · " + domain::price_list_name(l, req.language) + " (" +
                                     l.currency + ")"},
                       {"selected", req.query_value("price_list") == std::to_string(l.id.value)}});
  data["price_lists"] = std::move(lists);
  data["action"] = "/catalog/import";
  const std::uint64_t max_bytes =
      std::min<std::uint64_t>(app::kMaxCatalogImportBytes, kMaxUploadBytes);
  data["limits"] = ctx.catalog.text(
      req.language, "import.limits",
      {{"max_rows",
        i18n::format_integer(req.language, static_cast<std::int64_t>(app::kMaxCatalogImportRows))},
       {"max_mb", i18n::format_integer(req.language, static_cast<std::int64_t>(max_bytes >> 20))}});
  return html_response(status,
                       ctx.views.page(req, "catalog_import", data,
                                      ctx.catalog.text(req.language, "catalog_import.title")));
}

Response show_catalog_import(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::manage_catalog); !ok)
    return error_page(req, ctx, ok.error());
  return render_catalog_import(req, ctx, 200, {});
}

// The body is the CSV file itself (app.js sends it so, the price list in
// the query).
Response upload_catalog(Request& req, WebContext& ctx) {
  if (!req.header("content-type").starts_with("text/csv")) {
    boost::json::object data;
    add_form_error(data, req, ctx.catalog, Error::invalid("import.needs_script", "file"));
    return render_catalog_import(req, ctx, 415, data);
  }
  if (req.body_size() == 0) {
    boost::json::object data;
    add_form_error(data, req, ctx.catalog, Error::invalid("import.file_empty", "file"));
    return render_catalog_import(req, ctx, 422, data);
  }
  boost::json::object params;
  if (const auto& chosen = req.query_value("price_list"); !chosen.empty()) {
    auto id = positive_int(chosen);
    auto list = id ? ctx.products.price_list(*req.user, Id<domain::PriceList>{*id})
                   : Result<app::PriceListView>(Error::not_found("price_list.not_found"));
    if (!list) {
      if (list.error().code == ErrorCode::forbidden) return error_page(req, ctx, list.error());
      boost::json::object data;
      add_form_error(data, req, ctx.catalog, Error::invalid("price_list.not_found", "price_list"));
      return render_catalog_import(req, ctx, 422, data);
    }
    params["price_list"] = *id;
  }
  auto body = req.body_stream();
  auto job = ctx.jobs.start(*req.user, "catalog_import", boost::json::serialize(params), *body);
  if (!job) return error_page(req, ctx, job.error());
  return redirect(req, "/jobs/" + std::to_string(job->value));
}

}  // namespace

void register_catalog_import_pages(Router& router, WebContext& ctx) {
  router.get("/catalog/import", Access::staff,
             [&ctx](Request& r) { return show_catalog_import(r, ctx); });
  router
      .post("/catalog/import", Access::staff, [&ctx](Request& r) { return upload_catalog(r, ctx); })
      .taking_upload(app::Capability::manage_catalog);
}

}  // namespace rapport::web::ui
