// The fulfilment queue (quotes-orders-assets.md, "Fulfilment"): the open
// lines of submitted orders, oldest delivery first, each completed or
// failed with a reason by the fulfilment role; from the queue or from the
// order page, through the same app::SalesOrderDesk calls as the API.
#include <boost/json.hpp>

#include "app/sales/fulfilment_batch.h"
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
using domain::SalesOrder;

constexpr int kQueuePageSize = 50;

Response fulfilment_queue_page(Request& req, WebContext& ctx, int status, json::object d) {
  int offset = 0;
  if (auto asked = positive_int(req.query_value("offset")); asked && *asked < 1'000'000)
    offset = static_cast<int>(*asked);
  auto queue = ctx.sales.fulfilment_queue(*req.user, kQueuePageSize + 1, offset);
  if (!queue) return error_page(req, ctx, queue.error());
  const bool more = static_cast<int>(queue->size()) > kQueuePageSize;
  if (more) queue->resize(kQueuePageSize);
  json::array rows;
  for (const auto& q : *queue) {
    const std::string& name =
        req.language == Language::fr && !q.product_name_fr.empty()
            ? q.product_name_fr
            : (q.product_name_en.empty() ? q.product_name_fr : q.product_name_en);
    rows.push_back(
        {{"order_id", q.order},
         {"order_number", q.order_number},
         {"customer_id", q.customer},
         {"customer_name", q.customer_name},
         {"requested_delivery", q.requested_delivery
                                    ? i18n::format_civil_date(req.language, *q.requested_delivery)
                                    : std::string()},
         {"line_id", q.line.id.value},
         {"line_number", q.line.line_number},
         {"code", q.line.product_code},
         {"product", name},
         {"quantity", i18n::format_decimal(req.language, q.line.quantity, 3)},
         {"trackable", q.trackable}});
  }
  d["csrf_token"] = req.csrf_token;
  d["has_rows"] = !rows.empty();
  d["rows"] = std::move(rows);
  if (more) d["next_href"] = "/fulfilment?offset=" + std::to_string(offset + kQueuePageSize);
  if (offset > 0) d["first_href"] = "/fulfilment";
  return html_response(
      status, ctx.views.page(req, "fulfilment", std::move(d), text(req, ctx, "fulfilment.title")));
}

Response show_fulfilment_queue(Request& req, WebContext& ctx) {
  json::object d;
  const std::string& done = req.query_value("done");
  const std::string& number = req.query_value("order");
  if ((done == "completed" || done == "failed") && !number.empty() && number.size() < 40)
    d["alert_success"] = text(req, ctx, "fulfilment.done." + done,
                              {{"number", number}, {"line", req.query_value("line")}});
  return fulfilment_queue_page(req, ctx, 200, std::move(d));
}

// Completes or fails a line. From the queue (from=queue) the order is taken
// as it is now, so several lines of one order are worked in a row; from the
// order page, at the version shown.
Response fulfil_sales_line(Request& req, WebContext& ctx, bool complete) {
  auto id = id_param<SalesOrder>(req);
  auto line = id_param<domain::SalesOrderLine>(req, "line");
  if (!id || !line) return error_page(req, ctx, 404);
  const bool from_queue = req.form_value("from") == "queue";
  std::optional<Version> version;
  if (!from_queue) version = form_int(req, "version", 0);
  const std::string& reason = req.form_value("reason");
  auto done = complete ? ctx.sales.complete_line(*req.user, *id, version, *line)
                       : ctx.sales.fail_line(*req.user, *id, version, *line, reason);
  if (done) {
    if (from_queue) {
      int number = 0;
      for (const auto& l : done->lines)
        if (l.id == *line) number = l.line_number;
      return redirect(req, "/fulfilment?done=" + std::string(complete ? "completed" : "failed") +
                               "&order=" + url_encode(done->number) +
                               "&line=" + std::to_string(number));
    }
    auto entry = order_entry_of(req, ctx, *done);
    return redirect(req, sales_order_href(done->id.value, entry) + (entry ? "&" : "?") +
                             "done=" + (complete ? "line_completed" : "line_failed") + "#lines");
  }
  const Error& e = done.error();
  if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict)
    return error_page(req, ctx, e);
  json::object d;
  add_form_error(d, req, ctx.catalog, e);
  if (from_queue) return fulfilment_queue_page(req, ctx, http_status(e.code), std::move(d));
  auto view = ctx.sales.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  return render_sales_order(req, ctx, http_status(e.code), *view,
                            order_entry_of(req, ctx, view->order), std::move(d));
}

// Completes every line of the queue as a job (progress and cancel on the
// job's page).
Response complete_whole_queue(Request& req, WebContext& ctx) {
  app::FulfilmentBatchRequest batch;
  batch.whole_queue = true;
  auto job = app::start_fulfilment_batch(ctx.jobs, ctx.db, *req.user, batch);
  if (job) return redirect(req, "/jobs/" + std::to_string(job->value));
  const Error& e = job.error();
  if (e.code != ErrorCode::invalid_input) return error_page(req, ctx, e);
  json::object d;
  add_form_error(d, req, ctx.catalog, e);
  return fulfilment_queue_page(req, ctx, 422, std::move(d));
}

}  // namespace

void register_fulfilment_pages(Router& router, WebContext& ctx) {
  router.get("/fulfilment", Access::staff,
             [&ctx](Request& r) { return show_fulfilment_queue(r, ctx); });
  router.post("/fulfilment/complete-all", Access::staff,
              [&ctx](Request& r) { return complete_whole_queue(r, ctx); });
  router.post("/sales-orders/{id}/lines/{line}/complete", Access::staff,
              [&ctx](Request& r) { return fulfil_sales_line(r, ctx, true); });
  router.post("/sales-orders/{id}/lines/{line}/fail", Access::staff,
              [&ctx](Request& r) { return fulfil_sales_line(r, ctx, false); });
}

}  // namespace rapport::web::ui
