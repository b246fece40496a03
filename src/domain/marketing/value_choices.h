// domain/marketing/value_choices.h: the values of a coded field as a person
// types and reads them. A list question's choice, a customer class, a
// premise type… is kept as its code ("residential") but typed and read as
// its label in the reader's language ("Résidentiel"): a typed value names a
// choice by its code or by its label in English or French, case and accents
// aside.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/result.h"
#include "domain/marketing/eligibility.h"
#include "domain/marketing/question.h"

namespace rapport::domain {

// The choices of the coded fields that are not questions: the order fields
// by name ("customer_class", "customer_kind", "premise_type", "language")
// and the two of yes/no ({"yes", "Yes", "Oui"}, {"no", "No", "Non"}).
struct FieldChoices {
  std::map<std::string, std::vector<ListChoice>, std::less<>> order;
  std::vector<ListChoice> yes_no;
};

// The choices a value of `field` is one of: a list question's (among
// `scope`), a coded order field's, yes/no's; nullptr when the field takes
// any value of its type (text, number, date).
const std::vector<ListChoice>* field_choices(const FieldRef& field,
                                             const std::vector<Question>& scope,
                                             const FieldChoices& known);

// The code of the choice `typed` names — its code, or its label in English
// or in French, case and accents aside ("residentiel", "RÉSIDENTIEL" →
// "residential"); nullopt when it names none.
std::optional<std::string> choice_code(const std::vector<ListChoice>& choices,
                                       std::string_view typed);

// The label of `code` in `language`, else in the other language, else the
// code (also when `code` is none of the choices).
std::string choice_label(const std::vector<ListChoice>& choices, std::string_view code,
                         Language language);

// A typed value of a coded field: the code of the choice it names, or the
// error "value.unknown_choice" on `field` with {value} (as typed) and
// {choices} (the labels in `language`, joined by ", ").
Result<std::string> parse_choice(const std::vector<ListChoice>& choices, std::string_view typed,
                                 const std::string& field, Language language);

}  // namespace rapport::domain
