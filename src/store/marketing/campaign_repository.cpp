#include "store/marketing/campaign_repository.h"

#include <stdexcept>
#include <utility>

#include <soci/soci.h>

#include "domain/customers/codes.h"
#include "store/marketing/marketing_json.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::Campaign;
using domain::Package;

constexpr const char* kCampaignColumns =
    "id, code, description_en, description_fr, active, valid_from, valid_to, target_classes, "
    "target_regions, rules_json, complete_without_package, new_person_class, "
    "new_person_language, new_person_relationship, premise_usage, premise_may_create, "
    "account_usage, account_may_create, questions_json, version";

constexpr const char* kPackageColumns =
    "id, campaign_id, code, description_en, description_fr, active, display_order, "
    "instructions_en, instructions_fr, rules_json, questions_json, overrides_json, "
    "agreements_json, version";

long long actor_id(const Actor& a, soci::indicator& ind) {
  ind = a.user ? soci::i_ok : soci::i_null;
  return a.user ? a.user->value : 0;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A stored JSON column; a corrupt one throws (an internal error of the
// transaction).
boost::json::value stored(const std::string& text, const char* column) {
  auto v = parse_stored(text, column);
  if (!v) throw std::runtime_error(v.error().detail);
  return std::move(*v);
}

template <typename T>
T checked(Result<T> r, const char* column) {
  if (!r)
    throw std::runtime_error(std::string("corrupt ") + column + ": " + r.error().key + " at " +
                             r.error().field);
  return std::move(*r);
}

Campaign campaign_from(const soci::row& r) {
  Campaign c;
  c.id = Id<Campaign>{int64_at(r, 0)};
  c.code = text_at(r, 1);
  c.description_en = text_at(r, 2);
  c.description_fr = text_at(r, 3);
  c.active = int_at(r, 4) != 0;
  c.valid_from = parse_date(text_at(r, 5)).value_or(CivilDate{});
  if (auto s = optional_text_at(r, 6)) c.valid_to = parse_date(*s);
  c.target_classes = split(text_at(r, 7));
  c.target_regions = split(text_at(r, 8));
  c.questions = checked(questions_from_json(stored(text_at(r, 18), "campaigns questions_json")),
                        "campaigns questions_json");
  c.rules = checked(rules_from_json(stored(text_at(r, 9), "campaigns rules_json"), c.questions),
                    "campaigns rules_json");
  c.complete_without_package = int_at(r, 10) != 0;
  c.new_person_class = text_at(r, 11);
  c.new_person_language = parse_language(text_at(r, 12)).value_or(Language::en);
  c.new_person_relationship = domain::parse_relationship(text_at(r, 13));
  c.premise.usage = domain::usage_from(text_at(r, 14)).value_or(domain::Usage::optional);
  c.premise.may_create = int_at(r, 15) != 0;
  c.account.usage = domain::usage_from(text_at(r, 16)).value_or(domain::Usage::required);
  c.account.may_create = int_at(r, 17) != 0;
  c.version = int64_at(r, 19);
  return c;
}

Package package_from(const soci::row& r) {
  Package p;
  p.id = Id<Package>{int64_at(r, 0)};
  p.campaign = Id<Campaign>{int64_at(r, 1)};
  p.code = text_at(r, 2);
  p.description_en = text_at(r, 3);
  p.description_fr = text_at(r, 4);
  p.active = int_at(r, 5) != 0;
  p.display_order = int_at(r, 6);
  p.instructions_en = text_at(r, 7);
  p.instructions_fr = text_at(r, 8);
  p.questions = checked(questions_from_json(stored(text_at(r, 10), "packages questions_json")),
                        "packages questions_json");
  p.rules = checked(rules_from_json(stored(text_at(r, 9), "packages rules_json"), p.questions),
                    "packages rules_json");
  p.overrides = checked(overrides_from_json(stored(text_at(r, 11), "packages overrides_json")),
                        "packages overrides_json");
  p.agreements = checked(agreements_from_json(stored(text_at(r, 12), "packages agreements_json")),
                         "packages agreements_json");
  p.version = int64_at(r, 13);
  return p;
}

// The campaign's columns as bindable values.
struct CampaignColumns {
  explicit CampaignColumns(const Campaign& c)
      : active(c.active ? 1 : 0),
        valid_from(format_date(c.valid_from)),
        valid_to(c.valid_to ? format_date(*c.valid_to) : ""),
        valid_to_ind(c.valid_to ? soci::i_ok : soci::i_null),
        target_classes(join(c.target_classes)),
        target_regions(join(c.target_regions)),
        rules(to_text(to_json(c.rules))),
        complete_without_package(c.complete_without_package ? 1 : 0),
        language(code(c.new_person_language)),
        relationship(domain::to_code(c.new_person_relationship)),
        premise_usage(domain::to_code(c.premise.usage)),
        premise_may_create(c.premise.may_create ? 1 : 0),
        account_usage(domain::to_code(c.account.usage)),
        account_may_create(c.account.may_create ? 1 : 0),
        questions(to_text(to_json(c.questions))) {}
  int active;
  std::string valid_from;
  std::string valid_to;
  soci::indicator valid_to_ind;
  std::string target_classes;
  std::string target_regions;
  std::string rules;
  int complete_without_package;
  std::string language;
  std::string relationship;
  std::string premise_usage;
  int premise_may_create;
  std::string account_usage;
  int account_may_create;
  std::string questions;
};

// The audited fields of a campaign and their text, in a fixed order.
std::vector<std::pair<std::string, std::string>> audited(const Campaign& c) {
  CampaignColumns b(c);
  return {{"code", c.code},
          {"description_en", c.description_en},
          {"description_fr", c.description_fr},
          {"active", std::to_string(b.active)},
          {"valid_from", b.valid_from},
          {"valid_to", b.valid_to},
          {"target_classes", b.target_classes},
          {"target_regions", b.target_regions},
          {"rules", b.rules},
          {"complete_without_package", std::to_string(b.complete_without_package)},
          {"new_person_class", c.new_person_class},
          {"new_person_language", b.language},
          {"new_person_relationship", b.relationship},
          {"premise_usage", b.premise_usage},
          {"premise_may_create", std::to_string(b.premise_may_create)},
          {"account_usage", b.account_usage},
          {"account_may_create", std::to_string(b.account_may_create)},
          {"questions", b.questions}};
}

struct PackageColumns {
  explicit PackageColumns(const Package& p)
      : active(p.active ? 1 : 0),
        rules(to_text(to_json(p.rules))),
        questions(to_text(to_json(p.questions))),
        overrides(to_text(to_json(p.overrides))),
        agreements(to_text(to_json(p.agreements))) {}
  int active;
  std::string rules;
  std::string questions;
  std::string overrides;
  std::string agreements;
};

std::vector<std::pair<std::string, std::string>> audited(const Package& p) {
  PackageColumns b(p);
  return {{"code", p.code},
          {"description_en", p.description_en},
          {"description_fr", p.description_fr},
          {"active", std::to_string(b.active)},
          {"display_order", std::to_string(p.display_order)},
          {"instructions_en", p.instructions_en},
          {"instructions_fr", p.instructions_fr},
          {"rules", b.rules},
          {"questions", b.questions},
          {"overrides", b.overrides},
          {"agreements", b.agreements}};
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
  CampaignColumns b(c);
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO campaigns (code, description_en, description_fr, active, valid_from, "
              "valid_to, target_classes, target_regions, rules_json, complete_without_package, "
              "new_person_class, new_person_language, new_person_relationship, premise_usage, "
              "premise_may_create, account_usage, account_may_create, questions_json, version, "
              "created_at, updated_at, updated_by) VALUES (:code, :den, :dfr, :ac, :vf, :vt, :tc, "
              ":tr, :ru, :cwp, :npc, :npl, :npr, :pu, :pmc, :au, :amc, :qu, 1, :ca, :ua, :by) "
              "RETURNING id",
      soci::use(c.code), soci::use(c.description_en), soci::use(c.description_fr),
      soci::use(b.active), soci::use(b.valid_from), soci::use(b.valid_to, b.valid_to_ind),
      soci::use(b.target_classes), soci::use(b.target_regions), soci::use(b.rules),
      soci::use(b.complete_without_package), soci::use(c.new_person_class), soci::use(b.language),
      soci::use(b.relationship), soci::use(b.premise_usage), soci::use(b.premise_may_create),
      soci::use(b.account_usage), soci::use(b.account_may_create), soci::use(b.questions),
      soci::use(when), soci::use(when), soci::use(by, by_ind), soci::into(id);
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
  CampaignColumns b(c);
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = c.id.value, version = c.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE campaigns SET code = :code, description_en = :den, "
                           "description_fr = :dfr, active = :ac, valid_from = :vf, valid_to = :vt, "
                           "target_classes = :tc, target_regions = :tr, rules_json = :ru, "
                           "complete_without_package = :cwp, new_person_class = :npc, "
                           "new_person_language = :npl, new_person_relationship = :npr, "
                           "premise_usage = :pu, premise_may_create = :pmc, account_usage = :au, "
                           "account_may_create = :amc, questions_json = :qu, version = version + "
                           "1, updated_at = :ua, updated_by = :by WHERE id = :id AND version = :v",
       soci::use(c.code), soci::use(c.description_en), soci::use(c.description_fr),
       soci::use(b.active), soci::use(b.valid_from), soci::use(b.valid_to, b.valid_to_ind),
       soci::use(b.target_classes), soci::use(b.target_regions), soci::use(b.rules),
       soci::use(b.complete_without_package), soci::use(c.new_person_class), soci::use(b.language),
       soci::use(b.relationship), soci::use(b.premise_usage), soci::use(b.premise_may_create),
       soci::use(b.account_usage), soci::use(b.account_may_create), soci::use(b.questions),
       soci::use(when), soci::use(by, by_ind), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "campaigns", id);
  AuditRepository::record(tx, actor, now, "campaign", id, changed(audited(*before), audited(c)));
  return c.version + 1;
}

Result<Campaign> CampaignRepository::find(Tx& tx, Id<Campaign> id) {
  long long cid = id.value;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kCampaignColumns +
                                                        " FROM campaigns WHERE id = :id",
                                soci::use(cid));
  for (const auto& r : rs) return campaign_from(r);
  return Error::not_found("campaign.not_found");
}

std::optional<Campaign> CampaignRepository::find_by_code(Tx& tx, const std::string& code) {
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kCampaignColumns +
                                                        " FROM campaigns WHERE code = :c",
                                soci::use(code));
  for (const auto& r : rs) return campaign_from(r);
  return std::nullopt;
}

std::vector<Campaign> CampaignRepository::list(Tx& tx, bool active_only) {
  std::vector<Campaign> out;
  soci::rowset<soci::row> rs = tx.sql().prepare
                               << std::string("SELECT ") + kCampaignColumns + " FROM campaigns" +
                                      (active_only ? " WHERE active = 1" : "") + " ORDER BY code";
  for (const auto& r : rs) out.push_back(campaign_from(r));
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
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kPackageColumns +
                               " FROM packages WHERE campaign_id = :c" +
                               (active_packages_only ? " AND active = 1" : "") +
                               " ORDER BY display_order, code",
       soci::use(cid));
  for (const auto& r : rs) out.packages.push_back(package_from(r));
  return out;
}

Result<Id<Package>> CampaignRepository::insert_package(Tx& tx, const Package& p, const Actor& actor,
                                                       Instant now) {
  if (auto campaign = find(tx, p.campaign); !campaign) return campaign.error();
  if (package_with_code(tx, p.campaign, p.code)) return code_taken("package.code_taken", p.code);
  if (auto ok = check_agreement_types(tx, p.agreements); !ok) return ok.error();
  PackageColumns b(p);
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), campaign = p.campaign.value, id = 0;
  tx.sql() << "INSERT INTO packages (campaign_id, code, description_en, description_fr, active, "
              "display_order, instructions_en, instructions_fr, rules_json, questions_json, "
              "overrides_json, agreements_json, version, created_at, updated_at, updated_by) "
              "VALUES (:c, :code, :den, :dfr, :ac, :do, :ien, :ifr, :ru, :qu, :ov, :ag, 1, :ca, "
              ":ua, :by) RETURNING id",
      soci::use(campaign), soci::use(p.code), soci::use(p.description_en),
      soci::use(p.description_fr), soci::use(b.active), soci::use(p.display_order),
      soci::use(p.instructions_en), soci::use(p.instructions_fr), soci::use(b.rules),
      soci::use(b.questions), soci::use(b.overrides), soci::use(b.agreements), soci::use(when),
      soci::use(when), soci::use(by, by_ind), soci::into(id);
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
  PackageColumns b(p);
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = p.id.value, version = p.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE packages SET code = :code, description_en = :den, "
                           "description_fr = :dfr, active = :ac, display_order = :do, "
                           "instructions_en = :ien, instructions_fr = :ifr, rules_json = :ru, "
                           "questions_json = :qu, overrides_json = :ov, agreements_json = :ag, "
                           "version = version + 1, updated_at = :ua, updated_by = :by WHERE id = "
                           ":id AND version = :v",
       soci::use(p.code), soci::use(p.description_en), soci::use(p.description_fr),
       soci::use(b.active), soci::use(p.display_order), soci::use(p.instructions_en),
       soci::use(p.instructions_fr), soci::use(b.rules), soci::use(b.questions),
       soci::use(b.overrides), soci::use(b.agreements), soci::use(when), soci::use(by, by_ind),
       soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "packages", id);
  AuditRepository::record(tx, actor, now, "package", id, changed(audited(*before), audited(p)));
  return p.version + 1;
}

Result<Package> CampaignRepository::find_package(Tx& tx, Id<Package> id) {
  long long pid = id.value;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kPackageColumns +
                                                        " FROM packages WHERE id = :id",
                                soci::use(pid));
  for (const auto& r : rs) return package_from(r);
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
