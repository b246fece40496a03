// store/marketing/campaign_row.h: a campaigns row bound by column name
// (soci::type_conversion), so insert, update and the reads use one list.
// Its rules and questions are JSON documents (marketing_json.h), its target
// classes and regions comma-separated codes.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "domain/marketing/campaign.h"
#include "store/named_row.h"

namespace rapport::store {

// The columns insert and update write; the reads add id and version.
inline constexpr std::array<std::string_view, 18> kCampaignColumns{"code",
                                                                   "description_en",
                                                                   "description_fr",
                                                                   "active",
                                                                   "valid_from",
                                                                   "valid_to",
                                                                   "target_classes",
                                                                   "target_regions",
                                                                   "rules_json",
                                                                   "complete_without_package",
                                                                   "new_person_class",
                                                                   "new_person_language",
                                                                   "new_person_relationship",
                                                                   "premise_usage",
                                                                   "premise_may_create",
                                                                   "account_usage",
                                                                   "account_may_create",
                                                                   "questions_json"};

// target_classes and target_regions as stored (and audited): "a,b".
std::string code_list(const std::vector<std::string>& codes);

}  // namespace rapport::store

RAPPORT_NAMED_ROW(rapport::domain::Campaign)
