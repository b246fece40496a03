// store/settings/settings_row.h: the installation_settings row bound by
// column name (soci::type_conversion), so load and save read and write the
// same columns from one list.
#pragma once

#include <array>
#include <string_view>

#include "domain/settings/installation_settings.h"
#include "store/named_row.h"

namespace rapport::store {

// The columns save writes; load reads them and the version.
inline constexpr std::array<std::string_view, 26> kSettingsColumns{"company_name",
                                                                   "default_language",
                                                                   "currency",
                                                                   "time_zone",
                                                                   "country",
                                                                   "territory_predefined",
                                                                   "default_campaign",
                                                                   "smtp_host",
                                                                   "smtp_port",
                                                                   "smtp_sender",
                                                                   "fax_gateway_domain",
                                                                   "delay_unavailable",
                                                                   "attempts_unavailable",
                                                                   "delay_busy",
                                                                   "attempts_busy",
                                                                   "delay_call_back",
                                                                   "attempts_call_back",
                                                                   "callback_release_minutes",
                                                                   "opens_minutes",
                                                                   "closes_minutes",
                                                                   "quote_validity_days",
                                                                   "letterhead_address",
                                                                   "letterhead_phone",
                                                                   "letterhead_email",
                                                                   "letterhead_vat_number",
                                                                   "version"};

}  // namespace rapport::store

RAPPORT_NAMED_ROW(rapport::domain::InstallationSettings)
