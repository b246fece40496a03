// The CSV imports of the manager's pages — customers (Manage ▸ Import
// customers) and contact info (from the contact plans): the upload form,
// and the upload itself, which starts a job and goes to its progress page.
#include <algorithm>

#include <boost/json.hpp>

#include "app/contactplan/contact_info_import.h"
#include "app/customers/customer_import.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/server.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

// What tells one import page from another.
struct ImportPage {
  const char* path;  // of the form and the upload
  app::Capability capability;
  const char* view;
  const char* title_key;
  const char* job_kind;
  bool skip_option;  // "import the good rows even if some rows are bad"
  std::size_t max_rows;
  std::uint64_t max_bytes;  // the import's own limit; an upload is also held to kMaxUploadBytes
};

constexpr ImportPage kCustomers{"/customers/import", app::Capability::import_customers,
                                "customer_import",   "import.title",
                                "customer_import",   true,
                                app::kMaxImportRows, app::kMaxImportBytes};
constexpr ImportPage kContactInfos{"/plans/import",
                                   app::Capability::manage_plans,
                                   "contact_info_import",
                                   "contact_info_import.title",
                                   "contact_info_import",
                                   false,
                                   app::kMaxContactInfoImportRows,
                                   app::kMaxContactInfoImportBytes};

Response render(const Request& req, const WebContext& ctx, const ImportPage& page, int status,
                boost::json::object data) {
  data["action"] = page.path;
  data["skip_option"] = page.skip_option;
  const std::uint64_t max_bytes = std::min<std::uint64_t>(page.max_bytes, kMaxUploadBytes);
  data["limits"] = ctx.catalog.text(
      req.language, "import.limits",
      {{"max_rows", i18n::format_integer(req.language, static_cast<std::int64_t>(page.max_rows))},
       {"max_mb", i18n::format_integer(req.language, static_cast<std::int64_t>(max_bytes >> 20))}});
  return html_response(
      status, ctx.views.page(req, page.view, data, ctx.catalog.text(req.language, page.title_key)));
}

Response show_import(Request& req, WebContext& ctx, const ImportPage& page) {
  if (auto ok = app::require(*req.user, page.capability); !ok)
    return error_page(req, ctx, ok.error());
  return render(req, ctx, page, 200, {});
}

// The body is the CSV file itself (app.js sends it so); a multipart form
// posted without the script is refused with a message.
Response upload(Request& req, WebContext& ctx, const ImportPage& page) {
  if (!req.header("content-type").starts_with("text/csv")) {
    boost::json::object data;
    add_form_error(data, req, ctx.catalog, Error::invalid("import.needs_script", "file"));
    return render(req, ctx, page, 415, data);
  }
  if (req.body_size() == 0) {
    boost::json::object data;
    add_form_error(data, req, ctx.catalog, Error::invalid("import.file_empty", "file"));
    return render(req, ctx, page, 422, data);
  }
  boost::json::object params;
  if (page.skip_option) params["skip_bad_rows"] = req.query_value("skip_bad_rows") == "1";
  auto body = req.body_stream();
  auto job = ctx.jobs.start(*req.user, page.job_kind, boost::json::serialize(params), *body);
  if (!job) return error_page(req, ctx, job.error());
  return redirect(req, "/jobs/" + std::to_string(job->value));
}

void register_page(Router& router, WebContext& ctx, const ImportPage& page) {
  router.get(page.path, Access::staff,
             [&ctx, &page](Request& r) { return show_import(r, ctx, page); });
  router.post(page.path, Access::staff, [&ctx, &page](Request& r) { return upload(r, ctx, page); })
      .taking_upload(page.capability);
}

}  // namespace

void register_import_pages(Router& router, WebContext& ctx) {
  register_page(router, ctx, kCustomers);
}

void register_contact_info_import_pages(Router& router, WebContext& ctx) {
  register_page(router, ctx, kContactInfos);
}

}  // namespace rapport::web::ui
