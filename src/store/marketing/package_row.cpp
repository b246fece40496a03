#include "store/marketing/package_row.h"

#include "store/marketing/marketing_json.h"
#include "store/row_values.h"

namespace soci {
namespace {

using namespace rapport::store;

boost::json::value package_document(const values& v, const std::string& column) {
  return stored_document(text_of(v, column), "packages " + column);
}

}  // namespace

using rapport::domain::Campaign;
using rapport::domain::Package;

void type_conversion<Package>::from_base(const values& v, indicator, Package& p) {
  p.id = rapport::Id<Package>{int64_of(v, "id")};
  p.campaign = rapport::Id<Campaign>{int64_of(v, "campaign_id")};
  p.code = text_of(v, "code");
  p.description_en = text_of(v, "description_en");
  p.description_fr = text_of(v, "description_fr");
  p.active = int_of(v, "active") != 0;
  p.display_order = int_of(v, "display_order");
  p.instructions_en = text_of(v, "instructions_en");
  p.instructions_fr = text_of(v, "instructions_fr");
  p.questions = checked_document(questions_from_json(package_document(v, "questions_json")),
                                 "packages questions_json");
  p.rules = checked_document(rules_from_json(package_document(v, "rules_json"), p.questions),
                             "packages rules_json");
  p.overrides = checked_document(overrides_from_json(package_document(v, "overrides_json")),
                                 "packages overrides_json");
  p.agreements = checked_document(agreements_from_json(package_document(v, "agreements_json")),
                                  "packages agreements_json");
  p.version = int64_of(v, "version");
}

void type_conversion<Package>::to_base(const Package& p, values& v, indicator& ind) {
  v.set("id", static_cast<long long>(p.id.value));
  v.set("campaign_id", static_cast<long long>(p.campaign.value));
  v.set("code", p.code);
  v.set("description_en", p.description_en);
  v.set("description_fr", p.description_fr);
  v.set("active", p.active ? 1 : 0);
  v.set("display_order", p.display_order);
  v.set("instructions_en", p.instructions_en);
  v.set("instructions_fr", p.instructions_fr);
  v.set("rules_json", to_text(to_json(p.rules)));
  v.set("questions_json", to_text(to_json(p.questions)));
  v.set("overrides_json", to_text(to_json(p.overrides)));
  v.set("agreements_json", to_text(to_json(p.agreements)));
  v.set("version", static_cast<long long>(p.version));
  ind = i_ok;
}

}  // namespace soci
