#include "web/ui/quotes/sending_view_data.h"

#include <boost/json.hpp>

#include "app/access.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/page_text.h"

namespace rapport::web::ui {
namespace json = boost::json;

app::QuoteSendingDesk sending_desk_of(const WebContext& ctx) {
  return app::QuoteSendingDesk(ctx.db, ctx.clock, ctx.catalog, ctx.jobs);
}

namespace {

const char* sending_badge(domain::SendingStatus s) {
  switch (s) {
    case domain::SendingStatus::sent:
    case domain::SendingStatus::posted:
      return "badge badge-ok";
    case domain::SendingStatus::failed:
      return "badge badge-error";
    case domain::SendingStatus::printed:
      return "badge badge-info";
    case domain::SendingStatus::queued:
      break;
  }
  return "badge badge-warn";
}

}  // namespace

void add_sendings(json::object& data, const Request& req, const WebContext& ctx,
                  const std::vector<domain::QuoteSending>& sendings) {
  const std::string zone = user_zone(req);
  auto desk = sending_desk_of(ctx);
  const auto settings = desk.mail_settings();
  json::array rows;
  for (const auto& s : sendings) {
    json::object r{{"id", s.id.value},
                   {"quote_id", s.quote.value},
                   {"quote_number", s.quote_number},
                   {"revision", s.revision},
                   {"version", s.version},
                   {"when", i18n::format_date_time(req.language, s.created_at, zone)},
                   {"channel_code", enum_code(s.channel)},
                   {"channel", code_label(req, ctx, "sending.channel", enum_code(s.channel))},
                   {"recipient", s.recipient},
                   {"status_code", enum_code(s.status)},
                   {"status", code_label(req, ctx, "sending.status", enum_code(s.status))},
                   {"status_class", sending_badge(s.status)},
                   {"attempts", s.attempts},
                   {"filename", s.filename},
                   {"csrf_token", req.csrf_token},
                   {"can_retry", req.user && desk.may_retry(*req.user, s)}};
    // Set even when empty: Mustache would otherwise read the page's own
    // "address" or "error".
    r["mail_address"] = s.address != s.recipient ? s.address : std::string();
    r["error"] = "";
    if (auto e = app::last_error_of(s, settings))
      r["error"] = localized_message(req, ctx.catalog, *e);
    rows.push_back(std::move(r));
  }
  data["has_sendings"] = !rows.empty();
  data["sendings"] = std::move(rows);
}

void add_quote_sendings(json::object& data, const Request& req, const WebContext& ctx,
                        const domain::Quote& quote) {
  if (!req.user || !app::allowed(*req.user, app::Capability::take_orders)) return;
  auto desk = sending_desk_of(ctx);
  if (auto sendings = desk.of_quote(*req.user, quote.id)) add_sendings(data, req, ctx, *sendings);
  const bool sendable = domain::may_be_sent(quote);
  data["can_send"] = sendable;
  if (!sendable) return;
  auto chosen = desk.default_channel(*req.user, quote.id);
  const std::string typed = req.form_value("channel");
  json::array channels;
  for (auto c :
       {domain::QuoteChannel::email, domain::QuoteChannel::fax, domain::QuoteChannel::letter}) {
    const bool selected = typed.empty() ? chosen && *chosen == c : typed == enum_code(c);
    channels.push_back({{"code", enum_code(c)},
                        {"label", code_label(req, ctx, "sending.channel", enum_code(c))},
                        {"selected", selected}});
  }
  data["channels"] = std::move(channels);
}

void add_customer_sendings(json::object& data, const Request& req, const WebContext& ctx,
                           std::int64_t customer) {
  if (!req.user || !app::allowed(*req.user, app::Capability::take_orders)) return;
  if (auto sendings = sending_desk_of(ctx).of_customer(*req.user, customer))
    add_sendings(data, req, ctx, *sendings);
}

}  // namespace rapport::web::ui
