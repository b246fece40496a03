#include "domain/marketing/campaign.h"

#include <algorithm>

#include "domain/customers/search_query.h"
#include "domain/record_code.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

void append(FieldErrors& to, FieldErrors from) {
  for (Error& err : from.errors) to.add(std::move(err));
}

void validate_usage(FieldErrors& e, const PartyUsage& u, const std::string& party) {
  if (u.usage == Usage::not_allowed && u.may_create)
    e.add(Error::invalid("campaign.create_not_allowed", party + ".may_create"));
}

}  // namespace

std::string_view to_code(Usage u) { return enum_code(u); }

std::optional<Usage> usage_from(std::string_view code) { return enum_from_code<Usage>(code); }

std::string_view to_code(StartOption s) { return enum_code(s); }

std::optional<StartOption> start_option_from(std::string_view code) {
  return enum_from_code<StartOption>(code);
}

const std::string& description(const Campaign& c, Language language) {
  const std::string& wanted = language == Language::fr ? c.description_fr : c.description_en;
  return wanted.empty() ? (language == Language::fr ? c.description_en : c.description_fr) : wanted;
}

const std::string& description(const Package& p, Language language) {
  const std::string& wanted = language == Language::fr ? p.description_fr : p.description_en;
  return wanted.empty() ? (language == Language::fr ? p.description_en : p.description_fr) : wanted;
}

bool is_offered(const Campaign& c, CivilDate day) {
  return c.active && c.valid_from <= day && (!c.valid_to || day <= *c.valid_to);
}

bool targets(const Campaign& c, std::string_view customer_class, std::string_view region,
             std::string_view postal_code) {
  const bool class_ok =
      c.target_classes.empty() || std::find(c.target_classes.begin(), c.target_classes.end(),
                                            customer_class) != c.target_classes.end();
  if (!class_ok) return false;
  if (c.target_regions.empty()) return true;
  const std::string postal = postal_key(postal_code);
  return std::any_of(c.target_regions.begin(), c.target_regions.end(), [&](const std::string& t) {
    if (t.empty()) return false;
    const std::string prefix = postal_key(t);
    return t == region || (!postal.empty() && postal.starts_with(prefix));
  });
}

FieldErrors validate_campaign(const Campaign& c) {
  FieldErrors e;
  if (auto bad = check_code(c.code, kMaxCampaignCode, "code")) e.add(std::move(*bad));
  if (c.description_en.empty() && c.description_fr.empty())
    e.add(Error::invalid("campaign.description_required", "description_en"));
  check_line(e, c.description_en, kMaxDescription, "description_en");
  check_line(e, c.description_fr, kMaxDescription, "description_fr");
  if (!c.valid_from.ok()) e.add(Error::invalid("field.date_invalid", "valid_from"));
  if (c.valid_to && c.valid_from.ok() && *c.valid_to < c.valid_from)
    e.add(Error::invalid("campaign.valid_to_before_from", "valid_to"));
  if (c.target_classes.size() > kMaxTargets)
    e.add(Error::invalid("campaign.too_many_targets", "target_classes",
                         {{"max", std::to_string(kMaxTargets)}}));
  if (c.target_regions.size() > kMaxTargets)
    e.add(Error::invalid("campaign.too_many_targets", "target_regions",
                         {{"max", std::to_string(kMaxTargets)}}));
  if (c.new_person_class.empty()) e.add(Error::invalid("field.required", "new_person_class"));
  validate_usage(e, c.premise, "premise");
  validate_usage(e, c.account, "account");
  append(e, validate_questions(c.questions, "questions."));
  append(e, validate_rules(c.rules, c.questions, "rules."));
  return e;
}

FieldErrors validate_package(const Package& p, const Campaign& campaign) {
  FieldErrors e;
  if (auto bad = check_code(p.code, kMaxCampaignCode, "code")) e.add(std::move(*bad));
  if (p.description_en.empty() && p.description_fr.empty())
    e.add(Error::invalid("package.description_required", "description_en"));
  check_line(e, p.description_en, kMaxDescription, "description_en");
  check_line(e, p.description_fr, kMaxDescription, "description_fr");
  check_length(e, p.instructions_en, kMaxInstructions, "instructions_en");
  check_length(e, p.instructions_fr, kMaxInstructions, "instructions_fr");

  auto campaign_asks = [&](const std::string& code) {
    return std::any_of(campaign.questions.begin(), campaign.questions.end(),
                       [&](const Question& q) { return q.code == code; });
  };
  for (std::size_t i = 0; i < p.overrides.size(); ++i)
    if (!campaign_asks(p.overrides[i].code))
      e.add(Error::invalid("package.override_unknown", "overrides." + std::to_string(i) + ".code",
                           {{"code", p.overrides[i].code}}));
  append(e, validate_questions(p.questions, "questions."));
  // The answers of an order are keyed by code: a package cannot ask again
  // what its campaign asks.
  for (std::size_t i = 0; i < p.questions.size(); ++i)
    if (campaign_asks(p.questions[i].code))
      e.add(Error::invalid("question.code_duplicate", "questions." + std::to_string(i) + ".code",
                           {{"code", p.questions[i].code}}));
  append(e, validate_rules(p.rules, questions_in_scope(campaign, &p), "rules."));

  if (p.agreements.empty() || p.agreements.size() > kMaxAgreementsToCreate)
    e.add(Error::invalid("package.agreements_required", "agreements",
                         {{"max", std::to_string(kMaxAgreementsToCreate)}}));
  for (std::size_t i = 0; i < p.agreements.size(); ++i) {
    const AgreementToCreate& a = p.agreements[i];
    const std::string at = "agreements." + std::to_string(i) + ".";
    if (a.division.empty()) e.add(Error::invalid("agreement.division_required", at + "division"));
    if (a.agreement_type.empty())
      e.add(Error::invalid("agreement.type_required", at + "agreement_type"));
  }
  return e;
}

std::vector<Question> questions_in_scope(const Campaign& c, const Package* p) {
  std::vector<Question> out = c.questions;
  if (p) out.insert(out.end(), p->questions.begin(), p->questions.end());
  return out;
}

}  // namespace rapport::domain
