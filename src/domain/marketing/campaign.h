// domain/marketing/campaign.h: campaigns and their packages
// (campaigns-and-orders.md, "Campaign", "Package").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/language.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/marketing/eligibility.h"
#include "domain/marketing/question.h"

namespace rapport::domain {

struct Campaign;
struct Package;

// How an order of the campaign uses a premise or an account.
enum class Usage { not_allowed, optional, required };
BOOST_DESCRIBE_ENUM(Usage, not_allowed, optional, required)
std::string_view to_code(Usage u);  // "not_allowed", "optional", "required"
std::optional<Usage> usage_from(std::string_view code);

struct PartyUsage {
  Usage usage = Usage::optional;
  bool may_create = true;  // a new one may be created (else: existing only)
  bool operator==(const PartyUsage&) const = default;
};

struct Campaign {
  Id<Campaign> id;
  std::string code;            // unique, 1–20 characters, A–Z 0–9 - _
  std::string description_en;  // one of the two at least
  std::string description_fr;
  bool active = true;  // inactive campaigns are not offered
  CivilDate valid_from{};
  std::optional<CivilDate> valid_to;
  std::vector<std::string> target_classes;  // customer class codes; empty: all
  std::vector<std::string> target_regions;  // region codes or postal-code prefixes; empty: all
  Rules rules;                              // campaign eligibility
  bool complete_without_package = false;
  // Defaults for a new person on an order of this campaign.
  std::string new_person_class = "residential";
  Language new_person_language = Language::en;
  AccountRelationship new_person_relationship = AccountRelationship::main;
  PartyUsage premise;
  PartyUsage account{Usage::required, true};
  std::vector<Question> questions;  // asked on every order of the campaign
  Version version = 0;
};

enum class StartOption { on_completion, first_of_next_month };
BOOST_DESCRIBE_ENUM(StartOption, on_completion, first_of_next_month)
std::string_view to_code(StartOption s);  // "on_completion", "first_of_next_month"
std::optional<StartOption> start_option_from(std::string_view code);

// A service agreement that completing an order of the package creates.
struct AgreementToCreate {
  std::string division;        // e.g. "energy"; must match the type's division
  std::string agreement_type;  // a service agreement type code
  StartOption start = StartOption::on_completion;
  std::string service_point_type;  // empty: no service point needed
  bool proposal = false;           // starts as a proposal instead of pending start
  bool operator==(const AgreementToCreate&) const = default;
};

struct Package {
  Id<Package> id;
  Id<Campaign> campaign;
  std::string code;  // unique in its campaign, 1–20 characters, A–Z 0–9 - _
  std::string description_en;
  std::string description_fr;
  bool active = true;
  int display_order = 0;
  std::string instructions_en;  // shown to the CSR when the package is chosen
  std::string instructions_fr;
  Rules rules;                                // package eligibility
  std::vector<Question> questions;            // the package's own questions
  std::vector<QuestionOverride> overrides;    // of the campaign's questions
  std::vector<AgreementToCreate> agreements;  // 1–10
  Version version = 0;
};

constexpr std::size_t kMaxCampaignCode = 20;  // campaigns and packages (domain/record_code.h)
constexpr std::size_t kMaxAgreementsToCreate = 10;
constexpr std::size_t kMaxDescription = 200;
constexpr std::size_t kMaxInstructions = 2000;
constexpr std::size_t kMaxTargets = 50;

// The description in `language`, else the other one.
const std::string& description(const Campaign& c, Language language);
const std::string& description(const Package& p, Language language);

// Offered on `day`: active and within its validity.
bool is_offered(const Campaign& c, CivilDate day);
// The campaign's targets allow this customer class and region / postal
// code (empty lists allow everything; a region matches when equal or when
// it is a prefix of the postal code).
bool targets(const Campaign& c, std::string_view customer_class, std::string_view region,
             std::string_view postal_code);

// Every fault of a campaign (not the database checks: code taken, class
// codes that exist): code, a description, valid_to ≥ valid_from, ≤ 50
// targets, questions (validate_questions, prefix "questions."), rules
// (validate_rules, prefix "rules."), a premise or account that is not
// allowed cannot be created.
FieldErrors validate_campaign(const Campaign& c);
// Every fault of a package against its campaign: code, a description,
// texts' lengths, overrides naming campaign questions
// ("package.override_unknown"), own questions not reusing a campaign code,
// rules over the campaign's and the package's questions, 1–10 agreements
// to create each with a division and a type ("package.agreements_required",
// "agreement.type_required", "agreement.division_required"). Whether the
// types exist is the store's check.
FieldErrors validate_package(const Package& p, const Campaign& campaign);

// The questions of a package's rules and of the campaign it belongs to.
std::vector<Question> questions_in_scope(const Campaign& c, const Package* p);

}  // namespace rapport::domain
