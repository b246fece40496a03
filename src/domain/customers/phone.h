// domain/customers/phone.h: telephone numbers, with libphonenumber.
//
// Every number is validated and kept in E.164 ("+33612345678"); it is shown
// in the national format of its country ("06 12 34 56 78") and can be typed
// in any format. A number without a country code belongs to the region the
// caller assumes (the installation's).
//
//   auto phone = parse_phone("06 12 34 56 78", "FR");  // → +33612345678
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace rapport::domain {

struct Phone {
  std::string e164;    // "+33612345678"
  std::string region;  // ISO 3166 alpha-2 of the number: "FR"
};

// Longest input accepted, in bytes.
constexpr std::size_t kMaxPhoneInput = 40;

// Parses and validates a number typed by a user. `default_region` is the
// ISO 3166 alpha-2 code assumed when the number has no country code.
// Errors: invalid_input ("phone.invalid", field "phone").
Result<Phone> parse_phone(std::string_view typed, std::string_view default_region);

// "06 12 34 56 78" for a French number; the E.164 text when it cannot be
// parsed (it was validated when stored).
std::string format_phone_national(std::string_view e164);
// "+33 6 12 34 56 78".
std::string format_phone_international(std::string_view e164);

// The IANA zone of a country that has a single one ("FR" → Europe/Paris);
// nullopt for countries spanning zones (CA, US) and unknown ones.
std::optional<std::string> country_time_zone(std::string_view country);

// The IANA zone where the number most likely rings: the country's zone, or
// for Canada and the United States the zone of the area code. nullopt when
// the country spans zones and the area code is unknown.
std::optional<std::string> guess_time_zone(const Phone& phone);

// True when `text` looks like a phone number someone is searching for:
// mostly digits, spaces, dots, dashes, parentheses and an optional +.
bool looks_like_phone(std::string_view text);

}  // namespace rapport::domain
