// The sendings' pages (quotes-orders-assets.md, "Quote", Output): Send
// on the quote page, Retry of a failed sending, a sending's document as it
// was sent, and the print queue — the letters waiting, Print all (one PDF
// of every letter not posted, as a new batch) and Mark as posted for a
// printed batch. Every action is one app::QuoteSendingDesk call.
#include <set>

#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/page_text.h"
#include "web/ui/quotes/sending_view_data.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

Response pdf_response(std::string pdf, const std::string& filename) {
  Response r = text_response(200, std::move(pdf), "application/pdf");
  r.set_header("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

// Send: by the channel chosen (e-mail, fax, letter); a refusal (Verify's
// problems, no e-mail or fax number) comes back on the quote page.
Response send_quote(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Quote>(req);
  if (!id) return error_page(req, ctx, 404);
  const auto channel = enum_from_code<domain::QuoteChannel>(req.form_value("channel"))
                           .value_or(domain::QuoteChannel::other);
  FieldErrors errors;
  auto sent =
      sending_desk_of(ctx).send(*req.user, *id, form_int(req, "version", 0), channel, &errors);
  if (!sent) return quote_page_refused(req, ctx, *id, sent.error(), errors);
  return redirect(req, "/quotes/" + std::to_string(id->value) + "?done=" +
                           (channel == domain::QuoteChannel::letter ? "letter_queued" : "sent") +
                           "#sendings");
}

// Retry: a failed sending queued again, back on its quote's page.
Response retry_sending(Request& req, WebContext& ctx) {
  auto id = id_param<domain::QuoteSending>(req);
  if (!id) return error_page(req, ctx, 404);
  auto desk = sending_desk_of(ctx);
  auto s = desk.find(*req.user, *id);
  if (!s) return error_page(req, ctx, s.error());
  auto retried = desk.retry(*req.user, *id, form_int(req, "version", 0));
  if (!retried) return quote_page_refused(req, ctx, s->quote, retried.error(), {});
  return redirect(req, "/quotes/" + std::to_string(s->quote.value) + "?done=retried#sendings");
}

Response sending_document(Request& req, WebContext& ctx) {
  auto id = id_param<domain::QuoteSending>(req);
  if (!id) return error_page(req, ctx, 404);
  auto desk = sending_desk_of(ctx);
  auto s = desk.find(*req.user, *id);
  if (!s) return error_page(req, ctx, s.error());
  auto pdf = desk.pdf(*req.user, *id);
  if (!pdf) return error_page(req, ctx, pdf.error());
  return pdf_response(std::move(*pdf), s->filename);
}

Response render_print_queue(Request& req, WebContext& ctx, int status, json::object d) {
  auto letters = sending_desk_of(ctx).print_queue(*req.user);
  if (!letters) return error_page(req, ctx, letters.error());
  add_sendings(d, req, ctx, *letters);
  std::set<std::int64_t> printed;
  auto rows = d["sendings"].as_array();
  for (std::size_t i = 0; i < letters->size(); ++i) {
    const auto& l = (*letters)[i];
    rows[i].as_object()["batch"] = l.print_batch ? json::value(*l.print_batch) : json::value("");
    if (l.status == domain::SendingStatus::printed && l.print_batch) printed.insert(*l.print_batch);
  }
  json::array batches;
  for (auto b : printed)
    batches.push_back(
        {{"batch", b},
         {"label", text(req, ctx, "print_queue.mark_posted", {{"batch", std::to_string(b)}})},
         {"pdf_label", text(req, ctx, "print_queue.batch_pdf", {{"batch", std::to_string(b)}})},
         {"csrf_token", req.csrf_token}});
  d["batches"] = std::move(batches);
  d["has_letters"] = !rows.empty();
  d["letters"] = std::move(rows);
  d["csrf_token"] = req.csrf_token;
  if (auto batch = positive_int(req.query_value("batch"))) {
    d["printed_batch"] = *batch;
    d["printed_label"] = text(req, ctx, "print_queue.printed", {{"batch", std::to_string(*batch)}});
  }
  return html_response(status, ctx.views.page(req, "print_queue", std::move(d),
                                              text(req, ctx, "print_queue.title")));
}

Response print_queue_page(Request& req, WebContext& ctx) {
  json::object d;
  if (auto posted = positive_int(req.query_value("posted")))
    d["alert_success"] =
        text(req, ctx, "print_queue.posted_done", {{"count", std::to_string(*posted)}});
  return render_print_queue(req, ctx, 200, std::move(d));
}

Response print_queue_refused(Request& req, WebContext& ctx, const Error& error) {
  if (error.code != ErrorCode::invalid_input && error.code != ErrorCode::conflict)
    return error_page(req, ctx, error);
  json::object d;
  add_form_error(d, req, ctx.catalog, error);
  return render_print_queue(req, ctx, http_status(error.code), std::move(d));
}

Response print_all_letters(Request& req, WebContext& ctx) {
  auto printed = sending_desk_of(ctx).print_all(*req.user);
  if (!printed) return print_queue_refused(req, ctx, printed.error());
  return redirect(req, "/print-queue?batch=" + std::to_string(printed->batch));
}

Response batch_letters_pdf(Request& req, WebContext& ctx) {
  auto batch = positive_int(req.param("batch"));
  if (!batch) return error_page(req, ctx, 404);
  auto letters = sending_desk_of(ctx).batch_letters(*req.user, *batch);
  if (!letters) return error_page(req, ctx, letters.error());
  return pdf_response(std::move(letters->pdf), "letters-" + std::to_string(*batch) + ".pdf");
}

Response mark_batch_posted(Request& req, WebContext& ctx) {
  auto batch = positive_int(req.param("batch"));
  if (!batch) return error_page(req, ctx, 404);
  auto posted = sending_desk_of(ctx).mark_posted(*req.user, *batch);
  if (!posted) return print_queue_refused(req, ctx, posted.error());
  return redirect(req, "/print-queue?posted=" + std::to_string(*posted));
}

}  // namespace

void register_sending_pages(Router& router, WebContext& ctx) {
  router.post("/quotes/{id}/send", Access::staff,
              [&ctx](Request& r) { return send_quote(r, ctx); });
  router.post("/sendings/{id}/retry", Access::staff,
              [&ctx](Request& r) { return retry_sending(r, ctx); });
  router.get("/sendings/{id}/document", Access::staff,
             [&ctx](Request& r) { return sending_document(r, ctx); });
  router.get("/print-queue", Access::staff,
             [&ctx](Request& r) { return print_queue_page(r, ctx); });
  router.post("/print-queue/print", Access::staff,
              [&ctx](Request& r) { return print_all_letters(r, ctx); });
  router.get("/print-queue/batches/{batch}/letters.pdf", Access::staff,
             [&ctx](Request& r) { return batch_letters_pdf(r, ctx); });
  router.post("/print-queue/batches/{batch}/posted", Access::staff,
              [&ctx](Request& r) { return mark_batch_posted(r, ctx); });
}

}  // namespace rapport::web::ui
