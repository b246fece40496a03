#include "store/marketing/campaign_repository.h"

#include <utility>

#include <soci/soci.h>

#include "domain/customers/codes.h"
#include "store/actor_column.h"
#include "store/marketing/campaign_row.h"
#include "store/marketing/marketing_json.h"
#include "store/marketing/package_row.h"
#include "store/named_columns.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::Campaign;
using domain::Package;

// What the reads select: the written columns, the id (and campaign) and the
// version.
std::string campaign_select() {
  return "SELECT id, " + column_list(kCampaignColumns) + ", version FROM campaigns";
}

std::string package_select() {
  return "SELECT id, campaign_id, " + column_list(kPackageColumns) + ", version FROM packages";
}

// The audited fields of a campaign and their text, in a fixed order.
AuditedFields audited(const Campaign& c) {
  return {{"code", c.code},
          {"description_en", c.description_en},
          {"description_fr", c.description_fr},
          {"active", c.active ? "1" : "0"},
          {"valid_from", format_date(c.valid_from)},
          {"valid_to", c.valid_to ? format_date(*c.valid_to) : ""},
          {"target_classes", code_list(c.target_classes)},
          {"target_regions", code_list(c.target_regions)},
          {"rules", to_text(to_json(c.rules))},
          {"complete_without_package", c.complete_without_package ? "1" : "0"},
          {"new_person_class", c.new_person_class},
          {"new_person_language", std::string(code(c.new_person_language))},
          {"new_person_relationship", std::string(domain::to_code(c.new_person_relationship))},
          {"premise_usage", std::string(domain::to_code(c.premise.usage))},
          {"premise_may_create", c.premise.may_create ? "1" : "0"},
          {"account_usage", std::string(domain::to_code(c.account.usage))},
          {"account_may_create", c.account.may_create ? "1" : "0"},
          {"questions", to_text(to_json(c.questions))}};
}

AuditedFields audited(const Package& p) {
  return {{"code", p.code},
          {"description_en", p.description_en},
          {"description_fr", p.description_fr},
          {"active", p.active ? "1" : "0"},
          {"display_order", std::to_string(p.display_order)},
          {"instructions_en", p.instructions_en},
          {"instructions_fr", p.instructions_fr},
          {"rules", to_text(to_json(p.rules))},
          {"questions", to_text(to_json(p.questions))},
          {"overrides", to_text(to_json(p.overrides))},
          {"agreements", to_text(to_json(p.agreements))}};
}

std::vector<FieldChange> created(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::vector<FieldChange> out;
  for (const auto& [field, value] : fields)
    if (!value.empty()) out.push_back({field, std::nullopt, value});
  return out;
}

std::vector<FieldChange> changed(const std::vector<std::pair<std::string, std::string>>& before,
                                 const std::vector<std::pair<std::string, std::string>>& after) {
  std::vector<FieldChange> out;
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i)
    note_change(out, after[i].first, before[i].second, after[i].second);
  return out;
}

bool class_exists(Tx& tx, const std::string& code) {
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM customer_classes WHERE code = :c", soci::use(code),
      soci::into(n);
  return n > 0;
}

Status check_classes(Tx& tx, const Campaign& c) {
  if (!class_exists(tx, c.new_person_class))
    return Error::invalid("campaign.class_unknown", "new_person_class",
                          {{"code", c.new_person_class}});
  for (const auto& code : c.target_classes)
    if (!class_exists(tx, code))
      return Error::invalid("campaign.class_unknown", "target_classes", {{"code", code}});
  return Ok{};
}

Error code_taken(const char* key, const std::string& code) {
  return Error{ErrorCode::conflict, key, {{"code", code}}, "code", {}};
}

std::optional<Id<Package>> package_with_code(Tx& tx, Id<Campaign> campaign,
                                             const std::string& code) {
  long long cid = campaign.value, id = 0;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT id FROM packages WHERE campaign_id = :c AND code = :code", soci::use(cid),
      soci::use(code), soci::into(id, ind);
  if (!tx.sql().got_data() || ind != soci::i_ok) return std::nullopt;
  return Id<Package>{id};
}

}  // namespace

Result<Id<Campaign>> CampaignRepository::insert(Tx& tx, const Campaign& c, const Actor& actor,
                                                Instant now) {
  if (find_by_code(tx, c.code)) return code_taken("campaign.code_taken", c.code);
  if (auto ok = check_classes(tx, c); !ok) return ok.error();
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO campaigns (" + column_list(kCampaignColumns) +
                  ", version, created_at, updated_at, updated_by) VALUES (" +
                  placeholder_list(kCampaignColumns) +
                  ", 1, :created_at, :updated_at, :updated_by) RETURNING id",
      soci::use(c), soci::use(when, "created_at"), soci::use(when, "updated_at"),
      soci::use(by, by_ind, "updated_by"), soci::into(id);
  AuditRepository::record(tx, actor, now, "campaign", id, created(audited(c)));
  return Id<Campaign>{id};
}

Result<Version> CampaignRepository::update(Tx& tx, const Campaign& c, const Actor& actor,
                                           Instant now) {
  auto before = find(tx, c.id);
  if (!before) return before.error();
  if (auto other = find_by_code(tx, c.code); other && other->id != c.id)
    return code_taken("campaign.code_taken", c.code);
  if (auto ok = check_classes(tx, c); !ok) return ok.error();
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = c.id.value;
  soci::statement st =
      (tx.sql().prepare << "UPDATE campaigns SET " + assignment_list(kCampaignColumns) +
                               ", version = version + 1, updated_at = :updated_at, updated_by = "
                               ":updated_by WHERE id = :id AND version = :version",
       soci::use(c), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "campaigns", id);
  AuditRepository::record(tx, actor, now, "campaign", id, changed(audited(*before), audited(c)));
  return c.version + 1;
}

Result<Campaign> CampaignRepository::find(Tx& tx, Id<Campaign> id) {
  long long cid = id.value;
  soci::rowset<Campaign> rs =
      (tx.sql().prepare << campaign_select() + " WHERE id = :id", soci::use(cid));
  for (const auto& c : rs) return c;
  return Error::not_found("campaign.not_found");
}

std::optional<Campaign> CampaignRepository::find_by_code(Tx& tx, const std::string& code) {
  soci::rowset<Campaign> rs =
      (tx.sql().prepare << campaign_select() + " WHERE code = :c", soci::use(code));
  for (const auto& c : rs) return c;
  return std::nullopt;
}

std::vector<Campaign> CampaignRepository::list(Tx& tx, bool active_only) {
  std::vector<Campaign> out;
  soci::rowset<Campaign> rs = tx.sql().prepare << campaign_select() +
                                                      (active_only ? " WHERE active = 1" : "") +
                                                      " ORDER BY code";
  for (const auto& c : rs) out.push_back(c);
  return out;
}

std::map<std::int64_t, int> CampaignRepository::package_counts(Tx& tx) {
  std::map<std::int64_t, int> out;
  soci::rowset<soci::row> rs = tx.sql().prepare
                               << "SELECT campaign_id, COUNT(*) FROM packages GROUP BY campaign_id";
  for (const auto& r : rs) out[int64_at(r, 0)] = static_cast<int>(int64_at(r, 1));
  return out;
}

Result<CampaignWithPackages> CampaignRepository::with_packages(Tx& tx, Id<Campaign> id,
                                                               bool active_packages_only) {
  auto campaign = find(tx, id);
  if (!campaign) return campaign.error();
  CampaignWithPackages out{std::move(*campaign), {}};
  long long cid = id.value;
  soci::rowset<Package> rs =
      (tx.sql().prepare << package_select() + " WHERE campaign_id = :c" +
                               (active_packages_only ? " AND active = 1" : "") +
                               " ORDER BY display_order, code",
       soci::use(cid));
  for (const auto& p : rs) out.packages.push_back(p);
  return out;
}

Result<Id<Package>> CampaignRepository::insert_package(Tx& tx, const Package& p, const Actor& actor,
                                                       Instant now) {
  if (auto campaign = find(tx, p.campaign); !campaign) return campaign.error();
  if (package_with_code(tx, p.campaign, p.code)) return code_taken("package.code_taken", p.code);
  if (auto ok = check_agreement_types(tx, p.agreements); !ok) return ok.error();
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), campaign = p.campaign.value, id = 0;
  tx.sql() << "INSERT INTO packages (campaign_id, " + column_list(kPackageColumns) +
                  ", version, created_at, updated_at, updated_by) VALUES (:campaign_id, " +
                  placeholder_list(kPackageColumns) +
                  ", 1, :created_at, :updated_at, :updated_by) RETURNING id",
      soci::use(p), soci::use(when, "created_at"), soci::use(when, "updated_at"),
      soci::use(by, by_ind, "updated_by"), soci::into(id);
  auto changes = created(audited(p));
  changes.insert(changes.begin(), {"campaign", std::nullopt, std::to_string(campaign)});
  AuditRepository::record(tx, actor, now, "package", id, changes);
  return Id<Package>{id};
}

Result<Version> CampaignRepository::update_package(Tx& tx, const Package& p, const Actor& actor,
                                                   Instant now) {
  auto before = find_package(tx, p.id);
  if (!before) return before.error();
  if (auto other = package_with_code(tx, before->campaign, p.code); other && *other != p.id)
    return code_taken("package.code_taken", p.code);
  if (auto ok = check_agreement_types(tx, p.agreements); !ok) return ok.error();
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = p.id.value;
  soci::statement st =
      (tx.sql().prepare << "UPDATE packages SET " + assignment_list(kPackageColumns) +
                               ", version = version + 1, updated_at = :updated_at, updated_by = "
                               ":updated_by WHERE id = :id AND version = :version",
       soci::use(p), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "packages", id);
  AuditRepository::record(tx, actor, now, "package", id, changed(audited(*before), audited(p)));
  return p.version + 1;
}

Result<Package> CampaignRepository::find_package(Tx& tx, Id<Package> id) {
  long long pid = id.value;
  soci::rowset<Package> rs =
      (tx.sql().prepare << package_select() + " WHERE id = :id", soci::use(pid));
  for (const auto& p : rs) return p;
  return Error::not_found("package.not_found");
}

Status CampaignRepository::check_agreement_types(
    Tx& tx, const std::vector<domain::AgreementToCreate>& rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    std::string prefix = "agreements." + std::to_string(i);
    int active = 0;
    std::string division;
    tx.sql() << "SELECT active, division FROM service_agreement_types WHERE code = :c",
        soci::use(row.agreement_type), soci::into(active), soci::into(division);
    if (!tx.sql().got_data() || active == 0)
      return Error::invalid("agreement.type_unknown", prefix + ".agreement_type",
                            {{"type", row.agreement_type}});
    if (row.division != division)
      return Error::invalid("agreement.division_mismatch", prefix + ".division",
                            {{"type", row.agreement_type}, {"division", division}});
  }
  return Ok{};
}

std::vector<CampaignRepository::AgreementType> CampaignRepository::agreement_types(
    Tx& tx, bool active_only) {
  std::vector<AgreementType> out;
  soci::rowset<soci::row> rs = tx.sql().prepare
                               << std::string(
                                      "SELECT code, division, label_en, label_fr, active FROM "
                                      "service_agreement_types") +
                                      (active_only ? " WHERE active = 1" : "") + " ORDER BY code";
  for (const auto& r : rs)
    out.push_back({text_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), int_at(r, 4) != 0});
  return out;
}

}  // namespace rapport::store
