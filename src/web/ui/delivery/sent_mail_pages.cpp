// "Sent mail (test sink)" (admins): the messages captured by the local SMTP
// sink of `make run` (app/delivery/mail_sink_desk.h), one opened with its
// text and attachments to download.
#include <boost/json.hpp>

#include "app/delivery/mail_sink_desk.h"
#include "web/ui/error_page.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

std::string sent_mail_when(const Request& req, const std::string& received) {
  auto t = parse_instant(received);
  return t ? format_local(*t, req.user->time_zone) : received;
}

std::string sent_mail_size(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " kB";
  return std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MB";
}

boost::json::object sent_mail_row(const Request& req, const app::SinkMessage& m) {
  boost::json::array attachments;
  int n = 0;
  for (const auto& a : m.attachments)
    attachments.push_back({{"n", ++n},
                           {"filename", a.filename},
                           {"content_type", a.content_type},
                           {"size", sent_mail_size(a.size)}});
  std::string recipients;
  for (const auto& r : m.recipients) recipients += (recipients.empty() ? "" : ", ") + r;
  return {{"id", m.id},
          {"received", sent_mail_when(req, m.received)},
          {"from", m.from},
          {"to", m.to},
          {"recipients", recipients},
          {"subject", m.subject},
          {"language", m.language},
          {"has_language", !m.language.empty()},
          {"text", m.text},
          {"has_attachments", !attachments.empty()},
          {"attachments", std::move(attachments)}};
}

Response list_sent_mail(Request& req, WebContext& ctx) {
  app::MailSinkDesk sink(ctx.options.mail_sink_dir);
  auto messages = sink.list(*req.user);
  if (!messages) return error_page(req, ctx, messages.error());
  boost::json::array rows;
  for (const auto& m : *messages) rows.push_back(sent_mail_row(req, m));
  boost::json::object data{{"configured", sink.configured()},
                           {"folder", sink.folder()},
                           {"has_messages", !rows.empty()},
                           {"messages", std::move(rows)}};
  return html_response(200, ctx.views.page(req, "sent_mail", data,
                                           ctx.catalog.text(req.language, "sent_mail.title")));
}

Response show_sent_mail(Request& req, WebContext& ctx) {
  app::MailSinkDesk sink(ctx.options.mail_sink_dir);
  auto m = sink.get(*req.user, req.param("id"));
  if (!m) return error_page(req, ctx, m.error());
  auto data = sent_mail_row(req, *m);
  return html_response(200, ctx.views.page(req, "sent_mail_message", data, m->subject));
}

Response sent_mail_attachment(Request& req, WebContext& ctx) {
  app::MailSinkDesk sink(ctx.options.mail_sink_dir);
  auto n = positive_int(req.param("n"));
  if (!n || *n > 1000) return error_page(req, ctx, 404);
  auto file = sink.attachment(*req.user, req.param("id"), static_cast<int>(*n));
  if (!file) return error_page(req, ctx, file.error());
  const bool pdf = file->content_type == "application/pdf";
  Response r = text_response(200, std::move(file->bytes),
                             pdf ? "application/pdf" : "application/octet-stream");
  std::string name;
  for (char c : file->filename) name += (c == '"' || c == '\\' || c < ' ') ? '_' : c;
  // A PDF opens in the browser; anything else is downloaded.
  r.set_header("Content-Disposition",
               std::string(pdf ? "inline" : "attachment") + "; filename=\"" + name + "\"");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace

void register_sent_mail_pages(Router& router, WebContext& ctx) {
  router.get("/admin/sent-mail", Access::staff,
             [&ctx](Request& r) { return list_sent_mail(r, ctx); });
  router.get("/admin/sent-mail/{id}", Access::staff,
             [&ctx](Request& r) { return show_sent_mail(r, ctx); });
  router.get("/admin/sent-mail/{id}/attachments/{n}", Access::staff,
             [&ctx](Request& r) { return sent_mail_attachment(r, ctx); });
}

}  // namespace rapport::web::ui
