#include "domain/marketing/eligibility.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#include "domain/ascii.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

// The order of Facts' entries (see eligibility.h).
bool before(FieldSource a_source, const std::string& a, FieldSource b_source,
            const std::string& b) {
  if (a_source != b_source) return a_source < b_source;
  if (a.size() != b.size()) return a.size() < b.size();
  return std::memcmp(a.data(), b.data(), a.size()) < 0;
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

// What a criterion may make of its group, as bits: kPass, let it be true
// (the criterion holds or is ignored), kFail, make it false; both when it
// may do either.
constexpr unsigned kPass = 1, kFail = 2;

constexpr unsigned possible(CriterionEffect e) {
  switch (e) {
    case CriterionEffect::holds:
    case CriterionEffect::check_next:
      return kPass;
    case CriterionEffect::fails:
      return kFail;
    case CriterionEffect::needs_data:
      break;
  }
  return kPass | kFail;
}

unsigned possible(const Criterion& c, const Facts& facts) {
  if (const Value* fact = facts.find(c.field))
    return possible(compare(*fact, c.comparison, c.values) ? c.if_true : c.if_false);
  if (c.if_insufficient != CriterionEffect::needs_data) return possible(c.if_insufficient);
  // The result is unknown: it may be true or false.
  return possible(c.if_true) | possible(c.if_false);
}

// What a group may be on the facts: true, false or either; `failed` is the
// criterion that makes it false whatever the missing answers; `undecided`
// has bit i set when criterion i (i < 32) may hold or fail.
struct GroupResult {
  bool may_be_true;
  bool may_be_false;
  int failed;
  std::uint32_t undecided;
};

GroupResult judge(const CriteriaGroup& g, const Facts& facts) {
  GroupResult r{true, false, -1, 0};
  for (std::size_t i = 0; i < g.criteria.size(); ++i) {
    const unsigned p = possible(g.criteria[i], facts);
    if (p == kFail) return {false, true, static_cast<int>(i), 0};
    if (p != kPass) {
      r.may_be_false = true;
      if (i < 32) r.undecided |= std::uint32_t{1} << i;
    }
  }
  return r;
}

// One value per group: on the stack for valid rules (≤ kMaxGroups groups),
// on the heap beyond.
template <typename T>
class PerGroup {
 public:
  explicit PerGroup(std::size_t n) {
    if (n > stack_.size()) heap_.resize(n);
  }
  T& operator[](std::size_t i) { return heap_.empty() ? stack_[i] : heap_[i]; }

 private:
  std::array<T, kMaxGroups + 1> stack_{};
  std::vector<T> heap_;
};

// Sets of final verdicts, as bits.
constexpr unsigned kEligible = 1, kIneligible = 2, kEither = kEligible | kIneligible;

// The verdicts an outcome leads to, `next` being those reachable from the
// next group on.
constexpr unsigned reaches(GroupOutcome o, unsigned next) {
  switch (o) {
    case GroupOutcome::eligible:
      return kEligible;
    case GroupOutcome::ineligible:
      return kIneligible;
    case GroupOutcome::check_next:
      break;
  }
  return next;
}

// The verdict once branches are known to disagree: the fields that matter.
// `seen` holds the results of the first groups, judged by evaluate(). Only
// called then, so that evaluate() allocates nothing otherwise.
Verdict insufficient(const Rules& rules, const Facts& facts, const GroupResult* seen,
                     std::size_t seen_count) {
  const std::size_t n = rules.groups.size();
  PerGroup<GroupResult> results(n);
  for (std::size_t g = 0; g < n; ++g)
    results[g] = g < seen_count ? seen[g] : judge(rules.groups[g], facts);
  // The verdicts reachable from each group on (past the last group:
  // ineligible).
  PerGroup<unsigned> from(n + 1);
  from[n] = kIneligible;
  for (std::size_t g = n; g-- > 0;) {
    const CriteriaGroup& group = rules.groups[g];
    from[g] = (results[g].may_be_true ? reaches(group.if_true, from[g + 1]) : 0) |
              (results[g].may_be_false ? reaches(group.if_false, from[g + 1]) : 0);
  }
  Verdict v{Eligibility::insufficient_data, -1, -1, {}};
  // Along the groups some branch reaches, those whose true and false
  // outcomes lead to different verdicts name their undecided criteria.
  for (std::size_t g = 0; g < n; ++g) {
    const CriteriaGroup& group = rules.groups[g];
    const GroupResult r = results[g];
    if (r.may_be_true && r.may_be_false &&
        reaches(group.if_true, from[g + 1]) != reaches(group.if_false, from[g + 1])) {
      if (v.group < 0) v.group = static_cast<int>(g);
      for (std::size_t i = 0; i < group.criteria.size(); ++i) {
        const Criterion& c = group.criteria[i];
        const bool open =
            i < 32 ? (r.undecided >> i & 1) != 0 : possible(c, facts) == (kPass | kFail);
        if (open && std::find(v.missing.begin(), v.missing.end(), c.field) == v.missing.end())
          v.missing.push_back(c.field);
      }
    }
    const bool goes_on = (r.may_be_true && group.if_true == GroupOutcome::check_next) ||
                         (r.may_be_false && group.if_false == GroupOutcome::check_next);
    if (!goes_on) break;
  }
  return v;
}

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

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

std::string to_code(const FieldRef& f) { return std::string(enum_code(f.source)) + ":" + f.name; }

std::optional<FieldRef> field_ref_from(std::string_view code) {
  const auto colon = code.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto source = enum_from_code<FieldSource>(code.substr(0, colon));
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

std::string_view to_code(Comparison c) { return enum_code(c); }
std::optional<Comparison> comparison_from(std::string_view code) {
  return enum_from_code<Comparison>(code);
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

std::string_view to_code(CriterionEffect e) { return enum_code(e); }
std::optional<CriterionEffect> criterion_effect_from(std::string_view code) {
  return enum_from_code<CriterionEffect>(code);
}

std::string_view to_code(GroupOutcome o) { return enum_code(o); }
std::optional<GroupOutcome> group_outcome_from(std::string_view code) {
  return enum_from_code<GroupOutcome>(code);
}

std::string_view to_code(Eligibility e) { return enum_code(e); }

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
  std::array<GroupResult, kMaxGroups> seen;  // kept for insufficient()
  unsigned reached = 0;                      // the verdicts some branch has come to
  for (std::size_t g = 0; g < rules.groups.size(); ++g) {
    const CriteriaGroup& group = rules.groups[g];
    const GroupResult r = judge(group, facts);
    if (g < seen.size()) seen[g] = r;
    bool goes_on = false;  // some branch checks the next group
    auto follow = [&](GroupOutcome o) {
      if (o == GroupOutcome::check_next)
        goes_on = true;
      else
        reached |= reaches(o, 0);
    };
    if (r.may_be_true) follow(group.if_true);
    if (r.may_be_false) follow(group.if_false);
    if (reached == kEither)
      return insufficient(rules, facts, seen.data(), std::min(g + 1, seen.size()));
    if (!goes_on)
      return {reached == kEligible ? Eligibility::eligible : Eligibility::ineligible,
              static_cast<int>(g),
              r.may_be_true ? -1 : r.failed,
              {}};
  }
  // Some branch went past every group: it says ineligible.
  if (reached == kEligible)
    return insufficient(rules, facts, seen.data(), std::min(rules.groups.size(), seen.size()));
  return {Eligibility::ineligible, -1, -1, {}};
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

const std::string& group_label(const CriteriaGroup& group, Language language) {
  const std::string& wanted = language == Language::fr ? group.label_fr : group.label;
  return wanted.empty() ? (language == Language::fr ? group.label : group.label_fr) : wanted;
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
    if (characters(group.label_fr) > kMaxGroupLabel)
      e.add(Error::invalid("field.too_long", at + "label_fr",
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
