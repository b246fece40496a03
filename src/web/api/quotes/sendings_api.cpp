// /api/v1/quotes/{id}/send, /api/v1/sendings, /api/v1/print-queue: a quote
// sent by e-mail, fax or letter (quotes-orders-assets.md, "Quote",
// Output), a failed sending retried, and the print queue's letters printed
// as one PDF by batch and marked as posted. Every call is one
// app::QuoteSendingDesk call, as the pages make.
#include <boost/json.hpp>

#include "app/quotes/quote_sending.h"
#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the unity build compiles this file with the other
// API files.
namespace sending_routes {

namespace json = boost::json;
using domain::QuoteSending;

app::QuoteSendingDesk sendings_of(WebContext& ctx) {
  return app::QuoteSendingDesk(ctx.db, ctx.clock, ctx.catalog, ctx.jobs);
}

json::value sending_instant(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

json::object sending_to_json(const Request& req, WebContext& ctx, const QuoteSending& s,
                             const domain::InstallationSettings& settings) {
  json::object o{{"id", s.id.value},
                 {"quote_id", s.quote.value},
                 {"quote_number", s.quote_number},
                 {"revision", s.revision},
                 {"customer_id", s.customer},
                 {"channel", enum_code(s.channel)},
                 {"recipient", s.recipient},
                 {"address", s.address},
                 {"status", enum_code(s.status)},
                 {"attempts", s.attempts},
                 {"filename", s.filename},
                 {"created_at", format_instant(s.created_at)},
                 {"sent_at", sending_instant(s.sent_at)},
                 {"printed_at", sending_instant(s.printed_at)},
                 {"posted_at", sending_instant(s.posted_at)},
                 {"print_batch", s.print_batch ? json::value(*s.print_batch) : json::value()},
                 {"version", s.version}};
  // Whether this user may retry it now (POST /api/v1/sendings/{id}/retry).
  o["retryable"] = req.user && sendings_of(ctx).may_retry(*req.user, s);
  auto e = app::last_error_of(s, settings);
  o["last_error"] = e ? json::value(e->key) : json::value(nullptr);
  o["last_error_message"] =
      e ? json::value(localized_message(req, ctx.catalog, *e)) : json::value(nullptr);
  return o;
}

json::array sendings_json(const Request& req, WebContext& ctx,
                          const std::vector<QuoteSending>& sendings) {
  const auto settings = sendings_of(ctx).mail_settings();
  json::array items;
  for (const auto& s : sendings) items.push_back(sending_to_json(req, ctx, s, settings));
  return items;
}

Response sending_answer(Request& req, WebContext& ctx, const Result<QuoteSending>& s,
                        const FieldErrors& errors, int status) {
  if (!s) return problem(req, ctx.catalog, s.error(), &errors);
  const auto settings = sendings_of(ctx).mail_settings();
  Response r = json_ok(status, sending_to_json(req, ctx, *s, settings));
  if (status == 201) r.set_header("Location", "/api/v1/sendings/" + std::to_string(s->id.value));
  return r;
}

Response pdf_answer(std::string pdf, const std::string& filename) {
  Response r = text_response(200, std::move(pdf), "application/pdf");
  r.set_header("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

// {version, channel}: 201 with the sending (queued; an e-mail or fax is
// then delivered in the background, its status read back with GET).
Response send_quote(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Quote>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto version = get_version(*body, errors);
  auto channel = get_code<domain::QuoteChannel>(*body, "channel", errors);
  if (!channel && errors.empty()) errors.add(Error::invalid("field.required", "channel"));
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto s = sendings_of(ctx).send(*req.user, *id, *version, *channel, &errors);
  return sending_answer(req, ctx, s, errors, 201);
}

Response quote_sendings(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Quote>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  auto found = sendings_of(ctx).of_quote(*req.user, *id);
  if (!found) return problem(req, ctx.catalog, found.error());
  return json_ok(200, json::object{{"items", sendings_json(req, ctx, *found)}});
}

Response get_sending(Request& req, WebContext& ctx) {
  auto id = id_param<QuoteSending>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("sending.not_found"));
  return sending_answer(req, ctx, sendings_of(ctx).find(*req.user, *id), {}, 200);
}

Response sending_document(Request& req, WebContext& ctx) {
  auto id = id_param<QuoteSending>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("sending.not_found"));
  auto desk = sendings_of(ctx);
  auto s = desk.find(*req.user, *id);
  if (!s) return problem(req, ctx.catalog, s.error());
  auto pdf = desk.pdf(*req.user, *id);
  if (!pdf) return problem(req, ctx.catalog, pdf.error());
  return pdf_answer(std::move(*pdf), s->filename);
}

// {version}: a failed e-mail or fax queued again.
Response retry_sending(Request& req, WebContext& ctx) {
  auto id = id_param<QuoteSending>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("sending.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto version = get_version(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return sending_answer(req, ctx, sendings_of(ctx).retry(*req.user, *id, *version), {}, 200);
}

Response print_queue(Request& req, WebContext& ctx) {
  auto letters = sendings_of(ctx).print_queue(*req.user);
  if (!letters) return problem(req, ctx.catalog, letters.error());
  return json_ok(200, json::object{{"items", sendings_json(req, ctx, *letters)}});
}

json::object batch_json(Request& req, WebContext& ctx, const app::PrintedLetters& p) {
  const std::string at = "/api/v1/print-queue/batches/" + std::to_string(p.batch);
  return {{"batch", p.batch},
          {"letters", sendings_json(req, ctx, p.letters)},
          {"pdf", at + "/letters.pdf"}};
}

// Every letter not posted yet becomes printed in a new batch: 201 with the
// batch, its letters and where its PDF is.
Response print_all(Request& req, WebContext& ctx) {
  auto printed = sendings_of(ctx).print_all(*req.user);
  if (!printed) return problem(req, ctx.catalog, printed.error());
  return json_ok(201, batch_json(req, ctx, *printed));
}

Response batch_pdf(Request& req, WebContext& ctx) {
  auto batch = positive_int(req.param("batch"));
  if (!batch) return problem(req, ctx.catalog, Error::not_found("sending.batch_unknown"));
  auto letters = sendings_of(ctx).batch_letters(*req.user, *batch);
  if (!letters) return problem(req, ctx.catalog, letters.error());
  return pdf_answer(std::move(letters->pdf), "letters-" + std::to_string(*batch) + ".pdf");
}

Response mark_posted(Request& req, WebContext& ctx) {
  auto batch = positive_int(req.param("batch"));
  if (!batch) return problem(req, ctx.catalog, Error::not_found("sending.batch_unknown"));
  auto posted = sendings_of(ctx).mark_posted(*req.user, *batch);
  if (!posted) return problem(req, ctx.catalog, posted.error());
  return json_ok(200, json::object{{"batch", *batch}, {"posted", *posted}});
}

}  // namespace sending_routes

void register_sendings_api(Router& router, WebContext& ctx) {
  using namespace sending_routes;
  router.post("/api/v1/quotes/{id}/send", Access::staff,
              [&ctx](Request& r) { return send_quote(r, ctx); });
  router.get("/api/v1/quotes/{id}/sendings", Access::staff,
             [&ctx](Request& r) { return quote_sendings(r, ctx); });
  router.get("/api/v1/sendings/{id}", Access::staff,
             [&ctx](Request& r) { return get_sending(r, ctx); });
  router.get("/api/v1/sendings/{id}/document", Access::staff,
             [&ctx](Request& r) { return sending_document(r, ctx); });
  router.post("/api/v1/sendings/{id}/retry", Access::staff,
              [&ctx](Request& r) { return retry_sending(r, ctx); });
  router.get("/api/v1/print-queue", Access::staff,
             [&ctx](Request& r) { return print_queue(r, ctx); });
  router.post("/api/v1/print-queue/print", Access::staff,
              [&ctx](Request& r) { return print_all(r, ctx); });
  router.get("/api/v1/print-queue/batches/{batch}/letters.pdf", Access::staff,
             [&ctx](Request& r) { return batch_pdf(r, ctx); });
  router.post("/api/v1/print-queue/batches/{batch}/posted", Access::staff,
              [&ctx](Request& r) { return mark_posted(r, ctx); });
}

}  // namespace rapport::web::api
