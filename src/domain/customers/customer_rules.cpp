#include "domain/customers/customer_rules.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/time.h"
#include "domain/ascii.h"
#include "domain/customers/phone.h"
#include "domain/customers/search_query.h"
#include "domain/customers/search_text.h"
#include "domain/settings/installation_settings.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

constexpr std::array<std::string_view, 24> kCountries{
    "FR", "BE", "CH", "LU", "MC", "CA", "US", "GB", "IE", "AU", "NZ", "DE",
    "ES", "IT", "NL", "RE", "GP", "MQ", "GF", "YT", "PM", "MA", "SN", "CI"};

bool alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// British postcodes: outward code A9, A99, AA9, AA99, A9A or AA9A, then
// inward code 9AA.
bool british_postcode(const std::string& key) {
  if (key.size() < 5 || key.size() > 7) return false;
  std::string in = key.substr(key.size() - 3), out = key.substr(0, key.size() - 3);
  if (!(digit(in[0]) && alpha(in[1]) && alpha(in[2]))) return false;
  if (!alpha(out[0])) return false;
  for (std::size_t i = 1; i < out.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(out[i]))) return false;
  return digit(out[1]) || (out.size() > 2 && digit(out[2]));
}

std::string normalized_name(const Customer& c) {
  return normalize_for_search(c.kind == CustomerKind::company ? c.company_name
                                                              : c.given_name + " " + c.family_name);
}

}  // namespace

bool is_known_country(std::string_view code) {
  return std::find(kCountries.begin(), kCountries.end(), code) != kCountries.end();
}

bool postal_code_fits(std::string_view postal_code, std::string_view country) {
  std::string key = postal_key(postal_code);
  if (country == "FR" || country == "MC" || country == "RE" || country == "GP" || country == "MQ" ||
      country == "GF" || country == "YT" || country == "PM" || country == "DE" || country == "ES" ||
      country == "IT" || country == "MA")
    return key.size() == 5 && all_digits(key);
  if (country == "US") return (key.size() == 5 || key.size() == 9) && all_digits(key);
  if (country == "CA")
    return key.size() == 6 && alpha(key[0]) && digit(key[1]) && alpha(key[2]) && digit(key[3]) &&
           alpha(key[4]) && digit(key[5]);
  if (country == "GB") return british_postcode(key);
  if (country == "BE" || country == "CH" || country == "LU" || country == "AU" || country == "NZ" ||
      country == "SN")
    return key.size() == 4 && all_digits(key);
  if (country == "NL")
    return key.size() == 6 && all_digits(key.substr(0, 4)) && alpha(key[4]) && alpha(key[5]);
  return !key.empty() && key.size() <= 10;
}

FieldErrors validate_address(const PostalAddress& a, const std::string& prefix) {
  FieldErrors e;
  if (a.line1.empty()) e.add(Error::invalid("field.required", prefix + "line1"));
  check_length(e, a.line1, kMaxAddressLine, prefix + "line1");
  // Address lines may hold a line break (a CSV cell "Bâtiment B\r\nEscalier 3").
  check_length(e, a.line2, kMaxAddressLine, prefix + "line2");
  if (a.city.empty()) e.add(Error::invalid("field.required", prefix + "city"));
  check_line(e, a.city, kMaxNameLength, prefix + "city");
  check_one_line(e, a.region, prefix + "region");
  if (!is_known_country(a.country)) {
    e.add(Error::invalid("address.country_unknown", prefix + "country"));
  } else if (!postal_code_fits(a.postal_code, a.country)) {
    e.add(Error::invalid("address.postal_code_invalid", prefix + "postal_code",
                         {{"postal_code", a.postal_code}, {"country", a.country}}));
  }
  return e;
}

FieldErrors validate_customer(const Customer& c) {
  FieldErrors e;
  if (c.kind == CustomerKind::person) {
    if (c.family_name.empty()) e.add(Error::invalid("field.required", "family_name"));
    check_line(e, c.family_name, kMaxNameLength, "family_name");
    check_line(e, c.given_name, kMaxNameLength, "given_name");
  } else {
    if (c.company_name.empty()) e.add(Error::invalid("field.required", "company_name"));
    check_line(e, c.company_name, kMaxNameLength, "company_name");
  }
  check_line(e, c.tax_id, 40, "tax_id");
  check_line(e, c.category, 40, "category");
  for (const auto& email : c.emails)
    if (!looks_like_email(email)) e.add(Error::invalid("field.email_invalid", "email"));
  for (auto& err : validate_address(c.address).errors) e.add(std::move(err));
  if (!c.time_zone.empty() && !is_valid_time_zone(c.time_zone))
    e.add(Error::invalid("field.time_zone_invalid", "time_zone"));
  return e;
}

std::optional<Error> check_date_of_birth(const std::optional<CivilDate>& date_of_birth,
                                         CivilDate today, const std::string& field) {
  if (!date_of_birth) return std::nullopt;
  if (*date_of_birth > today) return Error::invalid("customer.birth_date_future", field);
  const CivilDate oldest = today - date::years{kMaxAgeYears};
  if (*date_of_birth < oldest)
    return Error::invalid("customer.birth_date_too_old", field,
                          {{"years", std::to_string(kMaxAgeYears)}});
  return std::nullopt;
}

std::string choose_time_zone(const Customer& c, const std::string& fallback) {
  if (!c.time_zone.empty()) return c.time_zone;
  // The address first: a customer in Brussels with a French mobile lives
  // by Brussels time.
  if (auto zone = country_time_zone(c.address.country)) return *zone;
  for (const auto& p : c.phones) {
    auto phone = parse_phone(p.e164, "ZZ");
    if (!phone) continue;
    if (auto zone = guess_time_zone(*phone)) return *zone;
  }
  return fallback;
}

std::vector<std::string> duplicate_reasons(const Customer& proposed, const Customer& candidate) {
  std::vector<std::string> reasons;
  auto shared = [](const auto& xs, const auto& ys, auto same) {
    return std::any_of(xs.begin(), xs.end(), [&](const auto& x) {
      return std::any_of(ys.begin(), ys.end(), [&](const auto& y) { return same(x, y); });
    });
  };
  if (shared(proposed.phones, candidate.phones,
             [](const PhoneEntry& a, const PhoneEntry& b) { return a.e164 == b.e164; }))
    reasons.push_back("phone");
  // E-mails compare case-insensitively only: search normalization would make
  // "a.b@x.fr" and "a@b.x.fr" the same mailbox.
  if (shared(proposed.emails, candidate.emails,
             [](const std::string& a, const std::string& b) { return same_ignoring_case(a, b); }))
    reasons.push_back("email");
  if (!proposed.address.postal_code.empty() &&
      postal_key(proposed.address.postal_code) == postal_key(candidate.address.postal_code) &&
      normalized_name(proposed) == normalized_name(candidate))
    reasons.push_back("name_postal_code");
  return reasons;
}

bool is_primary_phone(const std::vector<PhoneEntry>& phones, std::size_t index) {
  std::size_t primary = 0;
  for (std::size_t i = 0; i < phones.size(); ++i)
    if (phones[i].primary) {
      primary = i;
      break;
    }
  return index == primary && index < phones.size();
}

}  // namespace rapport::domain
