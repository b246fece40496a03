#include "web/ui/history_values.h"

#include <array>
#include <string_view>
#include <utility>

#include <boost/json.hpp>

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 6> kYesNoFields{"active",
                                                       "complete_without_package",
                                                       "premise_may_create",
                                                       "account_may_create",
                                                       "territory_predefined",
                                                       "trackable"};

// Fields holding one code (or a comma-separated list of codes) and the
// catalog prefix of their labels.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kCodeFields{{
    {"customer_class", "customer_class."},
    {"new_person_class", "customer_class."},
    {"target_classes", "customer_class."},
    {"language", "language."},
    {"default_language", "language."},
    {"new_person_language", "language."},
    {"new_person_relationship", "account_relationship."},
    {"premise_usage", "usage."},
    {"account_usage", "usage."},
    {"kind", "customer_kind."},
}};

std::string code_labels(const i18n::Catalog& catalog, Language lang, std::string_view prefix,
                        const std::string& value) {
  std::string out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = value.find(',', start);
    const std::string code =
        value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::string key = std::string(prefix) + code;
    out += (out.empty() ? "" : ", ") + (catalog.has(lang, key) ? catalog.text(lang, key) : code);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

const json::string* text_member(const json::value& v, const char* name) {
  const auto* o = v.if_object();
  if (!o) return nullptr;
  const auto* m = o->if_contains(name);
  return m ? m->if_string() : nullptr;
}

// The readable part of each item of a JSON list: a question's prompt in the
// reader's language, a group's label, an agreement's type.
std::string json_list(const json::value& list, Language lang, const char* en, const char* fr,
                      const char* fallback) {
  const auto* items = list.if_array();
  if (!items) return {};
  std::string out;
  for (const auto& item : *items) {
    const json::string* text = text_member(item, lang == Language::fr ? fr : en);
    if (!text || text->empty()) text = text_member(item, lang == Language::fr ? en : fr);
    if (!text || text->empty()) text = text_member(item, fallback);
    if (text) out += (out.empty() ? "" : " · ") + std::string(*text);
  }
  return out;
}

std::string json_value(const i18n::Catalog& catalog, Language lang, const std::string& field,
                       const std::string& value) {
  boost::system::error_code ec;
  const json::value v = json::parse(value, ec);
  if (ec) return value;
  std::string shown;
  if (field == "questions") {
    shown = json_list(v, lang, "prompt_en", "prompt_fr", "code");
  } else if (field == "rules") {
    const auto* o = v.if_object();
    const auto* groups = o ? o->if_contains("groups") : nullptr;
    shown = groups ? json_list(*groups, lang, "label", "label", "label") : "";
  } else if (field == "agreements") {
    shown = json_list(v, lang, "agreement_type", "agreement_type", "type");
  } else if (field == "overrides") {
    const auto* items = v.if_array();
    return catalog.text(lang, "history.overrides",
                        {{"count", std::to_string(items ? items->size() : 0)}});
  } else {
    return value;
  }
  return shown.empty() ? catalog.text(lang, "history.none") : shown;
}

}  // namespace

std::string history_value(const i18n::Catalog& catalog, Language lang, const std::string& field,
                          const std::string& value) {
  if (value.empty()) return "—";
  for (auto yes_no : kYesNoFields)
    if (field == yes_no && (value == "0" || value == "1"))
      return catalog.text(lang, value == "1" ? "history.yes" : "history.no");
  for (const auto& [name, prefix] : kCodeFields)
    if (field == name) return code_labels(catalog, lang, prefix, value);
  if (value.front() == '[' || value.front() == '{') return json_value(catalog, lang, field, value);
  return value;
}

}  // namespace rapport::web::ui
