// store/marketing/package_row.h: a packages row bound by column name
// (soci::type_conversion), so insert, update and the reads use one list.
// Its rules, questions, overrides and agreements are JSON documents
// (marketing_json.h).
#pragma once

#include <array>
#include <string_view>

#include "domain/marketing/campaign.h"
#include "store/named_row.h"

namespace rapport::store {

// The columns insert and update write; the insert adds campaign_id (a
// package stays in its campaign), the reads the id, campaign_id and version.
inline constexpr std::array<std::string_view, 11> kPackageColumns{
    "code",           "description_en",  "description_fr",  "active",
    "display_order",  "instructions_en", "instructions_fr", "rules_json",
    "questions_json", "overrides_json",  "agreements_json"};

}  // namespace rapport::store

RAPPORT_NAMED_ROW(rapport::domain::Package)
