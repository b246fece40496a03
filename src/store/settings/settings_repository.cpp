#include "store/settings/settings_repository.h"

#include <soci/soci.h>

#include "domain/contactplan/contact_plan.h"
#include "store/named_columns.h"
#include "store/settings/settings_row.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

// Each setting's column and its value as text, for the audit trail.
std::vector<std::pair<std::string, std::string>> as_fields(const domain::InstallationSettings& s) {
  return {{"company_name", s.company_name},
          {"default_language", std::string(code(s.default_language))},
          {"currency", s.currency},
          {"time_zone", s.time_zone},
          {"country", s.country},
          {"territory_predefined", s.territory_predefined ? "1" : "0"},
          {"default_campaign", s.default_campaign ? std::to_string(*s.default_campaign) : ""},
          {"smtp_host", s.smtp_host},
          {"smtp_port", std::to_string(s.smtp_port)},
          {"smtp_sender", s.smtp_sender},
          {"fax_gateway_domain", s.fax_gateway_domain},
          {"delay_unavailable", std::to_string(s.unavailable.delay_minutes)},
          {"attempts_unavailable", std::to_string(s.unavailable.max_attempts)},
          {"delay_busy", std::to_string(s.busy.delay_minutes)},
          {"attempts_busy", std::to_string(s.busy.max_attempts)},
          {"delay_call_back", std::to_string(s.call_back.delay_minutes)},
          {"attempts_call_back", std::to_string(s.call_back.max_attempts)},
          {"callback_release_minutes", std::to_string(s.callback_release_minutes)},
          {"opens", domain::format_local_minutes(s.opens_minutes)},
          {"closes", domain::format_local_minutes(s.closes_minutes)},
          {"quote_validity_days", std::to_string(s.quote_validity_days)},
          {"letterhead_address", s.letterhead_address},
          {"letterhead_phone", s.letterhead_phone},
          {"letterhead_email", s.letterhead_email},
          {"letterhead_vat_number", s.letterhead_vat_number}};
}

}  // namespace

domain::InstallationSettings SettingsRepository::load(Tx& tx) {
  domain::InstallationSettings s;
  static const std::string select =
      "SELECT " + column_list(kSettingsColumns) + " FROM installation_settings WHERE id = 1";
  tx.cached(select).run(soci::into(s));
  return s;
}

Result<Version> SettingsRepository::save(Tx& tx, const domain::InstallationSettings& s,
                                         const Actor& actor, Instant now) {
  auto before = load(tx);
  std::vector<FieldChange> changes;
  auto old_fields = as_fields(before), new_fields = as_fields(s);
  for (std::size_t i = 0; i < old_fields.size(); ++i)
    note_change(changes, old_fields[i].first, old_fields[i].second, new_fields[i].second);
  // Saving what is already there changes nothing, not even the version.
  if (changes.empty() && s.version == before.version) return before.version;
  std::string when = format_instant(now);
  long long by = actor.user ? actor.user->value : 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  // Every column but the version is assigned; the version is the check.
  Columns written(kSettingsColumns.data(), kSettingsColumns.size() - 1);
  soci::statement st =
      (tx.sql().prepare << "UPDATE installation_settings SET " + assignment_list(written) +
                               ", version = version + 1, updated_at = "
                               ":updated_at, updated_by = :updated_by WHERE id = "
                               "1 AND version = :version",
       soci::use(s), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "installation_settings", 1);
  AuditRepository::record(tx, actor, now, "settings", 1, changes);
  return s.version + 1;
}

}  // namespace rapport::store
