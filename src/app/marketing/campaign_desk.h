// app/marketing/campaign_desk.h: campaigns and packages for managers
// (campaigns-and-orders.md, "Campaign", "Package", "Beyond the seed"):
// editing, testing a package's rules against sample answers before saving,
// and the conversion figures per campaign.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/marketing/campaign.h"
#include "domain/marketing/value_choices.h"
#include "domain/users/user.h"
#include "i18n/catalog.h"
#include "store/audit_repository.h"
#include "store/database.h"
#include "store/marketing/campaign_repository.h"
#include "store/marketing/service_order_repository.h"

namespace rapport::app {

// A draft package's rules tried on sample data (nothing is saved).
struct RuleTestInput {
  domain::Package draft;  // campaign set; rules, questions and overrides as edited
  // Sample answers by question code and order fields by name ("customer_class"),
  // as typed; computed fields by name ("age", "existing_agreements").
  std::map<std::string, std::string> answers;
  std::map<std::string, std::string> order_fields;
  std::map<std::string, std::string> computed;
};

struct RuleTestResult {
  domain::Verdict verdict;
  FieldErrors rule_errors;    // the draft's rules are invalid: no verdict
  FieldErrors sample_errors;  // a sample value that does not parse ("sample.<code>")
};

// A campaign as the list shows it: offered today (installation's calendar)
// or not, and how many packages it has.
struct CampaignListing {
  domain::Campaign campaign;
  bool offered = false;
  int packages = 0;
};

class CampaignDesk {
 public:
  CampaignDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every desk user reads; managers and admins change.
  Result<std::vector<domain::Campaign>> campaigns(const domain::User& actor, bool active_only);
  // The same with what the lists show; "offered" is decided here, today
  // being the installation's (app/today.h), for the pages and the API alike.
  Result<std::vector<CampaignListing>> listing(const domain::User& actor, bool active_only);
  // A new campaign's form: valid from today.
  domain::Campaign blank_campaign() const;
  Result<store::CampaignWithPackages> campaign(const domain::User& actor, Id<domain::Campaign> id);
  // Creates (id not set) or updates at c.version. The code is upper-cased.
  // Errors: forbidden; invalid_input (all in `errors`); conflict (code
  // taken, stale).
  Result<domain::Campaign> save_campaign(const domain::User& actor, domain::Campaign c,
                                         FieldErrors* errors = nullptr);
  Result<domain::Package> package(const domain::User& actor, Id<domain::Package> id);
  // Creates or updates a package of p.campaign; validated against its
  // campaign, agreement types checked. Errors as save_campaign.
  Result<domain::Package> save_package(const domain::User& actor, domain::Package p,
                                       FieldErrors* errors = nullptr);
  // Errors: forbidden, not_found (the campaign).
  Result<RuleTestResult> test_rules(const domain::User& actor, const RuleTestInput& input);
  // The choices of the coded fields a rule's values name, as the rules
  // editor reads and shows them: the active customer classes (their
  // configured labels), customer kinds, premise types, languages and
  // yes/no (their labels in `catalog`, English and French).
  Result<domain::FieldChoices> field_choices(const domain::User& actor,
                                             const i18n::Catalog& catalog);
  Result<store::Conversion> conversion(const domain::User& actor, Id<domain::Campaign> id);
  Result<std::vector<store::AuditRow>> history(const domain::User& actor,
                                               std::string_view record_type, std::int64_t id);
  Result<std::vector<store::CampaignRepository::AgreementType>> agreement_types(
      const domain::User& actor);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
