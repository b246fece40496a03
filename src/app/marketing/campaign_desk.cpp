#include "app/marketing/campaign_desk.h"

#include <algorithm>
#include <cctype>

#include "app/access.h"
#include "app/today.h"
#include "store/customers/customer_class_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

using domain::Role;

Status may_read(const domain::User& actor) { return require(actor, Capability::read_campaigns); }

Status may_manage(const domain::User& actor) {
  return require(actor, Capability::manage_campaigns);
}

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

Result<Ok> fail(FieldErrors& errors, FieldErrors* out) {
  if (out) *out = errors;
  return errors.errors.front();
}

// A sample typed in the test panel, as a fact of `field`'s type.
void add_sample(domain::Facts& facts, const domain::FieldRef& field, const std::string& typed,
                const std::vector<domain::Question>& questions, FieldErrors& errors) {
  if (typed.find_first_not_of(" \t") == std::string::npos) return;
  auto type = domain::field_type(field, questions);
  if (!type) return;
  const std::string name = "sample." + field.name;
  Result<domain::Value> value = Error::invalid("value.required", name);
  if (field.source == domain::FieldSource::answer) {
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&](const domain::Question& x) { return x.code == field.name; });
    auto answer = domain::parse_answer(*q, typed);
    if (answer)
      value = answer->value;
    else
      value = Error::invalid(answer.error().key, name, answer.error().args);
  } else {
    value = domain::parse_value(*type, typed, name);
  }
  if (!value) {
    errors.add(value.error());
    return;
  }
  facts.set(field, std::move(*value));
}

// code → catalog "<prefix>.<code>" in English and in French.
std::vector<domain::ListChoice> catalog_choices(const i18n::Catalog& catalog,
                                                const std::string& prefix,
                                                std::initializer_list<const char*> codes) {
  std::vector<domain::ListChoice> out;
  for (const char* code : codes) {
    const std::string key = prefix + "." + code;
    out.push_back({code, catalog.text(Language::en, key), catalog.text(Language::fr, key)});
  }
  return out;
}

}  // namespace

Result<domain::FieldChoices> CampaignDesk::field_choices(const domain::User& actor,
                                                         const i18n::Catalog& catalog) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<domain::FieldChoices> {
    domain::FieldChoices out;
    out.order["customer_class"] = store::CustomerClassRepository::active_choices(tx);
    out.order["customer_kind"] = catalog_choices(catalog, "customer_kind", {"person", "company"});
    out.order["premise_type"] =
        catalog_choices(catalog, "premise_type", {"house", "apartment", "office", "shop", "site"});
    out.order["language"] = catalog_choices(catalog, "language", {"en", "fr"});
    out.yes_no = catalog_choices(catalog, "value", {"yes", "no"});
    return out;
  });
}

Result<std::vector<domain::Campaign>> CampaignDesk::campaigns(const domain::User& actor,
                                                              bool active_only) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<domain::Campaign>> {
    return store::CampaignRepository::list(tx, active_only);
  });
}

Result<std::vector<CampaignListing>> CampaignDesk::listing(const domain::User& actor,
                                                           bool active_only) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<CampaignListing>> {
    const CivilDate today = business_today(clock_, store::SettingsRepository::load(tx));
    const auto counts = store::CampaignRepository::package_counts(tx);
    std::vector<CampaignListing> out;
    for (auto& c : store::CampaignRepository::list(tx, active_only)) {
      auto count = counts.find(c.id.value);
      const bool offered = domain::is_offered(c, today);
      out.push_back({std::move(c), offered, count == counts.end() ? 0 : count->second});
    }
    return out;
  });
}

domain::Campaign CampaignDesk::blank_campaign() const {
  domain::Campaign blank;
  blank.valid_from = business_today(clock_, db_);
  return blank;
}

Result<store::CampaignWithPackages> CampaignDesk::campaign(const domain::User& actor,
                                                           Id<domain::Campaign> id) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read(
      [&](store::Tx& tx) { return store::CampaignRepository::with_packages(tx, id, false); });
}

Result<domain::Campaign> CampaignDesk::save_campaign(const domain::User& actor, domain::Campaign c,
                                                     FieldErrors* errors_out) {
  if (auto ok = may_manage(actor); !ok) return ok.error();
  c.code = upper(c.code);
  FieldErrors errors = domain::validate_campaign(c);
  if (!errors.empty()) return fail(errors, errors_out).error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<domain::Campaign> {
    if (!c.id.valid()) {
      auto id = store::CampaignRepository::insert(tx, c, who, now);
      if (!id) {
        if (errors_out) errors_out->add(id.error());
        return id.error();
      }
      return store::CampaignRepository::find(tx, *id);
    }
    auto version = store::CampaignRepository::update(tx, c, who, now);
    if (!version) {
      if (errors_out && version.error().code == ErrorCode::invalid_input)
        errors_out->add(version.error());
      return version.error();
    }
    return store::CampaignRepository::find(tx, c.id);
  });
}

Result<domain::Package> CampaignDesk::package(const domain::User& actor, Id<domain::Package> id) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) { return store::CampaignRepository::find_package(tx, id); });
}

Result<domain::Package> CampaignDesk::save_package(const domain::User& actor, domain::Package p,
                                                   FieldErrors* errors_out) {
  if (auto ok = may_manage(actor); !ok) return ok.error();
  p.code = upper(p.code);
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<domain::Package> {
    auto campaign = store::CampaignRepository::find(tx, p.campaign);
    if (!campaign) return campaign.error();
    FieldErrors errors = domain::validate_package(p, *campaign);
    if (!errors.empty()) return fail(errors, errors_out).error();
    auto report = [&](const Error& e) {
      if (errors_out && e.code == ErrorCode::invalid_input) errors_out->add(e);
      return e;
    };
    if (!p.id.valid()) {
      auto id = store::CampaignRepository::insert_package(tx, p, who, now);
      if (!id) return report(id.error());
      return store::CampaignRepository::find_package(tx, *id);
    }
    auto stored = store::CampaignRepository::find_package(tx, p.id);
    if (!stored) return stored.error();
    if (stored->campaign != p.campaign) return Error::invalid("package.campaign_fixed", "campaign");
    auto version = store::CampaignRepository::update_package(tx, p, who, now);
    if (!version) return report(version.error());
    return store::CampaignRepository::find_package(tx, p.id);
  });
}

Result<RuleTestResult> CampaignDesk::test_rules(const domain::User& actor,
                                                const RuleTestInput& in) {
  if (auto ok = may_manage(actor); !ok) return ok.error();
  auto campaign = db_.read(
      [&](store::Tx& tx) { return store::CampaignRepository::find(tx, in.draft.campaign); });
  if (!campaign) return campaign.error();
  RuleTestResult out;
  const auto questions = domain::questions_in_scope(*campaign, &in.draft);
  out.rule_errors = domain::validate_rules(in.draft.rules, questions, "rules.");
  domain::Facts facts;
  for (const auto& [code, typed] : in.answers)
    add_sample(facts, {domain::FieldSource::answer, code}, typed, questions, out.sample_errors);
  for (const auto& [name, typed] : in.order_fields)
    add_sample(facts, {domain::FieldSource::order, name}, typed, questions, out.sample_errors);
  for (const auto& [name, typed] : in.computed)
    add_sample(facts, {domain::FieldSource::computed, name}, typed, questions, out.sample_errors);
  if (out.rule_errors.empty()) out.verdict = domain::evaluate(in.draft.rules, facts);
  return out;
}

Result<store::Conversion> CampaignDesk::conversion(const domain::User& actor,
                                                   Id<domain::Campaign> id) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<store::Conversion> {
    if (auto c = store::CampaignRepository::find(tx, id); !c) return c.error();
    return store::ServiceOrderRepository::conversion(tx, id);
  });
}

Result<std::vector<store::AuditRow>> CampaignDesk::history(const domain::User& actor,
                                                           std::string_view record_type,
                                                           std::int64_t id) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, record_type, id);
  });
}

Result<std::vector<store::CampaignRepository::AgreementType>> CampaignDesk::agreement_types(
    const domain::User& actor) {
  if (auto ok = may_read(actor); !ok) return ok.error();
  return db_.read(
      [&](store::Tx& tx) -> Result<std::vector<store::CampaignRepository::AgreementType>> {
        return store::CampaignRepository::agreement_types(tx, true);
      });
}

}  // namespace rapport::app
