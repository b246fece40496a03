// store/contactplan/contact_plan_row.h: a contact_plans row bound by column
// name (soci::type_conversion), so insert, update and the reads use one list.
#pragma once

#include <array>
#include <string_view>

#include "domain/contactplan/contact_plan.h"
#include "store/named_row.h"

namespace rapport::store {

// The columns insert and update write; the reads add id and version.
inline constexpr std::array<std::string_view, 20> kContactPlanColumns{
    "code",           "name_en",     "name_fr",           "purpose",
    "weekdays",       "every_weeks", "frequency_start",   "valid_from",
    "valid_to",       "departure",   "lead_days",         "responsible_user",
    "default_status", "active",      "unavailable_delay", "unavailable_max",
    "busy_delay",     "busy_max",    "call_back_delay",   "call_back_max"};

}  // namespace rapport::store

RAPPORT_NAMED_ROW(rapport::domain::ContactPlan)
