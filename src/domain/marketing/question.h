// domain/marketing/question.h: the questions a campaign or a package asks
// and the answers kept with a service order (campaigns-and-orders.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/language.h"
#include "domain/marketing/value.h"

namespace rapport::domain {

// Required: completion is refused without it. Optional. With package:
// asked (and required) only once a package is chosen.
enum class Applicability { required, optional, with_package };
BOOST_DESCRIBE_ENUM(Applicability, required, optional, with_package)
std::string_view to_code(Applicability a);  // "required", "optional", "with_package"
std::optional<Applicability> applicability_from(std::string_view code);

struct ListChoice {
  std::string code;  // A–Z a–z 0–9 _ -, 1–30 characters
  std::string label_en;
  std::string label_fr;
  bool operator==(const ListChoice&) const = default;
};

struct Question {
  std::string code;  // a–z 0–9 _, 1–30 characters, unique in its campaign + package
  std::string prompt_en;
  std::string prompt_fr;
  ValueType type = ValueType::text;
  std::vector<ListChoice> choices;  // type list: 1–50 choices
  Applicability applicability = Applicability::optional;
  // Type number only: the lowest and the highest answer allowed, whole
  // numbers within ±kMaxNumberBound. Left out, the lowest is 0 (a count is
  // never negative unless the question says so) and the highest
  // kMaxNumberBound (answer_bounds).
  std::optional<std::int64_t> min = std::nullopt;
  std::optional<std::int64_t> max = std::nullopt;
  bool operator==(const Question&) const = default;
};

// A package's change to one of its campaign's questions.
struct QuestionOverride {
  std::string code;
  Applicability applicability = Applicability::required;
  bool operator==(const QuestionOverride&) const = default;
};

struct Answer {
  std::string question;  // its code
  Value value;
  bool operator==(const Answer&) const = default;
};

constexpr std::size_t kMaxQuestions = 50;
constexpr std::size_t kMaxChoices = 50;
constexpr std::size_t kMaxPrompt = 300;
// No number answer, and no bound of a number question, is beyond ±10⁹.
constexpr std::int64_t kMaxNumberBound = 1'000'000'000;

// The answers a number question allows, bounds included: its min and max,
// else 0 and kMaxNumberBound.
struct NumberBounds {
  std::int64_t min = 0;
  std::int64_t max = kMaxNumberBound;
};
NumberBounds answer_bounds(const Question& q);

// The prompt in `language`, else the other one.
const std::string& prompt(const Question& q, Language language);
// The label of a list choice in `language`, or the code when unknown.
std::string choice_label(const Question& q, std::string_view code, Language language);

// Every fault, field names prefixed by `prefix` ("questions.2.code"):
// codes well formed and unique, a prompt in at least one language (≤ 300),
// list questions with 1–50 choices with unique well-formed codes, at most
// 50 questions; bounds on number questions only ("question.bounds_numbers_only"
// on "min" or "max"), each within ±kMaxNumberBound ("question.bound_invalid",
// {min}, {max}), the lowest not above the highest ("question.bounds_order"
// on "max", answer_bounds counting). Other keys: "question.code_invalid",
// "question.code_duplicate", "question.prompt_required", "field.too_long",
// "question.choices_required", "question.choice_invalid", "question.too_many".
FieldErrors validate_questions(const std::vector<Question>& questions, const std::string& prefix);
// "question.bound_invalid" for `field`: a bound must be a whole number from
// -kMaxNumberBound to kMaxNumberBound (also when what was typed is none).
Error bound_error(const std::string& field);

// Whether `v` may answer `q`, for every face and every time an answer is
// given, carried to another campaign or completed: a number within
// answer_bounds(q), else "answer.out_of_range" ({min}, {max}) on
// "answer.<code>"; other types always may.
std::optional<Error> check_answer(const Question& q, const Value& v);
// Parses a typed answer to `q` (list answers must be one of its choice
// codes: "value.not_a_choice"; numbers within its bounds: check_answer).
// The field of an error is "answer.<code>".
Result<Answer> parse_answer(const Question& q, std::string_view typed);
// The answer to `code`, if any.
const Answer* find_answer(const std::vector<Answer>& answers, std::string_view code);

// The questions an order of the campaign asks: the campaign's, with the
// chosen package's overrides applied, then the package's own questions.
// Without a package, with_package questions are left out; with one they
// count as required.
std::vector<Question> effective_questions(const std::vector<Question>& campaign_questions,
                                          const std::vector<QuestionOverride>* overrides,
                                          const std::vector<Question>* package_questions);
// Required questions (after effective_questions) without an answer, in order.
std::vector<const Question*> missing_required(const std::vector<Question>& questions,
                                              const std::vector<Answer>& answers);

// When an order switches campaign: answers to questions the new campaign
// also asks (same code and same type, list answers still among its choices,
// numbers within its bounds) are kept; the rest are set aside.
struct CarriedAnswers {
  std::vector<Answer> kept;
  std::vector<Answer> set_aside;
};
CarriedAnswers carry_over(const std::vector<Answer>& answers,
                          const std::vector<Question>& new_questions);

}  // namespace rapport::domain
