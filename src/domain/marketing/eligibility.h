// domain/marketing/eligibility.h: the eligibility engine
// (campaigns-and-orders.md, "Package eligibility", "Campaign eligibility").
//
// Rules are an ordered list of criteria groups. A criterion compares a field
// of the order (an answer, an order field or a computed value) with values;
// its raw result — true, false or insufficient data (the field is empty) —
// is mapped by the criterion to an effect:
//   holds       the criterion is satisfied
//   fails       the group is false (later criteria are not looked at)
//   check_next  the criterion is ignored
//   needs_data  the result is unknown: the criterion may come out true (its
//               if-true effect) or false (its if-false effect), and both are
//               followed
// A group is false as soon as one criterion fails; it is true when none
// fails (AND within a group; a group whose criteria were all ignored is
// true). A true or false group gives its if-true / if-false outcome:
// eligible, ineligible or check the next group; when every group says check
// next the verdict is ineligible (PROPOSED); rules without groups make
// everyone eligible.
//
// Unknown results are three-valued: a criterion that needs data and whose
// if-true and if-false effects both fail, or both hold / are ignored, is
// decided whatever the answer; one that may hold or fail leaves its group
// undecided (unless another criterion of the group surely fails: then it is
// false). An undecided group may give either of its outcomes, and both are
// followed through the later groups. The verdict is the one every such
// branch reaches; only when branches reach both eligible and ineligible is
// it insufficient data, naming the fields that matter: those of the
// undecided criteria of every group reached whose true and false outcomes
// lead to different verdicts (a group whose outcomes both check next, or
// whose outcomes end the same whatever follows, names none), in rule order,
// each once. Each criterion on an empty field counts as free to come out
// either way, independently of the others, even of those on the same field:
// the engine may thus ask a question a finer reading would show cannot
// matter, but never gives a verdict an answer could change.
//
// The state carried from group to group is the set of verdicts some branch
// has reached and whether some branch goes on to the next group, so a check
// costs one pass over the groups, never 2^unknowns. needs_data as the effect
// of a known result (refused by validate_rules) also leaves the criterion
// free to hold or fail, naming its field.
//
// Everything here is pure and allocation-free on the evaluation path (an
// insufficient-data verdict allocates its list of missing fields): the
// benchmark (bench/eligibility) holds it to ≥ 1 M package checks per second.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "domain/marketing/question.h"
#include "domain/marketing/value.h"

namespace rapport::domain {

enum class FieldSource { answer, order, computed };
BOOST_DESCRIBE_ENUM(FieldSource, answer, order, computed)

// What a criterion looks at. Answers are named by question code; the order
// and computed fields are the fixed lists below.
struct FieldRef {
  FieldSource source = FieldSource::answer;
  std::string name;
  bool operator==(const FieldRef&) const = default;
  auto operator<=>(const FieldRef&) const = default;
};
// "answer:owns_ev", "order:customer_class", "computed:age" — stored, API, forms.
std::string to_code(const FieldRef& f);
std::optional<FieldRef> field_ref_from(std::string_view code);

// Order fields (all text): customer_kind (person / company),
// customer_class, language, postal_code, city, region, country,
// premise_type. Computed (numbers): age (whole years of the person on the
// order's date), existing_accounts, existing_agreements (of the person).
struct KnownField {
  FieldRef field;
  ValueType type;
  const char* label_key;  // catalog key, e.g. "field.order.customer_class"
};
const std::vector<KnownField>& known_fields();

enum class Comparison { eq, ne, lt, le, gt, ge, between, in };
BOOST_DESCRIBE_ENUM(Comparison, eq, ne, lt, le, gt, ge, between, in)
std::string_view to_code(Comparison c);  // "eq", "ne", "lt", "le", "gt", "ge", "between", "in"
std::optional<Comparison> comparison_from(std::string_view code);
std::string_view symbol(Comparison c);  // "=", "≠", "<", "≤", ">", "≥", "between", "in"

enum class CriterionEffect { holds, fails, check_next, needs_data };
BOOST_DESCRIBE_ENUM(CriterionEffect, holds, fails, check_next, needs_data)
std::string_view to_code(CriterionEffect e);  // "holds", "fails", "check_next", "needs_data"
std::optional<CriterionEffect> criterion_effect_from(std::string_view code);

enum class GroupOutcome { eligible, ineligible, check_next };
BOOST_DESCRIBE_ENUM(GroupOutcome, eligible, ineligible, check_next)
std::string_view to_code(GroupOutcome o);  // "eligible", "ineligible", "check_next"
std::optional<GroupOutcome> group_outcome_from(std::string_view code);

struct Criterion {
  FieldRef field;
  Comparison comparison = Comparison::eq;
  // One value for =, ≠, <, ≤, >, ≥; low and high for between (inclusive);
  // 1–50 for in.
  std::vector<Value> values;
  CriterionEffect if_true = CriterionEffect::holds;
  CriterionEffect if_false = CriterionEffect::fails;
  CriterionEffect if_insufficient = CriterionEffect::needs_data;
  bool operator==(const Criterion&) const = default;
};

struct CriteriaGroup {
  std::string label;  // what the group checks, shown as the reason ("Residential in Île-de-France")
  std::vector<Criterion> criteria;  // 1–20
  GroupOutcome if_true = GroupOutcome::eligible;
  GroupOutcome if_false = GroupOutcome::check_next;
  // The label in French ("Résidentiel en Île-de-France"); `label` is the
  // English one (the JSON member "label" kept for rules stored before).
  std::string label_fr = {};
  bool operator==(const CriteriaGroup&) const = default;
};

// The group's label in `language`, else the other one (empty when neither).
const std::string& group_label(const CriteriaGroup& group, Language language);

struct Rules {
  std::vector<CriteriaGroup> groups;  // 0–20, checked in order
  bool operator==(const Rules&) const = default;
};

constexpr std::size_t kMaxGroups = 20;
constexpr std::size_t kMaxCriteria = 20;
constexpr std::size_t kMaxInValues = 50;

// The order's data as the engine sees it: a value per field, or none when
// the field is empty. Lookups are by field; a Facts is built once per order
// and read by every package check.
class Facts {
 public:
  void set(const FieldRef& field, Value value);
  void clear(const FieldRef& field);
  const Value* find(const FieldRef& field) const;
  // Answers as facts of source answer.
  void set_answers(const std::vector<Answer>& answers);

 private:
  struct Entry {
    FieldSource source;
    std::string name;
    Value value;
  };
  // Sorted by (source, name length, name): most steps of a lookup compare
  // an enum and a length, not characters.
  std::vector<Entry> entries_;
};

enum class Eligibility { eligible, ineligible, insufficient_data };
BOOST_DESCRIBE_ENUM(Eligibility, eligible, ineligible, insufficient_data)
std::string_view to_code(Eligibility e);  // "eligible", "ineligible", "insufficient_data"

// Why. Eligible or ineligible: the group that decided — the last group
// looked at, where every branch still open ended (-1 when some branch went
// past every group, or there are no groups) — and the criterion that made
// it false whatever the missing answers (-1 when it was true or undecided).
// Insufficient data: the first group whose missing fields matter, criterion
// -1, and the missing fields.
struct Verdict {
  Eligibility result = Eligibility::ineligible;
  int group = -1;
  int criterion = -1;
  std::vector<FieldRef> missing;  // insufficient data: the fields to fill, in rule order
  bool operator==(const Verdict&) const = default;
};

// The verdict of rules on facts (package or campaign eligibility).
Verdict evaluate(const Rules& rules, const Facts& facts);

// The raw result of one criterion: true, false, or nullopt for
// insufficient data. Values of another type than the field's compare false.
std::optional<bool> test_criterion(const Criterion& c, const Facts& facts);

// The type of a field, given the questions in scope; nullopt when unknown.
std::optional<ValueType> field_type(const FieldRef& field, const std::vector<Question>& questions);

// Every fault, field names "<prefix>groups.<g>.criteria.<c>.<part>"
// (g, c from 0): at most 20 groups of 1–20 criteria, a known field,
// values of the field's type ("criterion.type_mismatch" with {field}),
// one value for comparisons ("criterion.one_value"), two for between with
// low ≤ high ("criterion.between_two_values", "criterion.between_reversed"),
// 1–50 for in ("criterion.in_values"), <, ≤, >, ≥ and between only on
// numbers and dates ("criterion.not_ordered"), list values among the
// question's choices ("value.not_a_choice"), needs_data only as the
// insufficient-data effect ("criterion.needs_data_only_if_insufficient"),
// group labels (English and French) ≤ 200 characters. Keys: "rules.too_many_groups",
// "rules.group_empty", "rules.too_many_criteria", "criterion.field_unknown".
FieldErrors validate_rules(const Rules& rules, const std::vector<Question>& questions,
                           const std::string& prefix);

}  // namespace rapport::domain
