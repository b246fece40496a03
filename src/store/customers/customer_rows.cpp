#include "store/customers/customer_rows.h"

#include <algorithm>
#include <cctype>

#include "domain/customers/search_query.h"
#include "domain/customers/search_text.h"

namespace rapport::store {
namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

std::string customer_name_key(const domain::Customer& c) {
  return domain::normalize_for_search(c.kind == domain::CustomerKind::company
                                          ? c.company_name
                                          : c.given_name + " " + c.family_name);
}

std::string customer_search_base(const domain::Customer& c) {
  std::string text = c.family_name + " " + c.given_name + " " + c.company_name + " " +
                     c.address.city + " " + c.address.postal_code + " " +
                     domain::postal_key(c.address.postal_code);
  for (const auto& e : c.emails) text += " " + e;
  return domain::normalize_for_search(text);
}

std::string with_account_numbers(std::string search_base,
                                 const std::vector<std::string>& account_numbers) {
  // Normalizing word by word gives what normalizing the whole text gives:
  // words are folded one by one and joined by single spaces.
  for (const auto& n : account_numbers) {
    // Numbers are "A1000001": folding them is lower-casing, without ICU.
    const bool plain = std::all_of(n.begin(), n.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) != 0;
    });
    std::string word = plain ? ascii_lower(n) : domain::normalize_for_search(n);
    if (word.empty()) continue;
    if (!search_base.empty()) search_base += ' ';
    search_base += word;
  }
  return search_base;
}

std::string customer_search_text(const domain::Customer& c,
                                 const std::vector<std::string>& account_numbers) {
  return with_account_numbers(customer_search_base(c), account_numbers);
}

std::string email_key(std::string_view address) { return ascii_lower(address); }

std::string account_number_for(std::int64_t account_id) {
  return "A" + std::to_string(1000000 + account_id);
}

std::string premise_number_for(std::int64_t premise_id) {
  return "P" + std::to_string(1000000 + premise_id);
}

std::string service_point_number_for(std::int64_t point_id) {
  return "SP" + std::to_string(1000000 + point_id);
}

std::string agreement_number_for(std::int64_t agreement_id) {
  return "SA" + std::to_string(1000000 + agreement_id);
}

std::string premise_address_key(const domain::PostalAddress& a) {
  return domain::normalize_for_search(a.line1 + " " + a.line2 + " " + a.city);
}

}  // namespace rapport::store
