// store/marketing/campaign_repository.h: campaigns and their packages
// (campaigns-and-orders.md), with their rules and questions as JSON
// documents (marketing_json.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/marketing/campaign.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

// A campaign with its packages by display order, then code.
struct CampaignWithPackages {
  domain::Campaign campaign;
  std::vector<domain::Package> packages;
};

class CampaignRepository {
 public:
  // Errors: conflict ("campaign.code_taken", field "code"); invalid_input
  // ("campaign.class_unknown", field "new_person_class" or "target_classes")
  // when a customer class code does not exist.
  static Result<Id<domain::Campaign>> insert(Tx& tx, const domain::Campaign& c, const Actor& actor,
                                             Instant now);
  // Optimistic on c.version (stale_record_error). Audit rows per changed column.
  static Result<Version> update(Tx& tx, const domain::Campaign& c, const Actor& actor, Instant now);
  // Errors: not_found ("campaign.not_found").
  static Result<domain::Campaign> find(Tx& tx, Id<domain::Campaign> id);
  static std::optional<domain::Campaign> find_by_code(Tx& tx, const std::string& code);
  // By code; only active ones when `active_only`.
  static std::vector<domain::Campaign> list(Tx& tx, bool active_only);
  // The number of packages of each campaign (active or not), by campaign id.
  static std::map<std::int64_t, int> package_counts(Tx& tx);
  // Errors: not_found.
  static Result<CampaignWithPackages> with_packages(Tx& tx, Id<domain::Campaign> id,
                                                    bool active_packages_only);

  // Errors: conflict ("package.code_taken", field "code"); invalid_input
  // ("agreement.type_unknown", field "agreements.<i>.agreement_type") when a
  // type does not exist or is inactive, ("agreement.division_mismatch",
  // field "agreements.<i>.division") when the division is not the type's.
  static Result<Id<domain::Package>> insert_package(Tx& tx, const domain::Package& p,
                                                    const Actor& actor, Instant now);
  static Result<Version> update_package(Tx& tx, const domain::Package& p, const Actor& actor,
                                        Instant now);
  // Errors: not_found ("package.not_found").
  static Result<domain::Package> find_package(Tx& tx, Id<domain::Package> id);
  // The same checks as insert_package, for completion (a type deactivated
  // since the package was saved). Errors as insert_package.
  static Status check_agreement_types(Tx& tx, const std::vector<domain::AgreementToCreate>& rows);

  // Active service agreement types (code, division, labels), for the editor.
  struct AgreementType {
    std::string code;
    std::string division;
    std::string label_en;
    std::string label_fr;
    bool active = true;
  };
  static std::vector<AgreementType> agreement_types(Tx& tx, bool active_only);
};

}  // namespace rapport::store
