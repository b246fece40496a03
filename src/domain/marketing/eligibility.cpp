#include "domain/marketing/eligibility.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace rapport::domain {
namespace {

constexpr std::array<std::pair<FieldSource, std::string_view>, 3> kSources{
    {{FieldSource::answer, "answer"},
     {FieldSource::order, "order"},
     {FieldSource::computed, "computed"}}};

constexpr std::array<std::pair<Comparison, std::string_view>, 8> kComparisons{
    {{Comparison::eq, "eq"},
     {Comparison::ne, "ne"},
     {Comparison::lt, "lt"},
     {Comparison::le, "le"},
     {Comparison::gt, "gt"},
     {Comparison::ge, "ge"},
     {Comparison::between, "between"},
     {Comparison::in, "in"}}};

constexpr std::array<std::pair<CriterionEffect, std::string_view>, 4> kEffects{
    {{CriterionEffect::holds, "holds"},
     {CriterionEffect::fails, "fails"},
     {CriterionEffect::check_next, "check_next"},
     {CriterionEffect::needs_data, "needs_data"}}};

constexpr std::array<std::pair<GroupOutcome, std::string_view>, 3> kOutcomes{
    {{GroupOutcome::eligible, "eligible"},
     {GroupOutcome::ineligible, "ineligible"},
     {GroupOutcome::check_next, "check_next"}}};

template <typename E, std::size_t N>
std::string_view code_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, c] : table)
    if (e == value) return c;
  return table[0].second;
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view code) {
  for (const auto& [e, c] : table)
    if (c == code) return e;
  return std::nullopt;
}

// The order of Facts' entries (see eligibility.h).
bool before(FieldSource a_source, const std::string& a, FieldSource b_source,
            const std::string& b) {
  if (a_source != b_source) return a_source < b_source;
  if (a.size() != b.size()) return a.size() < b.size();
  return std::memcmp(a.data(), b.data(), a.size()) < 0;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_ignoring_case(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// Numbers, dates and yes/no compare as numbers; text ignoring ASCII case;
// list codes exactly. A value of another type is never equal.
bool equal(const Value& fact, const Value& v) {
  if (fact.type != v.type) return false;
  switch (fact.type) {
    case ValueType::text:
      return same_ignoring_case(fact.text, v.text);
    case ValueType::list:
      return fact.text == v.text;
    case ValueType::number:
    case ValueType::date:
    case ValueType::yes_no:
      return fact.number == v.number;
  }
  return false;
}

bool numeric(const Value& fact, const Value& v) {
  return fact.type == v.type && fact.type != ValueType::text && fact.type != ValueType::list;
}

bool compare(const Value& fact, Comparison c, const std::vector<Value>& values) {
  if (values.empty()) return false;
  const Value& v = values.front();
  switch (c) {
    case Comparison::eq:
      return equal(fact, v);
    case Comparison::ne:
      return fact.type == v.type && !equal(fact, v);
    case Comparison::lt:
      return numeric(fact, v) && fact.number < v.number;
    case Comparison::le:
      return numeric(fact, v) && fact.number <= v.number;
    case Comparison::gt:
      return numeric(fact, v) && fact.number > v.number;
    case Comparison::ge:
      return numeric(fact, v) && fact.number >= v.number;
    case Comparison::between:
      return values.size() >= 2 && numeric(fact, v) && numeric(fact, values[1]) &&
             v.number <= fact.number && fact.number <= values[1].number;
    case Comparison::in:
      return std::any_of(values.begin(), values.end(),
                         [&](const Value& x) { return equal(fact, x); });
  }
  return false;
}

CriterionEffect effect_of(const Criterion& c, const Facts& facts) {
  const auto result = test_criterion(c, facts);
  if (!result) return c.if_insufficient;
  return *result ? c.if_true : c.if_false;
}

// The fields a group needs, in rule order, each once. Only called once the
// verdict is known to be insufficient data, so that evaluate() allocates
// nothing otherwise.
std::vector<FieldRef> missing_fields(const CriteriaGroup& g, const Facts& facts) {
  std::vector<FieldRef> out;
  for (const Criterion& c : g.criteria)
    if (effect_of(c, facts) == CriterionEffect::needs_data &&
        std::find(out.begin(), out.end(), c.field) == out.end())
      out.push_back(c.field);
  return out;
}

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

std::size_t characters(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

constexpr std::size_t kMaxGroupLabel = 200;

bool ordered(ValueType t) { return t == ValueType::number || t == ValueType::date; }

const Question* question_of(const FieldRef& f, const std::vector<Question>& questions) {
  if (f.source != FieldSource::answer) return nullptr;
  for (const Question& q : questions)
    if (q.code == f.name) return &q;
  return nullptr;
}

void validate_values(FieldErrors& e, const Criterion& c, ValueType type, const Question* question,
                     const std::string& at) {
  const std::size_t n = c.values.size();
  switch (c.comparison) {
    case Comparison::between:
      if (n != 2) e.add(Error::invalid("criterion.between_two_values", at + "values"));
      break;
    case Comparison::in:
      if (n < 1 || n > kMaxInValues)
        e.add(Error::invalid("criterion.in_values", at + "values",
                             {{"max", std::to_string(kMaxInValues)}}));
      break;
    default:
      if (n != 1) e.add(Error::invalid("criterion.one_value", at + "values"));
  }
  const bool wants_order = c.comparison == Comparison::lt || c.comparison == Comparison::le ||
                           c.comparison == Comparison::gt || c.comparison == Comparison::ge ||
                           c.comparison == Comparison::between;
  if (wants_order && !ordered(type))
    e.add(Error::invalid("criterion.not_ordered", at + "comparison",
                         {{"comparison", std::string(symbol(c.comparison))}}));
  bool all_typed = true;
  for (std::size_t i = 0; i < n; ++i) {
    const Value& v = c.values[i];
    const std::string field = at + "values." + std::to_string(i);
    if (v.type != type) {
      all_typed = false;
      e.add(Error::invalid("criterion.type_mismatch", field, {{"field", c.field.name}}));
    } else if (question && type == ValueType::list &&
               std::none_of(question->choices.begin(), question->choices.end(),
                            [&](const ListChoice& ch) { return ch.code == v.text; })) {
      e.add(Error::invalid("value.not_a_choice", field, {{"value", v.text}}));
    }
  }
  if (c.comparison == Comparison::between && n == 2 && all_typed && ordered(type) &&
      c.values[0].number > c.values[1].number)
    e.add(Error::invalid("criterion.between_reversed", at + "values"));
}

void validate_criterion(FieldErrors& e, const Criterion& c, const std::vector<Question>& questions,
                        const std::string& at) {
  if (c.if_true == CriterionEffect::needs_data)
    e.add(Error::invalid("criterion.needs_data_only_if_insufficient", at + "if_true"));
  if (c.if_false == CriterionEffect::needs_data)
    e.add(Error::invalid("criterion.needs_data_only_if_insufficient", at + "if_false"));
  const auto type = field_type(c.field, questions);
  if (!type) {
    e.add(Error::invalid("criterion.field_unknown", at + "field", {{"field", c.field.name}}));
    return;
  }
  validate_values(e, c, *type, question_of(c.field, questions), at);
}

}  // namespace

std::string to_code(const FieldRef& f) {
  return std::string(code_of(kSources, f.source)) + ":" + f.name;
}

std::optional<FieldRef> field_ref_from(std::string_view code) {
  const auto colon = code.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto source = value_of(kSources, code.substr(0, colon));
  const std::string_view name = code.substr(colon + 1);
  if (!source || name.empty() || name.size() > 30 ||
      !std::all_of(name.begin(), name.end(), name_char))
    return std::nullopt;
  return FieldRef{*source, std::string(name)};
}

const std::vector<KnownField>& known_fields() {
  static const std::vector<KnownField> fields = {
      {{FieldSource::order, "customer_kind"}, ValueType::text, "field.order.customer_kind"},
      {{FieldSource::order, "customer_class"}, ValueType::text, "field.order.customer_class"},
      {{FieldSource::order, "language"}, ValueType::text, "field.order.language"},
      {{FieldSource::order, "postal_code"}, ValueType::text, "field.order.postal_code"},
      {{FieldSource::order, "city"}, ValueType::text, "field.order.city"},
      {{FieldSource::order, "region"}, ValueType::text, "field.order.region"},
      {{FieldSource::order, "country"}, ValueType::text, "field.order.country"},
      {{FieldSource::order, "premise_type"}, ValueType::text, "field.order.premise_type"},
      {{FieldSource::computed, "age"}, ValueType::number, "field.computed.age"},
      {{FieldSource::computed, "existing_accounts"},
       ValueType::number,
       "field.computed.existing_accounts"},
      {{FieldSource::computed, "existing_agreements"},
       ValueType::number,
       "field.computed.existing_agreements"},
  };
  return fields;
}

std::string_view to_code(Comparison c) { return code_of(kComparisons, c); }
std::optional<Comparison> comparison_from(std::string_view code) {
  return value_of(kComparisons, code);
}

std::string_view symbol(Comparison c) {
  switch (c) {
    case Comparison::eq:
      return "=";
    case Comparison::ne:
      return "≠";
    case Comparison::lt:
      return "<";
    case Comparison::le:
      return "≤";
    case Comparison::gt:
      return ">";
    case Comparison::ge:
      return "≥";
    case Comparison::between:
      return "between";
    case Comparison::in:
      return "in";
  }
  return "=";
}

std::string_view to_code(CriterionEffect e) { return code_of(kEffects, e); }
std::optional<CriterionEffect> criterion_effect_from(std::string_view code) {
  return value_of(kEffects, code);
}

std::string_view to_code(GroupOutcome o) { return code_of(kOutcomes, o); }
std::optional<GroupOutcome> group_outcome_from(std::string_view code) {
  return value_of(kOutcomes, code);
}

std::string_view to_code(Eligibility e) {
  switch (e) {
    case Eligibility::eligible:
      return "eligible";
    case Eligibility::ineligible:
      return "ineligible";
    case Eligibility::insufficient_data:
      return "insufficient_data";
  }
  return "ineligible";
}

// --- Facts --------------------------------------------------------------------

void Facts::set(const FieldRef& field, Value value) {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), field,
      [](const Entry& e, const FieldRef& f) { return before(e.source, e.name, f.source, f.name); });
  if (it != entries_.end() && it->source == field.source && it->name == field.name)
    it->value = std::move(value);
  else
    entries_.insert(it, Entry{field.source, field.name, std::move(value)});
}

void Facts::clear(const FieldRef& field) {
  std::erase_if(entries_,
                [&](const Entry& e) { return e.source == field.source && e.name == field.name; });
}

const Value* Facts::find(const FieldRef& field) const {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), field,
      [](const Entry& e, const FieldRef& f) { return before(e.source, e.name, f.source, f.name); });
  if (it == entries_.end() || it->source != field.source || it->name.size() != field.name.size() ||
      std::memcmp(it->name.data(), field.name.data(), field.name.size()) != 0)
    return nullptr;
  return &it->value;
}

void Facts::set_answers(const std::vector<Answer>& answers) {
  // The answers replace those set before: an answer taken back is no fact.
  std::erase_if(entries_, [](const Entry& e) { return e.source == FieldSource::answer; });
  for (const Answer& a : answers) set({FieldSource::answer, a.question}, a.value);
}

// --- The engine -----------------------------------------------------------------

std::optional<bool> test_criterion(const Criterion& c, const Facts& facts) {
  const Value* fact = facts.find(c.field);
  if (!fact) return std::nullopt;
  return compare(*fact, c.comparison, c.values);
}

Verdict evaluate(const Rules& rules, const Facts& facts) {
  if (rules.groups.empty()) return {Eligibility::eligible, -1, -1, {}};
  for (std::size_t g = 0; g < rules.groups.size(); ++g) {
    const CriteriaGroup& group = rules.groups[g];
    int failed = -1;
    bool needs_data = false;
    for (std::size_t i = 0; i < group.criteria.size() && failed < 0; ++i) {
      switch (effect_of(group.criteria[i], facts)) {
        case CriterionEffect::fails:
          failed = static_cast<int>(i);
          break;
        case CriterionEffect::needs_data:
          needs_data = true;
          break;
        case CriterionEffect::holds:
        case CriterionEffect::check_next:
          break;
      }
    }
    GroupOutcome outcome = group.if_true;
    if (failed >= 0) {
      outcome = group.if_false;
    } else if (needs_data) {
      if (group.if_true == GroupOutcome::check_next && group.if_false == GroupOutcome::check_next)
        continue;
      return {Eligibility::insufficient_data, static_cast<int>(g), -1,
              missing_fields(group, facts)};
    }
    if (outcome == GroupOutcome::eligible)
      return {Eligibility::eligible, static_cast<int>(g), failed, {}};
    if (outcome == GroupOutcome::ineligible)
      return {Eligibility::ineligible, static_cast<int>(g), failed, {}};
  }
  return {Eligibility::ineligible, -1, -1, {}};  // every group said check next
}

std::optional<ValueType> field_type(const FieldRef& field, const std::vector<Question>& questions) {
  if (field.source == FieldSource::answer) {
    if (const Question* q = question_of(field, questions)) return q->type;
    return std::nullopt;
  }
  for (const KnownField& k : known_fields())
    if (k.field == field) return k.type;
  return std::nullopt;
}

FieldErrors validate_rules(const Rules& rules, const std::vector<Question>& questions,
                           const std::string& prefix) {
  FieldErrors e;
  if (rules.groups.size() > kMaxGroups)
    e.add(Error::invalid("rules.too_many_groups", prefix + "groups",
                         {{"max", std::to_string(kMaxGroups)}}));
  for (std::size_t g = 0; g < rules.groups.size(); ++g) {
    const CriteriaGroup& group = rules.groups[g];
    const std::string at = prefix + "groups." + std::to_string(g) + ".";
    if (characters(group.label) > kMaxGroupLabel)
      e.add(Error::invalid("field.too_long", at + "label",
                           {{"max", std::to_string(kMaxGroupLabel)}}));
    if (group.criteria.empty()) e.add(Error::invalid("rules.group_empty", at + "criteria"));
    if (group.criteria.size() > kMaxCriteria)
      e.add(Error::invalid("rules.too_many_criteria", at + "criteria",
                           {{"max", std::to_string(kMaxCriteria)}}));
    for (std::size_t c = 0; c < group.criteria.size(); ++c)
      validate_criterion(e, group.criteria[c], questions,
                         at + "criteria." + std::to_string(c) + ".");
  }
  return e;
}

}  // namespace rapport::domain
