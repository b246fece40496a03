#include "domain/marketing/question.h"

#include <algorithm>
#include <set>
#include <utility>

#include "domain/marketing/value_choices.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

bool question_code_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool choice_code_char(char c) {
  return question_code_char(c) || (c >= 'A' && c <= 'Z') || c == '-';
}

template <typename Allowed>
bool well_formed(const std::string& code, Allowed allowed) {
  return !code.empty() && code.size() <= 30 && std::all_of(code.begin(), code.end(), allowed);
}

bool has_choice(const Question& q, std::string_view code) {
  return std::any_of(q.choices.begin(), q.choices.end(),
                     [&](const ListChoice& c) { return c.code == code; });
}

void validate_choices(FieldErrors& e, const Question& q, const std::string& at) {
  if (q.choices.empty() || q.choices.size() > kMaxChoices) {
    e.add(Error::invalid("question.choices_required", at + "choices",
                         {{"max", std::to_string(kMaxChoices)}}));
    return;
  }
  std::set<std::string> seen;
  for (std::size_t j = 0; j < q.choices.size(); ++j) {
    const ListChoice& c = q.choices[j];
    const std::string field = at + "choices." + std::to_string(j) + ".";
    if (!well_formed(c.code, choice_code_char) || !seen.insert(c.code).second)
      e.add(Error::invalid("question.choice_invalid", field + "code", {{"code", c.code}}));
    check_line(e, c.label_en, kMaxPrompt, field + "label_en");
    check_line(e, c.label_fr, kMaxPrompt, field + "label_fr");
  }
}

// A bound beyond ±kMaxNumberBound; "question.bounds_order" when the lowest
// is above the highest.
void validate_bounds(FieldErrors& e, const Question& q, const std::string& at) {
  if (!q.min && !q.max) return;
  if (q.type != ValueType::number) {
    e.add(Error::invalid("question.bounds_numbers_only", at + (q.min ? "min" : "max")));
    return;
  }
  bool in_range = true;
  for (const auto& [bound, name] : {std::pair{q.min, "min"}, std::pair{q.max, "max"}})
    if (bound && (*bound < -kMaxNumberBound || *bound > kMaxNumberBound)) {
      e.add(bound_error(at + name));
      in_range = false;
    }
  const NumberBounds b = answer_bounds(q);
  if (in_range && b.min > b.max)
    e.add(Error::invalid("question.bounds_order", at + "max",
                         {{"min", std::to_string(b.min)}, {"max", std::to_string(b.max)}}));
}

}  // namespace

Error bound_error(const std::string& field) {
  return Error::invalid(
      "question.bound_invalid", field,
      {{"min", std::to_string(-kMaxNumberBound)}, {"max", std::to_string(kMaxNumberBound)}});
}

NumberBounds answer_bounds(const Question& q) {
  return {q.min.value_or(0), q.max.value_or(kMaxNumberBound)};
}

std::optional<Error> check_answer(const Question& q, const Value& v) {
  if (q.type != ValueType::number || v.type != ValueType::number) return std::nullopt;
  const NumberBounds b = answer_bounds(q);
  if (v.number >= static_cast<double>(b.min) && v.number <= static_cast<double>(b.max))
    return std::nullopt;
  return Error::invalid("answer.out_of_range", "answer." + q.code,
                        {{"min", std::to_string(b.min)}, {"max", std::to_string(b.max)}});
}

std::string_view to_code(Applicability a) { return enum_code(a); }

std::optional<Applicability> applicability_from(std::string_view code) {
  return enum_from_code<Applicability>(code);
}

const std::string& prompt(const Question& q, Language language) {
  const std::string& wanted = language == Language::fr ? q.prompt_fr : q.prompt_en;
  return wanted.empty() ? (language == Language::fr ? q.prompt_en : q.prompt_fr) : wanted;
}

std::string choice_label(const Question& q, std::string_view code, Language language) {
  return choice_label(q.choices, code, language);
}

FieldErrors validate_questions(const std::vector<Question>& questions, const std::string& prefix) {
  FieldErrors e;
  if (questions.size() > kMaxQuestions) {
    // The list itself: "questions." names the field "questions".
    std::string list = prefix;
    if (!list.empty() && list.back() == '.') list.pop_back();
    e.add(Error::invalid("question.too_many", list, {{"max", std::to_string(kMaxQuestions)}}));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    const std::string at = prefix + std::to_string(i) + ".";
    if (!well_formed(q.code, question_code_char))
      e.add(Error::invalid("question.code_invalid", at + "code", {{"code", q.code}}));
    else if (!seen.insert(q.code).second)
      e.add(Error::invalid("question.code_duplicate", at + "code", {{"code", q.code}}));
    if (q.prompt_en.empty() && q.prompt_fr.empty())
      e.add(Error::invalid("question.prompt_required", at + "prompt_en"));
    check_line(e, q.prompt_en, kMaxPrompt, at + "prompt_en");
    check_line(e, q.prompt_fr, kMaxPrompt, at + "prompt_fr");
    if (q.type == ValueType::list) validate_choices(e, q, at);
    validate_bounds(e, q, at);
  }
  return e;
}

Result<Answer> parse_answer(const Question& q, std::string_view typed) {
  const std::string field = "answer." + q.code;
  auto value = parse_value(q.type, typed, field);
  if (!value) return value.error();
  if (q.type == ValueType::list && !has_choice(q, value->text))
    return Error::invalid("value.not_a_choice", field, {{"value", value->text}});
  if (auto out = check_answer(q, *value)) return *out;
  return Answer{q.code, std::move(*value)};
}

const Answer* find_answer(const std::vector<Answer>& answers, std::string_view code) {
  for (const Answer& a : answers)
    if (a.question == code) return &a;
  return nullptr;
}

std::vector<Question> effective_questions(const std::vector<Question>& campaign_questions,
                                          const std::vector<QuestionOverride>* overrides,
                                          const std::vector<Question>* package_questions) {
  const bool with_package = overrides != nullptr || package_questions != nullptr;
  std::vector<Question> out;
  auto add = [&](Question q) {
    if (q.applicability == Applicability::with_package) {
      if (!with_package) return;
      q.applicability = Applicability::required;
    }
    out.push_back(std::move(q));
  };
  for (Question q : campaign_questions) {
    if (overrides) {
      for (const QuestionOverride& o : *overrides)
        if (o.code == q.code) q.applicability = o.applicability;
    }
    add(std::move(q));
  }
  if (package_questions)
    for (const Question& q : *package_questions) add(q);
  return out;
}

std::vector<const Question*> missing_required(const std::vector<Question>& questions,
                                              const std::vector<Answer>& answers) {
  std::vector<const Question*> out;
  for (const Question& q : questions)
    if (q.applicability == Applicability::required && !find_answer(answers, q.code))
      out.push_back(&q);
  return out;
}

CarriedAnswers carry_over(const std::vector<Answer>& answers,
                          const std::vector<Question>& new_questions) {
  CarriedAnswers out;
  for (const Answer& a : answers) {
    auto q = std::find_if(new_questions.begin(), new_questions.end(),
                          [&](const Question& n) { return n.code == a.question; });
    const bool fits = q != new_questions.end() && q->type == a.value.type &&
                      (q->type != ValueType::list || has_choice(*q, a.value.text)) &&
                      !check_answer(*q, a.value);
    (fits ? out.kept : out.set_aside).push_back(a);
  }
  return out;
}

}  // namespace rapport::domain
