#include "domain/marketing/value_choices.h"

#include "domain/customers/search_text.h"

namespace rapport::domain {

const std::vector<ListChoice>* field_choices(const FieldRef& field,
                                             const std::vector<Question>& scope,
                                             const FieldChoices& known) {
  const auto type = field_type(field, scope);
  if (type == ValueType::yes_no) return &known.yes_no;
  if (field.source == FieldSource::answer) {
    for (const auto& q : scope)
      if (q.code == field.name) return q.type == ValueType::list ? &q.choices : nullptr;
    return nullptr;
  }
  if (field.source != FieldSource::order) return nullptr;
  auto it = known.order.find(field.name);
  return it == known.order.end() || it->second.empty() ? nullptr : &it->second;
}

std::optional<std::string> choice_code(const std::vector<ListChoice>& choices,
                                       std::string_view typed) {
  for (const auto& c : choices)
    if (c.code == typed) return c.code;
  // Case and accents aside, as the customer search compares names.
  const std::string wanted = normalize_for_search(typed);
  if (wanted.empty()) return std::nullopt;
  for (const auto& c : choices)
    for (const std::string* text : {&c.code, &c.label_en, &c.label_fr})
      if (!text->empty() && normalize_for_search(*text) == wanted) return c.code;
  return std::nullopt;
}

std::string choice_label(const std::vector<ListChoice>& choices, std::string_view code,
                         Language language) {
  for (const auto& c : choices) {
    if (c.code != code) continue;
    const std::string& mine = language == Language::fr ? c.label_fr : c.label_en;
    const std::string& other = language == Language::fr ? c.label_en : c.label_fr;
    return !mine.empty() ? mine : !other.empty() ? other : c.code;
  }
  return std::string(code);
}

Result<std::string> parse_choice(const std::vector<ListChoice>& choices, std::string_view typed,
                                 const std::string& field, Language language) {
  if (auto code = choice_code(choices, typed)) return *code;
  std::string labels;
  for (const auto& c : choices)
    labels += (labels.empty() ? "" : ", ") + choice_label(choices, c.code, language);
  return Error::invalid("value.unknown_choice", field,
                        {{"value", std::string(typed)}, {"choices", labels}});
}

}  // namespace rapport::domain
