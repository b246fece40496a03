// domain/customers/search_prefill.h: Control Central's one search box read
// as the details of a new caller, for Add order (seed 000): unlike
// parse_search (search_query.h), which reads the whole text as one kind,
// this splits a mixed text ("Zacharie Vasseur 06 71 82 93 04") and keeps
// each part as typed.
#pragma once

#include <string>
#include <string_view>

namespace rapport::domain {

// What Control Central's one search box held, split for Add order: a
// phone-looking run of digits (8 or more) goes to phone, a word with an @
// to email, a postal-code-looking word ("69002", "H2X 1Y4") to postal_code,
// the other words (single spaces) to name.
struct SearchPrefill {
  std::string name;
  std::string phone;
  std::string email;
  std::string postal_code;
  bool operator==(const SearchPrefill&) const = default;
};
SearchPrefill split_search_text(std::string_view text);
// What Add customer and Add order start from: the one box split, and each
// search field the caller filled (`given`) kept as typed over the split.
SearchPrefill merge_search_fields(std::string_view text, const SearchPrefill& given);

// A person's name as typed in one box: "Dupré, Hélène" → family Dupré,
// given Hélène; "Hélène Dupré" → the last word is the family name; one
// word is the family name. Surrounding spaces are dropped.
struct PersonName {
  std::string given_name;
  std::string family_name;
  bool operator==(const PersonName&) const = default;
};
PersonName split_person_name(std::string_view name);

}  // namespace rapport::domain
