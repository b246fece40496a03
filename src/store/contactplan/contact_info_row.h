// store/contactplan/contact_info_row.h: a contact_infos row bound by column
// name (soci::type_conversion), so insert, update and the reads use one
// list. The lists read an info with its customer's and plan's names beside
// it (ContactInfoRow), by name too.
#pragma once

#include <array>
#include <string_view>

#include "domain/contactplan/contact_plan.h"
#include "store/contactplan/contact_info_repository.h"
#include "store/named_row.h"

namespace rapport::store {

// The columns insert and update write; the insert adds plan_id and
// customer_id (an info stays on its plan, with its customer), the reads the
// id, plan_id, customer_id and version.
inline constexpr std::array<std::string_view, 8> kContactInfoColumns{
    "contact_id", "phone_e164", "time_zone", "earliest", "latest", "method", "sequence", "note"};

}  // namespace rapport::store

RAPPORT_NAMED_ROW(rapport::domain::ContactInfo)
// The info's columns and customer_name, customer_zone, plan_code,
// plan_name_en, plan_name_fr, contact_name.
RAPPORT_READ_ROW(rapport::store::ContactInfoRow)
