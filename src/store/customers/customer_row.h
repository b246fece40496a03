// store/customers/customer_row.h: a customers row bound by column name
// (soci::type_conversion), so insert, update and the reads use one list.
// The derived columns (display name, postal and name keys) are written from
// the customer by the same conversion (store/customers/customer_rows.h);
// phones and e-mails are other tables, read and written by the repository.
#pragma once

#include <array>
#include <string_view>

#include "domain/customers/customer.h"
#include "store/named_row.h"

namespace rapport::store {

// The columns insert and update write; the reads add id and version.
inline constexpr std::array<std::string_view, 20> kCustomerColumns{
    "kind",      "family_name",    "given_name", "company_name", "display_name",
    "language",  "customer_class", "category",   "tax_id",       "date_of_birth",
    "time_zone", "status",         "line1",      "line2",        "postal_code",
    "city",      "region",         "country",    "postal_key",   "name_key"};

}  // namespace rapport::store

RAPPORT_NAMED_ROW(rapport::domain::Customer)
