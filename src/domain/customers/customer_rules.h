// domain/customers/customer_rules.h: what a new or edited customer must
// satisfy, and when two customers are possibly the same.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/customers/customer.h"

namespace rapport::domain {

constexpr std::size_t kMaxNameLength = 100;
constexpr std::size_t kMaxAddressLine = 200;

// ISO 3166 alpha-2 codes Rapport knows addresses of.
bool is_known_country(std::string_view code);

// True when `postal_code` has the shape of `country`'s codes: 5 digits in
// France, "A1A 1A1" in Canada, 5 or 5+4 digits in the United States, the
// British format, 4 digits in Belgium, Switzerland and Luxembourg.
bool postal_code_fits(std::string_view postal_code, std::string_view country);

// Every field at fault in a customer: the name (family name of a person,
// name of a company), lengths, e-mails, the address (line, city, a known
// country, a postal code of its shape), a known time zone if set.
// Fields are named as in the add-customer form ("family_name", "email",
// "postal_code"…). `prefix` is put before each field name (e.g.
// "premise_" for a premise's address).
FieldErrors validate_customer(const Customer& c);

// A date of birth a living person can have: not after `today`, at most
// kMaxAgeYears before it (eligibility reads ages from it). Errors at
// `field`: "customer.birth_date_future", "customer.birth_date_too_old"
// {years}.
constexpr int kMaxAgeYears = 130;
std::optional<Error> check_date_of_birth(const std::optional<CivilDate>& date_of_birth,
                                         CivilDate today, const std::string& field);
FieldErrors validate_address(const PostalAddress& a, const std::string& prefix = {});

// The time zone of a new customer: as set, else that of the address's
// country when it has a single one, else the one its first phone with a
// known zone suggests (the area code in North America), else `fallback`
// (the installation's).
std::string choose_time_zone(const Customer& c, const std::string& fallback);

// The one primary phone of a customer: the first marked primary, or else the
// first phone (exactly one of a non-empty list). The first e-mail is the
// primary e-mail.
bool is_primary_phone(const std::vector<PhoneEntry>& phones, std::size_t index);

// Why `candidate` may be the same customer as `proposed`: "phone" (a phone
// in common), "email" (an e-mail in common), "name_postal_code" (the same
// name, accents and case aside, at the same postal code). Empty: not a
// duplicate.
std::vector<std::string> duplicate_reasons(const Customer& proposed, const Customer& candidate);

}  // namespace rapport::domain
