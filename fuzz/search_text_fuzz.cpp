// What a CSR types in Control Central's search (domain/customers/): the
// text folded for search, the search understood, the box split for Add
// order. The input is the box, then the search fields, separated by 0x1F;
// its first byte picks the installation's country.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text.h"
#include "domain/customers/search_prefill.h"
#include "domain/customers/search_query.h"
#include "domain/customers/search_text.h"
#include "fuzz_check.h"

using namespace rapport;
using namespace rapport::domain;

namespace {

// Lower-case letters and digits in words separated by one space.
void check_folded(const std::string& s) {
  FUZZ_CHECK(std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ';
  }));
  FUZZ_CHECK(!s.starts_with(' ') && !s.ends_with(' ') && s.find("  ") == std::string::npos);
}

// Words as a person typed them: single spaces between, none around.
void check_words(const std::string& s) {
  FUZZ_CHECK(!s.starts_with(' ') && !s.ends_with(' ') && s.find("  ") == std::string::npos);
  FUZZ_CHECK(s.find_first_of("\t\r\n,;") == std::string::npos);
}

std::size_t kept_bytes(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ';';
  }));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::array<const char*, 5> kRegions{"FR", "US", "CA", "GB", "BE"};
  const char* region = kRegions[data[0] % kRegions.size()];
  std::string_view rest = fuzz::as_text(data + 1, size - 1);
  std::vector<std::string> parts;
  for (;;) {
    auto sep = rest.find('\x1f');
    parts.emplace_back(rest.substr(0, sep));
    if (sep == std::string_view::npos || parts.size() == 8) break;
    rest.remove_prefix(sep + 1);
  }
  parts.resize(8);
  const std::string& text = parts[0];

  // Folding: any bytes give plain ASCII words, and folding them again
  // changes nothing.
  std::string folded = normalize_for_search(text);
  check_folded(folded);
  FUZZ_CHECK(normalize_for_search(folded) == folded);
  for (const auto& w : search_words(text))
    FUZZ_CHECK(!w.empty() && w.find(' ') == std::string::npos);

  SearchInput in{parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]};
  auto query = parse_search(in, region);
  if (query) {
    for (const auto& w : query->words) {
      FUZZ_CHECK(!w.empty());
      check_folded(w);
    }
    for (const auto& p : query->phones) {
      FUZZ_CHECK(p.size() > 1 && p[0] == '+');
      FUZZ_CHECK(std::all_of(p.begin() + 1, p.end(), [](char c) { return c >= '0' && c <= '9'; }));
    }
    if (query->postal_key) FUZZ_CHECK(*query->postal_key == postal_key(*query->postal_key));
    if (query->customer_id) FUZZ_CHECK(*query->customer_id >= 0);
  } else {
    FUZZ_CHECK(query.error().key.starts_with("search.") || query.error().key.starts_with("phone."));
  }
  FUZZ_CHECK(postal_key(text) == business_number(text));
  std::string number = business_number(text);
  FUZZ_CHECK(business_number(number) == number);
  if (looks_like_account_number(text)) FUZZ_CHECK(business_number(text).size() == text.size());

  // Add order's split: every word of the box lands in one part, as typed.
  SearchPrefill split = split_search_text(text);
  check_words(split.name);
  check_words(split.phone);
  FUZZ_CHECK(kept_bytes(split.name) + kept_bytes(split.phone) + kept_bytes(split.email) +
                 kept_bytes(split.postal_code) <=
             kept_bytes(text));
  if (text.find('@') == std::string::npos) FUZZ_CHECK(split.email.empty());
  if (!split.email.empty()) FUZZ_CHECK(split.email.find('@') != std::string::npos);
  if (text_fault(text) == TextFault::none) {
    FUZZ_CHECK(text_fault(split.name) == TextFault::none);
    FUZZ_CHECK(text_fault(split.phone) == TextFault::none);
  }
  SearchPrefill given{parts[1], parts[2], parts[3], parts[5]};
  SearchPrefill merged = merge_search_fields(text, given);
  FUZZ_CHECK(merged.name == (given.name.empty() ? split.name : given.name));
  FUZZ_CHECK(merged.postal_code ==
             (given.postal_code.empty() ? split.postal_code : given.postal_code));

  PersonName person = split_person_name(parts[1]);
  FUZZ_CHECK(person.given_name.size() + person.family_name.size() <= parts[1].size());
  if (!person.given_name.empty())
    FUZZ_CHECK(!person.family_name.empty() || parts[1].find(',') != std::string::npos);
  return 0;
}
