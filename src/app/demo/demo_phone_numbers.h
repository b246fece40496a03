// app/demo/demo_phone_numbers.h: phone numbers for demonstration customers —
// valid for their country by libphonenumber's rules, in the numbering
// ranges real subscribers get (mobiles 06/07 in France, 074–079 in the UK;
// landlines with their town's prefix; North American numbers with the
// town's area codes), and distinct between customers: each number is drawn
// from a bijection of the customer's number, so a search by phone finds one
// customer. Internal to demo_customers.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/demo/demo_customer_data.h"

namespace rapport::app {

// The numbers of the two known demo customers; never given to another.
constexpr std::string_view kHeleneMobile = "+33612345678";  // 06 12 34 56 78
constexpr std::string_view kRobertPhone = "+14165550142";   // (416) 555-0142

// A mobile number (E.164) for customer `index`; `slot` 0 is the customer's
// own, 1 and 2 its contacts'. nullopt if no candidate validates (not seen
// in practice). Requires: index < 1,000,000, slot < 3.
std::optional<std::string> demo_mobile(const demo::Region& region, const demo::Town& town,
                                       std::int64_t index, int slot);
// A landline number (E.164) in the customer's town.
std::optional<std::string> demo_landline(const demo::Region& region, const demo::Town& town,
                                         std::int64_t index);

}  // namespace rapport::app
