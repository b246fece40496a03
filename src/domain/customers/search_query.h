// domain/customers/search_query.h: what the CSR typed in the Control
// Central search, understood. One box takes a name, a phone number in any
// format, an e-mail, an account number (A1234567), a customer id (#42) or a
// postal code; optional fields narrow it down.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace rapport::domain {

// Longest text accepted in the box or in a field, in characters.
constexpr std::size_t kMaxSearchLength = 200;

struct SearchInput {
  std::string text;  // the one box
  std::string name;
  std::string phone;
  std::string email;
  std::string address;
  std::string postal_code;
  std::string account_number;
  std::string customer_id;
};

struct SearchQuery {
  std::vector<std::string> words;    // normalized words, matched as prefixes
  std::vector<std::string> phones;   // E.164 candidates
  std::optional<std::string> email;  // lower case
  std::optional<std::string> account_number;
  std::optional<std::int64_t> customer_id;
  std::optional<std::string> postal_key;  // normalized postal code

  bool empty() const {
    return words.empty() && phones.empty() && !email && !account_number && !customer_id &&
           !postal_key;
  }
};

// Understands the input; `default_region` (ISO 3166) is assumed for phone
// numbers without a country code. Errors: invalid_input
// ("search.too_long" naming the field).
Result<SearchQuery> parse_search(const SearchInput& input, std::string_view default_region);

// "A1000042": a letter and seven to twelve digits.
bool looks_like_account_number(std::string_view text);
// A business number as typed, as stored: letters and digits in upper case,
// " a1000302 " → "A1000302", "p 1000017" → "P1000017".
std::string business_number(std::string_view typed);
// Postal codes compared without spaces and case: "k1a 0b1" → "K1A0B1".
std::string postal_key(std::string_view postal_code);

}  // namespace rapport::domain
