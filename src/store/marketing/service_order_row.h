// store/marketing/service_order_row.h: a service_orders row bound by column
// name (soci::type_conversion), so insert, update and the reads use one
// list. Its prospect, addresses, answers and created records are JSON
// documents (marketing_json.h); prospect_name is derived from the prospect.
// The lists read an order with its campaign's and package's codes beside it
// (ServiceOrderRow), by name too.
#pragma once

#include <array>
#include <string_view>

#include "domain/marketing/service_order.h"
#include "store/marketing/service_order_repository.h"
#include "store/named_row.h"

namespace rapport::store {

// The columns insert and update write; the insert adds the number and
// created_at (neither changes afterwards), the reads the id, number,
// created_at and version.
inline constexpr std::array<std::string_view, 21> kServiceOrderColumns{
    "status",        "campaign_id",    "package_id",     "prospect_name",
    "prospect_json", "person_choice",  "customer_id",    "account_choice",
    "account_id",    "premise_choice", "premise_id",     "premise_address_json",
    "premise_type",  "answers_json",   "set_aside_json", "hold_reason",
    "remind_on",     "cancel_reason",  "created_json",   "assigned_user",
    "completed_at"};

}  // namespace rapport::store

RAPPORT_NAMED_ROW(rapport::domain::ServiceOrder)
// The order's columns and campaign_code, package_code.
RAPPORT_READ_ROW(rapport::store::ServiceOrderRow)
