#include "domain/settings/installation_settings.h"

#include <algorithm>
#include <cctype>

#include "core/money.h"
#include "core/time.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

void check_rule(FieldErrors& errors, const RecalculationRule& rule, const std::string& prefix) {
  if (rule.delay_minutes < 1 || rule.delay_minutes > kMaxDelayMinutes)
    errors.add(Error::invalid("settings.delay_invalid", prefix + "_delay",
                              {{"max", std::to_string(kMaxDelayMinutes)}}));
  if (rule.max_attempts < 1 || rule.max_attempts > kMaxAttempts)
    errors.add(Error::invalid("settings.attempts_invalid", prefix + "_attempts",
                              {{"max", std::to_string(kMaxAttempts)}}));
}

// The letterhead's lines: the address within its lines and lengths, the
// phone and VAT number on one line, the e-mail an address when given.
void check_letterhead(FieldErrors& errors, const InstallationSettings& s) {
  std::size_t lines = 0, start = 0;
  bool too_long = false;
  const std::string& a = s.letterhead_address;
  while (start <= a.size() && !a.empty()) {
    auto end = a.find('\n', start);
    if (end == std::string::npos) end = a.size();
    ++lines;
    if (characters(std::string_view(a).substr(start, end - start)) > 100) too_long = true;
    start = end + 1;
  }
  if (lines > kMaxLetterheadAddressLines || too_long)
    errors.add(Error::invalid("settings.letterhead_address_invalid", "letterhead_address",
                              {{"lines", std::to_string(kMaxLetterheadAddressLines)}}));
  check_line(errors, s.letterhead_phone, 40, "letterhead_phone");
  check_line(errors, s.letterhead_vat_number, 40, "letterhead_vat_number");
  if (!s.letterhead_email.empty() && !looks_like_email(s.letterhead_email))
    errors.add(Error::invalid("field.email_invalid", "letterhead_email"));
}

}  // namespace

bool looks_like_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

bool looks_like_email(std::string_view address) {
  if (address.size() > 254) return false;
  auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 ||
      address.find('@', at + 1) != std::string_view::npos)
    return false;
  auto local = address.substr(0, at);
  auto domain = address.substr(at + 1);
  if (std::any_of(local.begin(), local.end(),
                  [](char c) { return c == ' ' || c == '<' || c == '>'; }))
    return false;
  if (!looks_like_host_name(domain)) return false;
  return domain == "localhost" ||
         (domain.find('.') != std::string_view::npos && domain.back() != '.');
}

FieldErrors validate_settings(const InstallationSettings& s) {
  FieldErrors errors;
  if (s.callback_release_minutes < 0 || s.callback_release_minutes > kMaxReleaseMinutes)
    errors.add(Error::invalid("settings.release_invalid", "callback_release_minutes",
                              {{"max", std::to_string(kMaxReleaseMinutes)}}));
  if (s.company_name.empty() || s.company_name.size() > 100)
    errors.add(Error::invalid("settings.company_name_invalid", "company_name"));
  if (!is_known_currency(s.currency))
    errors.add(Error::invalid("settings.currency_invalid", "currency"));
  if (!is_valid_time_zone(s.time_zone))
    errors.add(Error::invalid("field.time_zone_invalid", "time_zone"));
  if (s.country.size() != 2 || !std::isupper(static_cast<unsigned char>(s.country[0])) ||
      !std::isupper(static_cast<unsigned char>(s.country[1])))
    errors.add(Error::invalid("settings.country_invalid", "country"));
  if (!looks_like_host_name(s.smtp_host))
    errors.add(Error::invalid("settings.smtp_host_invalid", "smtp_host"));
  if (s.smtp_port < 1 || s.smtp_port > 65535)
    errors.add(Error::invalid("settings.smtp_port_invalid", "smtp_port"));
  if (!looks_like_email(s.smtp_sender))
    errors.add(Error::invalid("field.email_invalid", "smtp_sender"));
  if (!s.fax_gateway_domain.empty() && !looks_like_host_name(s.fax_gateway_domain))
    errors.add(Error::invalid("settings.fax_domain_invalid", "fax_gateway_domain"));
  const bool opens_ok = s.opens_minutes >= 0 && s.opens_minutes < 24 * 60;
  const bool closes_ok = s.closes_minutes > 0 && s.closes_minutes <= 24 * 60;
  if (!opens_ok) errors.add(Error::invalid("field.time_invalid", "opens"));
  if (!closes_ok) errors.add(Error::invalid("field.time_invalid", "closes"));
  if (opens_ok && closes_ok && s.opens_minutes >= s.closes_minutes)
    errors.add(Error::invalid("settings.closes_before_opens", "closes"));
  if (s.quote_validity_days < 1 || s.quote_validity_days > kMaxQuoteValidityDaysSetting)
    errors.add(Error::invalid("settings.quote_validity_invalid", "quote_validity_days",
                              {{"max", std::to_string(kMaxQuoteValidityDaysSetting)}}));
  check_letterhead(errors, s);
  check_rule(errors, s.unavailable, "unavailable");
  check_rule(errors, s.busy, "busy");
  check_rule(errors, s.call_back, "call_back");
  return errors;
}

}  // namespace rapport::domain
