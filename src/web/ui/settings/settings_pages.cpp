// The installation settings page (admins), with the default campaign of
// new service orders.
#include <boost/json.hpp>

#include "domain/contactplan/contact_plan.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

using domain::InstallationSettings;

boost::json::object field(const Request& req, const WebContext& ctx, const char* name,
                          const std::string& value, const char* type, bool required,
                          const boost::json::object& data, const char* list = nullptr) {
  boost::json::object f{{"name", name},
                        {"label", ctx.catalog.text(req.language, std::string("field.") + name)},
                        {"value", value},
                        {"type", type},
                        {"required", required}};
  std::string hint_key = std::string("settings.hint.") + name;
  if (ctx.catalog.has(req.language, hint_key)) f["hint"] = ctx.catalog.text(req.language, hint_key);
  if (auto it = data.find(std::string(name) + "_error"); it != data.end()) f["error"] = it->value();
  if (list) f["list"] = list;
  return f;
}

boost::json::object rule(const Request& req, const WebContext& ctx, const char* name,
                         const char* label_key, const domain::RecalculationRule& r,
                         const boost::json::object& data) {
  boost::json::object row{{"name", name},
                          {"label", ctx.catalog.text(req.language, label_key)},
                          {"delay", r.delay_minutes},
                          {"attempts", r.max_attempts}};
  for (const char* part : {"delay", "attempts"})
    if (auto it = data.find(std::string(name) + "_" + part + "_error"); it != data.end())
      row[std::string(part) + "_error"] = it->value();
  return row;
}

Response render(const Request& req, const WebContext& ctx, int status,
                const InstallationSettings& s, boost::json::object data) {
  data["version"] = s.version;
  data["lang_fr"] = s.default_language == Language::fr;
  data["territory_predefined"] = s.territory_predefined;
  // The default campaign: none, or an active campaign (the one chosen stays
  // listed when it has become inactive, so saving does not drop it).
  boost::json::array campaigns{
      {{"value", ""},
       {"label", ctx.catalog.text(req.language, "settings.default_campaign_none")},
       {"selected", !s.default_campaign}}};
  if (auto all = ctx.campaigns.campaigns(*req.user, false))
    for (const auto& c : *all) {
      const bool chosen = s.default_campaign && *s.default_campaign == c.id.value;
      if (!c.active && !chosen) continue;
      std::string label = c.code + " — " + domain::description(c, req.language);
      if (!c.active) label += " (" + ctx.catalog.text(req.language, "campaign.inactive") + ")";
      campaigns.push_back({{"value", c.id.value}, {"label", label}, {"selected", chosen}});
    }
  data["campaign_options"] = std::move(campaigns);
  data["fields_company"] =
      boost::json::array{field(req, ctx, "company_name", s.company_name, "text", true, data),
                         field(req, ctx, "currency", s.currency, "text", true, data),
                         field(req, ctx, "time_zone", s.time_zone, "text", true, data, "zones"),
                         field(req, ctx, "country", s.country, "text", true, data)};
  data["fields_mail"] = boost::json::array{
      field(req, ctx, "smtp_host", s.smtp_host, "text", true, data),
      field(req, ctx, "smtp_port", std::to_string(s.smtp_port), "number", true, data),
      field(req, ctx, "smtp_sender", s.smtp_sender, "email", true, data),
      field(req, ctx, "fax_gateway_domain", s.fax_gateway_domain, "text", false, data)};
  auto letterhead =
      field(req, ctx, "letterhead_address", s.letterhead_address, "text", false, data);
  letterhead["textarea"] = true;
  data["fields_quotes"] = boost::json::array{
      field(req, ctx, "quote_validity_days",
            s.quote_validity_days < 0 ? req.form_value("quote_validity_days")
                                      : std::to_string(s.quote_validity_days),
            "number", true, data),
      std::move(letterhead),
      field(req, ctx, "letterhead_phone", s.letterhead_phone, "tel", false, data),
      field(req, ctx, "letterhead_email", s.letterhead_email, "email", false, data),
      field(req, ctx, "letterhead_vat_number", s.letterhead_vat_number, "text", false, data)};
  // A time that could not be read is shown as typed.
  auto time_value = [&](const char* name, int minutes) -> std::string {
    return minutes < 0 ? req.form_value(name) : domain::format_local_minutes(minutes);
  };
  data["fields_calls"] = boost::json::array{
      field(req, ctx, "opens", time_value("opens", s.opens_minutes), "text", true, data),
      field(req, ctx, "closes", time_value("closes", s.closes_minutes), "text", true, data),
      field(req, ctx, "callback_release_minutes", std::to_string(s.callback_release_minutes),
            "number", true, data)};
  data["rules"] =
      boost::json::array{rule(req, ctx, "unavailable", "contact_status.11", s.unavailable, data),
                         rule(req, ctx, "busy", "contact_status.20", s.busy, data),
                         rule(req, ctx, "call_back", "contact_status.21", s.call_back, data)};
  auto history = ctx.settings.history(*req.user);
  if (history) add_history(data, req, ctx.catalog, *history);
  return html_response(status, ctx.views.page(req, "settings", data,
                                              ctx.catalog.text(req.language, "settings.title")));
}

InstallationSettings from_form(const Request& req) {
  InstallationSettings s;
  s.company_name = req.form_value("company_name");
  s.default_language = parse_language(req.form_value("default_language")).value_or(Language::en);
  s.currency = req.form_value("currency");
  s.time_zone = req.form_value("time_zone");
  s.country = req.form_value("country");
  s.territory_predefined = req.form_value("territory_predefined") == "1";
  if (auto campaign = positive_int(req.form_value("default_campaign")))
    s.default_campaign = *campaign;
  s.smtp_host = req.form_value("smtp_host");
  s.smtp_port = form_int(req, "smtp_port");
  s.smtp_sender = req.form_value("smtp_sender");
  s.fax_gateway_domain = req.form_value("fax_gateway_domain");
  s.unavailable = {form_int(req, "unavailable_delay"), form_int(req, "unavailable_attempts")};
  s.busy = {form_int(req, "busy_delay"), form_int(req, "busy_attempts")};
  s.call_back = {form_int(req, "call_back_delay"), form_int(req, "call_back_attempts")};
  s.callback_release_minutes = form_int(req, "callback_release_minutes", -1);
  s.opens_minutes = domain::parse_local_minutes(req.form_value("opens")).value_or(-1);
  s.closes_minutes = domain::parse_local_minutes(req.form_value("closes")).value_or(-1);
  s.quote_validity_days = form_int(req, "quote_validity_days", -1);
  // A textarea sends CR LF line ends: kept as LF.
  for (char c : req.form_value("letterhead_address"))
    if (c != '\r') s.letterhead_address += c;
  while (!s.letterhead_address.empty() && s.letterhead_address.back() == '\n')
    s.letterhead_address.pop_back();
  s.letterhead_phone = req.form_value("letterhead_phone");
  s.letterhead_email = req.form_value("letterhead_email");
  s.letterhead_vat_number = req.form_value("letterhead_vat_number");
  s.version = form_int(req, "version", 0);
  return s;
}

Response show_settings(Request& req, WebContext& ctx) {
  auto s = ctx.settings.get(*req.user);
  if (!s) return error_page(req, ctx, s.error());
  boost::json::object data;
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
  return render(req, ctx, 200, *s, data);
}

Response save_settings(Request& req, WebContext& ctx) {
  InstallationSettings submitted = from_form(req);
  FieldErrors errors;
  auto saved = ctx.settings.update(*req.user, submitted, &errors);
  if (saved) return redirect(req, "/admin/settings?saved=1");
  if (saved.error().code == ErrorCode::forbidden) return error_page(req, ctx, saved.error());
  if (errors.empty()) errors.add(saved.error());
  boost::json::object data;
  add_form_errors(data, req, ctx.catalog, errors);
  return render(req, ctx, http_status(saved.error().code), submitted, data);
}

}  // namespace

void register_settings_pages(Router& router, WebContext& ctx) {
  router.get("/admin/settings", Access::staff,
             [&ctx](Request& r) { return show_settings(r, ctx); });
  router.post("/admin/settings", Access::staff,
              [&ctx](Request& r) { return save_settings(r, ctx); });
}

}  // namespace rapport::web::ui
