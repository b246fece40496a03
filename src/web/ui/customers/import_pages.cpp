// The manager's CSV import of customers: the upload form, and the upload
// itself, which starts a job and goes to its progress page.
#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

Response render(const Request& req, const WebContext& ctx, int status, boost::json::object data) {
  return html_response(status, ctx.views.page(req, "customer_import", data,
                                              ctx.catalog.text(req.language, "import.title")));
}

Response show_import(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::import_customers); !ok)
    return error_page(req, ctx, ok.error());
  return render(req, ctx, 200, {});
}

// The body is the CSV file itself (app.js sends it so); a multipart form
// posted without the script is refused with a message.
Response upload(Request& req, WebContext& ctx) {
  if (!req.header("content-type").starts_with("text/csv")) {
    boost::json::object data;
    add_form_error(data, req, ctx.catalog, Error::invalid("import.needs_script", "file"));
    return render(req, ctx, 415, data);
  }
  if (req.body.empty()) {
    boost::json::object data;
    add_form_error(data, req, ctx.catalog, Error::invalid("import.file_empty", "file"));
    return render(req, ctx, 422, data);
  }
  const bool skip = req.query_value("skip_bad_rows") == "1";
  auto job = ctx.jobs.start(*req.user, "customer_import",
                            boost::json::serialize(boost::json::object{{"skip_bad_rows", skip}}),
                            req.body);
  if (!job) return error_page(req, ctx, job.error());
  return redirect(req, "/jobs/" + std::to_string(job->value));
}

}  // namespace

void register_import_pages(Router& router, WebContext& ctx) {
  router.get("/customers/import", Access::staff,
             [&ctx](Request& r) { return show_import(r, ctx); });
  router.post("/customers/import", Access::staff, [&ctx](Request& r) { return upload(r, ctx); });
}

}  // namespace rapport::web::ui
