#include "store/settings/settings_row.h"

#include "store/row_values.h"

namespace soci {

using rapport::domain::InstallationSettings;
using namespace rapport::store;

void type_conversion<InstallationSettings>::from_base(const values& v, indicator,
                                                      InstallationSettings& s) {
  s.company_name = text_of(v, "company_name");
  s.default_language =
      rapport::parse_language(text_of(v, "default_language")).value_or(rapport::Language::en);
  s.currency = text_of(v, "currency");
  s.time_zone = text_of(v, "time_zone");
  s.country = text_of(v, "country");
  s.territory_predefined = int_of(v, "territory_predefined") != 0;
  s.default_campaign = optional_int64_of(v, "default_campaign");
  s.smtp_host = text_of(v, "smtp_host");
  s.smtp_port = int_of(v, "smtp_port");
  s.smtp_sender = text_of(v, "smtp_sender");
  s.fax_gateway_domain = text_of(v, "fax_gateway_domain");
  s.unavailable = {int_of(v, "delay_unavailable"), int_of(v, "attempts_unavailable")};
  s.busy = {int_of(v, "delay_busy"), int_of(v, "attempts_busy")};
  s.call_back = {int_of(v, "delay_call_back"), int_of(v, "attempts_call_back")};
  s.callback_release_minutes = int_of(v, "callback_release_minutes");
  s.opens_minutes = int_of(v, "opens_minutes");
  s.closes_minutes = int_of(v, "closes_minutes");
  s.quote_validity_days = int_of(v, "quote_validity_days");
  s.letterhead_address = text_of(v, "letterhead_address");
  s.letterhead_phone = text_of(v, "letterhead_phone");
  s.letterhead_email = text_of(v, "letterhead_email");
  s.letterhead_vat_number = text_of(v, "letterhead_vat_number");
  s.version = int64_of(v, "version");
}

void type_conversion<InstallationSettings>::to_base(const InstallationSettings& s, values& v,
                                                    indicator& ind) {
  v.set("company_name", s.company_name);
  v.set("default_language", std::string(rapport::code(s.default_language)));
  v.set("currency", s.currency);
  v.set("time_zone", s.time_zone);
  v.set("country", s.country);
  v.set("territory_predefined", s.territory_predefined ? 1 : 0);
  set_optional_int64(v, "default_campaign", s.default_campaign);
  v.set("smtp_host", s.smtp_host);
  v.set("smtp_port", s.smtp_port);
  v.set("smtp_sender", s.smtp_sender);
  v.set("fax_gateway_domain", s.fax_gateway_domain);
  v.set("delay_unavailable", s.unavailable.delay_minutes);
  v.set("attempts_unavailable", s.unavailable.max_attempts);
  v.set("delay_busy", s.busy.delay_minutes);
  v.set("attempts_busy", s.busy.max_attempts);
  v.set("delay_call_back", s.call_back.delay_minutes);
  v.set("attempts_call_back", s.call_back.max_attempts);
  v.set("callback_release_minutes", s.callback_release_minutes);
  v.set("opens_minutes", s.opens_minutes);
  v.set("closes_minutes", s.closes_minutes);
  v.set("quote_validity_days", s.quote_validity_days);
  v.set("letterhead_address", s.letterhead_address);
  v.set("letterhead_phone", s.letterhead_phone);
  v.set("letterhead_email", s.letterhead_email);
  v.set("letterhead_vat_number", s.letterhead_vat_number);
  v.set("version", static_cast<long long>(s.version));
  ind = i_ok;
}

}  // namespace soci
