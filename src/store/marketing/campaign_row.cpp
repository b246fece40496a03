#include "store/marketing/campaign_row.h"

#include "domain/customers/codes.h"
#include "store/marketing/marketing_json.h"
#include "store/row_values.h"

namespace rapport::store {

std::string code_list(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& s : codes) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace rapport::store

namespace soci {
namespace {

using namespace rapport::store;

std::vector<std::string> codes_of(const std::string& text) {
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

boost::json::value document_of(const values& v, const std::string& column) {
  return stored_document(text_of(v, column), "campaigns " + column);
}

}  // namespace

using rapport::domain::Campaign;

void type_conversion<Campaign>::from_base(const values& v, indicator, Campaign& c) {
  namespace domain = rapport::domain;
  c.id = rapport::Id<Campaign>{int64_of(v, "id")};
  c.code = text_of(v, "code");
  c.description_en = text_of(v, "description_en");
  c.description_fr = text_of(v, "description_fr");
  c.active = int_of(v, "active") != 0;
  c.valid_from = rapport::parse_date(text_of(v, "valid_from")).value_or(rapport::CivilDate{});
  c.valid_to.reset();
  if (auto s = optional_text_of(v, "valid_to")) c.valid_to = rapport::parse_date(*s);
  c.target_classes = codes_of(text_of(v, "target_classes"));
  c.target_regions = codes_of(text_of(v, "target_regions"));
  c.questions = checked_document(questions_from_json(document_of(v, "questions_json")),
                                 "campaigns questions_json");
  c.rules = checked_document(rules_from_json(document_of(v, "rules_json"), c.questions),
                             "campaigns rules_json");
  c.complete_without_package = int_of(v, "complete_without_package") != 0;
  c.new_person_class = text_of(v, "new_person_class");
  c.new_person_language =
      rapport::parse_language(text_of(v, "new_person_language")).value_or(rapport::Language::en);
  c.new_person_relationship = domain::parse_relationship(text_of(v, "new_person_relationship"));
  c.premise.usage =
      domain::usage_from(text_of(v, "premise_usage")).value_or(domain::Usage::optional);
  c.premise.may_create = int_of(v, "premise_may_create") != 0;
  c.account.usage =
      domain::usage_from(text_of(v, "account_usage")).value_or(domain::Usage::required);
  c.account.may_create = int_of(v, "account_may_create") != 0;
  c.version = int64_of(v, "version");
}

void type_conversion<Campaign>::to_base(const Campaign& c, values& v, indicator& ind) {
  namespace domain = rapport::domain;
  v.set("id", static_cast<long long>(c.id.value));
  v.set("code", c.code);
  v.set("description_en", c.description_en);
  v.set("description_fr", c.description_fr);
  v.set("active", c.active ? 1 : 0);
  v.set("valid_from", rapport::format_date(c.valid_from));
  v.set("valid_to", c.valid_to ? rapport::format_date(*c.valid_to) : std::string(),
        c.valid_to ? i_ok : i_null);
  v.set("target_classes", code_list(c.target_classes));
  v.set("target_regions", code_list(c.target_regions));
  v.set("rules_json", to_text(to_json(c.rules)));
  v.set("complete_without_package", c.complete_without_package ? 1 : 0);
  v.set("new_person_class", c.new_person_class);
  v.set("new_person_language", std::string(rapport::code(c.new_person_language)));
  v.set("new_person_relationship", std::string(domain::to_code(c.new_person_relationship)));
  v.set("premise_usage", std::string(domain::to_code(c.premise.usage)));
  v.set("premise_may_create", c.premise.may_create ? 1 : 0);
  v.set("account_usage", std::string(domain::to_code(c.account.usage)));
  v.set("account_may_create", c.account.may_create ? 1 : 0);
  v.set("questions_json", to_text(to_json(c.questions)));
  v.set("version", static_cast<long long>(c.version));
  ind = i_ok;
}

}  // namespace soci
