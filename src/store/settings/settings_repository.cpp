#include "store/settings/settings_repository.h"

#include <soci/soci.h>

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
          {"callback_release_minutes", std::to_string(s.callback_release_minutes)}};
}

}  // namespace

domain::InstallationSettings SettingsRepository::load(Tx& tx) {
  domain::InstallationSettings s;
  std::string lang;
  int territory = 0;
  long long version = 0;
  tx.sql() << "SELECT company_name, default_language, currency, time_zone, territory_predefined, "
              "smtp_host, smtp_port, smtp_sender, fax_gateway_domain, delay_unavailable, "
              "attempts_unavailable, delay_busy, attempts_busy, delay_call_back, "
              "attempts_call_back, version, country FROM installation_settings WHERE id = 1",
      soci::into(s.company_name), soci::into(lang), soci::into(s.currency), soci::into(s.time_zone),
      soci::into(territory), soci::into(s.smtp_host), soci::into(s.smtp_port),
      soci::into(s.smtp_sender), soci::into(s.fax_gateway_domain),
      soci::into(s.unavailable.delay_minutes), soci::into(s.unavailable.max_attempts),
      soci::into(s.busy.delay_minutes), soci::into(s.busy.max_attempts),
      soci::into(s.call_back.delay_minutes), soci::into(s.call_back.max_attempts),
      soci::into(version), soci::into(s.country);
  s.default_language = parse_language(lang).value_or(Language::en);
  s.territory_predefined = territory != 0;
  s.version = version;
  // A column of migration 0005, read apart so the statement above stays the
  // one every earlier schema answers.
  long long campaign = 0;
  soci::indicator campaign_ind = soci::i_null;
  tx.sql() << "SELECT default_campaign FROM installation_settings WHERE id = 1",
      soci::into(campaign, campaign_ind);
  if (campaign_ind == soci::i_ok) s.default_campaign = campaign;
  // Migration 0007.
  tx.sql() << "SELECT callback_release_minutes FROM installation_settings WHERE id = 1",
      soci::into(s.callback_release_minutes);
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
  std::string lang(code(s.default_language)), when = format_instant(now);
  int territory = s.territory_predefined ? 1 : 0;
  long long by = actor.user ? actor.user->value : 0, version = s.version;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  soci::statement st =
      (tx.sql().prepare
           << "UPDATE installation_settings SET company_name = :a, default_language = :b, "
              "currency = :c, time_zone = :d, territory_predefined = :e, smtp_host = :f, "
              "smtp_port = :g, smtp_sender = :h, fax_gateway_domain = :i, delay_unavailable = :j, "
              "attempts_unavailable = :k, delay_busy = :l, attempts_busy = :m, "
              "delay_call_back = :n, attempts_call_back = :o, country = :co, version = version + "
              "1, "
              "updated_at = :p, updated_by = :q WHERE id = 1 AND version = :r",
       soci::use(s.company_name), soci::use(lang), soci::use(s.currency), soci::use(s.time_zone),
       soci::use(territory), soci::use(s.smtp_host), soci::use(s.smtp_port),
       soci::use(s.smtp_sender), soci::use(s.fax_gateway_domain),
       soci::use(s.unavailable.delay_minutes), soci::use(s.unavailable.max_attempts),
       soci::use(s.busy.delay_minutes), soci::use(s.busy.max_attempts),
       soci::use(s.call_back.delay_minutes), soci::use(s.call_back.max_attempts),
       soci::use(s.country), soci::use(when), soci::use(by, by_ind), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "installation_settings", 1);
  long long campaign = s.default_campaign.value_or(0);
  soci::indicator campaign_ind = s.default_campaign ? soci::i_ok : soci::i_null;
  tx.sql() << "UPDATE installation_settings SET default_campaign = :c, "
              "callback_release_minutes = :r WHERE id = 1",
      soci::use(campaign, campaign_ind), soci::use(s.callback_release_minutes);
  AuditRepository::record(tx, actor, now, "settings", 1, changes);
  return s.version + 1;
}

}  // namespace rapport::store
