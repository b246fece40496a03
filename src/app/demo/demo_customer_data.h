// app/demo/demo_customer_data.h: what the demonstration customers are made of —
// the names, towns, streets and phrases of the regions they live in
// (France, Ontario, Québec, the United Kingdom, the United States).
// Internal to demo_customers.cpp.
#pragma once

#include <span>
#include <string_view>

#include "core/language.h"

namespace rapport::app::demo {

using Words = std::span<const std::string_view>;

struct Town {
  std::string_view name;
  std::string_view region;  // province or state code; empty in France and the UK
  // Space-separated. France and the US: whole postal codes. Canada: the
  // first half (forward sortation area), the second is drawn. The UK: the
  // outward code, the inward one is drawn.
  std::string_view postal;
  // Space-separated national prefixes of landlines, completed with drawn
  // digits: "4" in Lyon (04 …), "161" in Manchester, "416 647" in Toronto.
  std::string_view landline;
  std::string_view zone;  // IANA time zone
};

enum class AddressStyle {
  france,   // "12 rue Victor-Hugo", "Appartement 4"
  quebec,   // "1234 rue Saint-Denis", "app. 3"
  english,  // "14 Station Road", "Flat 3" / "Apt 4B" / "Unit 1203"
};

// A region customers are drawn from.
struct Region {
  std::string_view country;  // ISO 3166 alpha-2
  Language language;
  std::string_view currency;
  int weight;  // share of the customers, in percent
  AddressStyle style;
  std::span<const Town> towns;
  Words streets;
  Words line2;  // second address lines; "{n}" is replaced by a number
  Words given_names;
  Words family_names;
  Words company_patterns;  // "{family}" is replaced by a family name
  Words contact_roles;
  // Mobile prefixes of the national significant number ("6", "7" then
  // drawn digits): two digits in France ("61"), in the UK ("74"); empty
  // where mobiles share the landline numbering (Canada, the US).
  Words mobile_prefixes;
};

std::span<const Region> regions();

// What a CSR writes after a call or in a note, in the customer's language.
struct Phrase {
  std::string_view summary;
  std::string_view outcome;  // as the desk's outcome list words it; empty for notes
};
std::span<const Phrase> call_phrases(Language language);
std::span<const Phrase> note_phrases(Language language);

}  // namespace rapport::app::demo
