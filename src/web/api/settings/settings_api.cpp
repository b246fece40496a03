// GET and PUT /api/v1/settings: the installation settings (admins).
#include <boost/json.hpp>

#include "domain/contactplan/contact_plan.h"
#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

using domain::InstallationSettings;
using domain::RecalculationRule;

boost::json::object rule_json(const RecalculationRule& r) {
  return {{"delay_minutes", r.delay_minutes}, {"max_attempts", r.max_attempts}};
}

boost::json::object to_json(const InstallationSettings& s) {
  return {{"company_name", s.company_name},
          {"default_language", std::string(code(s.default_language))},
          {"currency", s.currency},
          {"time_zone", s.time_zone},
          {"country", s.country},
          {"territory_predefined", s.territory_predefined},
          {"default_campaign", s.default_campaign ? boost::json::value(*s.default_campaign)
                                                  : boost::json::value(nullptr)},
          {"smtp_host", s.smtp_host},
          {"smtp_port", s.smtp_port},
          {"smtp_sender", s.smtp_sender},
          {"fax_gateway_domain", s.fax_gateway_domain},
          {"recalculation",
           {{"unavailable", rule_json(s.unavailable)},
            {"busy", rule_json(s.busy)},
            {"call_back", rule_json(s.call_back)}}},
          {"callback_release_minutes", s.callback_release_minutes},
          {"opens", domain::format_local_minutes(s.opens_minutes)},
          {"closes", domain::format_local_minutes(s.closes_minutes)},
          {"quote_validity_days", s.quote_validity_days},
          {"letterhead_address", s.letterhead_address},
          {"letterhead_phone", s.letterhead_phone},
          {"letterhead_email", s.letterhead_email},
          {"letterhead_vat_number", s.letterhead_vat_number},
          {"version", s.version}};
}

void read_rule(const boost::json::object& o, const char* name, RecalculationRule& rule,
               FieldErrors& errors) {
  const auto* r = get_object(o, name, errors, "recalculation");
  if (!r) return;
  const std::string at = member_path("recalculation", name);
  if (auto v = get_int(*r, "delay_minutes", errors, at)) rule.delay_minutes = *v;
  if (auto v = get_int(*r, "max_attempts", errors, at)) rule.max_attempts = *v;
}

// Applies the members present in `o` to `s`: a PUT may send only what
// changes, with the version it read.
void apply(const boost::json::object& o, InstallationSettings& s, FieldErrors& errors) {
  if (auto v = get_string(o, "company_name", errors)) s.company_name = *v;
  if (auto v = get_code<Language>(o, "default_language", errors)) s.default_language = *v;
  if (auto v = get_string(o, "currency", errors)) s.currency = *v;
  if (auto v = get_string(o, "time_zone", errors)) s.time_zone = *v;
  if (auto v = get_string(o, "country", errors)) s.country = *v;
  if (auto v = get_bool(o, "territory_predefined", errors)) s.territory_predefined = *v;
  // A campaign's id, or null for none (that it exists is the desk's check).
  if (is_null_member(o, "default_campaign"))
    s.default_campaign.reset();
  else if (auto v = get_id(o, "default_campaign", errors))
    s.default_campaign = *v;
  if (auto v = get_string(o, "smtp_host", errors)) s.smtp_host = *v;
  if (auto v = get_integer(o, "smtp_port", errors))
    s.smtp_port = (*v < 0 || *v > 65535) ? -1 : static_cast<int>(*v);
  if (auto v = get_string(o, "smtp_sender", errors)) s.smtp_sender = *v;
  if (auto v = get_string(o, "fax_gateway_domain", errors)) s.fax_gateway_domain = *v;
  if (const auto* r = get_object(o, "recalculation", errors)) {
    read_rule(*r, "unavailable", s.unavailable, errors);
    read_rule(*r, "busy", s.busy, errors);
    read_rule(*r, "call_back", s.call_back, errors);
  }
  if (auto v = get_integer(o, "callback_release_minutes", errors))
    s.callback_release_minutes =
        (*v < 0 || *v > domain::kMaxReleaseMinutes) ? -1 : static_cast<int>(*v);
  // "HH:MM"; one that cannot be read is -1, which validate_settings reports.
  if (auto v = get_string(o, "opens", errors))
    s.opens_minutes = domain::parse_local_minutes(*v).value_or(-1);
  if (auto v = get_string(o, "closes", errors))
    s.closes_minutes = domain::parse_local_minutes(*v).value_or(-1);
  if (auto v = get_integer(o, "quote_validity_days", errors))
    s.quote_validity_days =
        (*v < 1 || *v > domain::kMaxQuoteValidityDaysSetting) ? -1 : static_cast<int>(*v);
  if (auto v = get_string(o, "letterhead_address", errors)) s.letterhead_address = *v;
  if (auto v = get_string(o, "letterhead_phone", errors)) s.letterhead_phone = *v;
  if (auto v = get_string(o, "letterhead_email", errors)) s.letterhead_email = *v;
  if (auto v = get_string(o, "letterhead_vat_number", errors)) s.letterhead_vat_number = *v;
  if (auto version = get_version(o, errors)) s.version = *version;
}

Response get_settings(Request& req, WebContext& ctx) {
  auto s = ctx.settings.get(*req.user);
  if (!s) return problem(req, ctx.catalog, s.error());
  return json_ok(200, to_json(*s));
}

Response put_settings(Request& req, WebContext& ctx) {
  auto current = ctx.settings.get(*req.user);
  if (!current) return problem(req, ctx.catalog, current.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  InstallationSettings s = *current;
  FieldErrors errors;
  apply(*body, s, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.settings.update(*req.user, s, &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  return json_ok(200, to_json(*saved));
}

}  // namespace

void register_settings_api(Router& router, WebContext& ctx) {
  router.get("/api/v1/settings", Access::staff,
             [&ctx](Request& r) { return get_settings(r, ctx); });
  router.add("PUT", "/api/v1/settings", Access::staff,
             [&ctx](Request& r) { return put_settings(r, ctx); });
}

}  // namespace rapport::web::api
