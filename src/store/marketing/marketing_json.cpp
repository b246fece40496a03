#include "store/marketing/marketing_json.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include <boost/json.hpp>

#include "core/json_errors.h"
#include "domain/customers/codes.h"

namespace rapport::store {
namespace {

namespace json = boost::json;
using domain::Value;
using domain::ValueType;

// A value of the right JSON type whose shape is wrong (an answer that is
// neither a value nor {"type", "value"}, a field reference that names
// nothing). Wrong types, unknown codes and bad dates have the codes of
// every JSON reader (core/json_errors.h).
Error bad_member(const std::string& path) {
  return Error::invalid("json.invalid_member", path, {{"member", path}});
}

std::string at_index(const std::string& path, std::size_t i) {
  return path + "." + std::to_string(i);
}

// Reads the members of one JSON object, keeping the first fault. Absent and
// null members leave the target as it is (its default); a member of the
// wrong JSON type or an unknown code is a fault naming its path.
class ObjectReader {
 public:
  ObjectReader(const json::value& v, std::string path) : path_(std::move(path)) {
    object_ = v.if_object();
    if (!object_) fail(json_type_error("json.type_object", path_));
  }

  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }
  void fail(Error e) {
    if (!error_) error_ = std::move(e);
  }
  std::string path(std::string_view name) const { return path_ + "." + std::string(name); }

  // The member, or null when absent, null or after a fault.
  const json::value* get(std::string_view name) const {
    if (!object_ || error_) return nullptr;
    const json::value* v = object_->if_contains(name);
    return v && !v->is_null() ? v : nullptr;
  }

  void text(std::string_view name, std::string& out) {
    if (const auto* v = get(name)) {
      if (const auto* s = v->if_string())
        out = std::string(*s);
      else
        fail(json_type_error("json.type_string", path(name)));
    }
  }
  void boolean(std::string_view name, bool& out) {
    if (const auto* v = get(name)) {
      if (const bool* b = v->if_bool())
        out = *b;
      else
        fail(json_type_error("json.type_boolean", path(name)));
    }
  }
  void integer(std::string_view name, int& out) {
    if (auto n = int64(name)) {
      if (*n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max())
        fail(Error::invalid("field.number_invalid", path(name)));
      else
        out = static_cast<int>(*n);
    }
  }
  std::optional<std::int64_t> int64(std::string_view name) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= 9007199254740991ULL)
      return static_cast<std::int64_t>(v->get_uint64());
    fail(v->is_uint64() ? Error::invalid("field.number_invalid", path(name))
                        : json_type_error("json.type_integer", path(name)));
    return std::nullopt;
  }
  // A code read by `from` (string_view → optional<E>); an enum's unknown
  // code names the codes allowed.
  template <typename E, typename F>
  void code(std::string_view name, E& out, F from) {
    if (const auto* v = get(name)) {
      const auto* s = v->if_string();
      if (!s) return fail(json_type_error("json.type_string", path(name)));
      if (auto parsed = from(std::string_view(*s)))
        out = *parsed;
      else if constexpr (boost::describe::has_describe_enumerators<E>::value)
        fail(json_unknown_code(path(name), enum_code_list<E>()));
      else
        fail(bad_member(path(name)));
    }
  }
  void date(std::string_view name, std::optional<CivilDate>& out) {
    if (const auto* v = get(name)) {
      const auto* s = v->if_string();
      if (!s) return fail(json_type_error("json.type_string", path(name)));
      auto d = parse_date(std::string_view(*s));
      if (d && s->size() == 10)
        out = *d;
      else
        fail(Error::invalid("field.date_invalid", path(name)));
    }
  }
  // The member as an array (nullptr when absent; a fault when not an array).
  const json::array* array(std::string_view name) {
    const auto* v = get(name);
    if (!v) return nullptr;
    if (const auto* a = v->if_array()) return a;
    fail(json_type_error("json.type_array", path(name)));
    return nullptr;
  }

 private:
  std::string path_;
  const json::object* object_ = nullptr;
  std::optional<Error> error_;
};

std::optional<Language> language_from(std::string_view code) {
  if (code == "en") return Language::en;
  if (code == "fr") return Language::fr;
  return std::nullopt;
}

Error with_field(Error e, const std::string& path) {
  e.field = path;
  return e;
}

// A bare JSON value (string, number or boolean) as a value of `type`.
Result<Value> bare_value(const json::value& v, ValueType type, const std::string& path) {
  if (const auto* s = v.if_string()) {
    auto parsed = domain::parse_value(type, std::string_view(*s), path);
    if (!parsed) return with_field(parsed.error(), path);
    return parsed;
  }
  if (const bool* b = v.if_bool()) {
    if (type != ValueType::yes_no) return bad_member(path);
    return Value::of_yes_no(*b);
  }
  if (v.is_number()) {
    if (type != ValueType::number) return bad_member(path);
    double d = v.to_number<double>();
    if (!std::isfinite(d)) return bad_member(path);
    // Through the domain's parser, so its limits apply to typed and JSON
    // numbers alike.
    char buffer[400];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed);
    if (ec != std::errc{}) return bad_member(path);
    auto parsed = domain::parse_value(type, std::string_view(buffer, end - buffer), path);
    if (!parsed) return with_field(parsed.error(), path);
    return parsed;
  }
  return bad_member(path);
}

ValueType inferred_type(const json::value& v) {
  if (v.is_bool()) return ValueType::yes_no;
  if (v.is_number()) return ValueType::number;
  return ValueType::text;
}

// A value written as {"type", "value"}, or bare: its type is then
// `expected` or, when unknown, the JSON value's own (text, number, yes/no)
// — the domain's validation names an unknown field.
Result<Value> value_from(const json::value& v, std::optional<ValueType> expected,
                         const std::string& path) {
  if (v.is_object()) {
    ObjectReader r(v, path);
    ValueType type = ValueType::text;
    if (!r.get("type")) return Error::invalid("field.required", r.path("type"));
    r.code("type", type, domain::value_type_from);
    if (!r.ok()) return r.error();
    const json::value* inner = r.get("value");
    if (!inner) return bad_member(r.path("value"));
    return bare_value(*inner, type, path);
  }
  return bare_value(v, expected.value_or(inferred_type(v)), path);
}

const domain::Question* question_of(const std::vector<domain::Question>& questions,
                                    std::string_view code) {
  for (const auto& q : questions)
    if (q.code == code) return &q;
  return nullptr;
}

// An answer's value: typed, or bare and then an answer to its question.
Result<Value> answer_value(const json::value& v, std::string_view code,
                           const std::vector<domain::Question>& questions,
                           const std::string& path) {
  const domain::Question* q = question_of(questions, code);
  if (v.is_object()) return value_from(v, q ? std::optional(q->type) : std::nullopt, path);
  if (!q) return Error::invalid("answer.question_unknown", path, {{"code", std::string(code)}});
  if (const auto* s = v.if_string()) {
    auto a = domain::parse_answer(*q, std::string_view(*s));
    if (!a) return with_field(a.error(), path);
    return std::move(a->value);
  }
  return bare_value(v, q->type, path);
}

json::value optional_id(const std::optional<std::int64_t>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

json::array ids(const std::vector<std::int64_t>& values) {
  json::array a;
  for (auto id : values) a.emplace_back(id);
  return a;
}

std::vector<std::int64_t> ids_from(const json::value* v) {
  std::vector<std::int64_t> out;
  if (const auto* a = v ? v->if_array() : nullptr)
    for (const auto& e : *a)
      if (e.is_int64()) out.push_back(e.get_int64());
  return out;
}

std::optional<std::int64_t> id_from(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v && v->is_int64()) return v->get_int64();
  return std::nullopt;
}

}  // namespace

json::value to_json(const Value& v) {
  return json::object{{"type", domain::to_code(v.type)}, {"value", domain::format_value(v)}};
}

json::value to_json(const domain::Rules& rules) {
  json::array groups;
  for (const auto& g : rules.groups) {
    json::array criteria;
    for (const auto& c : g.criteria) {
      json::array values;
      for (const auto& v : c.values) values.push_back(to_json(v));
      criteria.push_back(json::object{{"field", domain::to_code(c.field)},
                                      {"comparison", domain::to_code(c.comparison)},
                                      {"values", std::move(values)},
                                      {"if_true", domain::to_code(c.if_true)},
                                      {"if_false", domain::to_code(c.if_false)},
                                      {"if_insufficient", domain::to_code(c.if_insufficient)}});
    }
    groups.push_back(json::object{{"label", g.label},
                                  {"label_fr", g.label_fr},
                                  {"criteria", std::move(criteria)},
                                  {"if_true", domain::to_code(g.if_true)},
                                  {"if_false", domain::to_code(g.if_false)}});
  }
  return json::object{{"groups", std::move(groups)}};
}

json::value to_json(const std::vector<domain::Question>& questions) {
  json::array out;
  for (const auto& q : questions) {
    json::array choices;
    for (const auto& c : q.choices)
      choices.push_back(
          json::object{{"code", c.code}, {"label_en", c.label_en}, {"label_fr", c.label_fr}});
    out.push_back(json::object{{"code", q.code},
                               {"prompt_en", q.prompt_en},
                               {"prompt_fr", q.prompt_fr},
                               {"type", domain::to_code(q.type)},
                               {"choices", std::move(choices)},
                               {"applicability", domain::to_code(q.applicability)},
                               {"min", q.min ? json::value(*q.min) : json::value(nullptr)},
                               {"max", q.max ? json::value(*q.max) : json::value(nullptr)}});
  }
  return out;
}

json::value to_json(const std::vector<domain::QuestionOverride>& overrides) {
  json::array out;
  for (const auto& o : overrides)
    out.push_back(
        json::object{{"code", o.code}, {"applicability", domain::to_code(o.applicability)}});
  return out;
}

json::value to_json(const std::vector<domain::AgreementToCreate>& agreements) {
  json::array out;
  for (const auto& a : agreements)
    out.push_back(json::object{{"division", a.division},
                               {"agreement_type", a.agreement_type},
                               {"start", domain::to_code(a.start)},
                               {"service_point_type", a.service_point_type},
                               {"proposal", a.proposal}});
  return out;
}

json::value to_json(const std::vector<domain::Answer>& answers) {
  json::array out;
  for (const auto& a : answers)
    out.push_back(json::object{{"question", a.question}, {"value", to_json(a.value)}});
  return out;
}

json::value to_json(const domain::PostalAddress& a) {
  return json::object{{"line1", a.line1}, {"line2", a.line2},   {"postal_code", a.postal_code},
                      {"city", a.city},   {"region", a.region}, {"country", a.country}};
}

json::value to_json(const domain::Prospect& p) {
  return json::object{{"kind", domain::to_code(p.kind)},
                      {"family_name", p.family_name},
                      {"given_name", p.given_name},
                      {"company_name", p.company_name},
                      {"phone_e164", p.phone_e164},
                      {"email", p.email},
                      {"identifier", p.identifier},
                      {"date_of_birth", p.date_of_birth ? json::value(format_date(*p.date_of_birth))
                                                        : json::value(nullptr)},
                      {"language", code(p.language)},
                      {"customer_class", p.customer_class},
                      {"address", to_json(p.address)}};
}

json::value to_json(const domain::CreatedRecords& c) {
  return json::object{{"customer", optional_id(c.customer)},
                      {"account", optional_id(c.account)},
                      {"premise", optional_id(c.premise)},
                      {"service_points", ids(c.service_points)},
                      {"agreements", ids(c.agreements)}};
}

Result<domain::Rules> rules_from_json(const json::value& v,
                                      const std::vector<domain::Question>& questions,
                                      const std::string& path) {
  domain::Rules rules;
  ObjectReader r(v, path);
  const json::array* groups = r.array("groups");
  if (!r.ok()) return r.error();
  if (!groups) return rules;
  std::string groups_path = r.path("groups");
  for (std::size_t g = 0; g < groups->size(); ++g) {
    ObjectReader gr((*groups)[g], at_index(groups_path, g));
    domain::CriteriaGroup group;
    gr.text("label", group.label);
    gr.text("label_fr", group.label_fr);
    gr.code("if_true", group.if_true, domain::group_outcome_from);
    gr.code("if_false", group.if_false, domain::group_outcome_from);
    const json::array* criteria = gr.array("criteria");
    if (!gr.ok()) return gr.error();
    std::string criteria_path = gr.path("criteria");
    for (std::size_t c = 0; criteria && c < criteria->size(); ++c) {
      ObjectReader cr((*criteria)[c], at_index(criteria_path, c));
      domain::Criterion criterion;
      cr.code("field", criterion.field, domain::field_ref_from);
      cr.code("comparison", criterion.comparison, domain::comparison_from);
      cr.code("if_true", criterion.if_true, domain::criterion_effect_from);
      cr.code("if_false", criterion.if_false, domain::criterion_effect_from);
      cr.code("if_insufficient", criterion.if_insufficient, domain::criterion_effect_from);
      const json::array* values = cr.array("values");
      if (!cr.ok()) return cr.error();
      auto type = domain::field_type(criterion.field, questions);
      for (std::size_t i = 0; values && i < values->size(); ++i) {
        auto value = value_from((*values)[i], type, cr.path("values"));
        if (!value) return value.error();
        criterion.values.push_back(std::move(*value));
      }
      group.criteria.push_back(std::move(criterion));
    }
    rules.groups.push_back(std::move(group));
  }
  return rules;
}

Result<std::vector<domain::Question>> questions_from_json(const json::value& v,
                                                          const std::string& path) {
  const auto* a = v.if_array();
  if (!a) return json_type_error("json.type_array", path);
  std::vector<domain::Question> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    ObjectReader r((*a)[i], at_index(path, i));
    domain::Question q;
    r.text("code", q.code);
    r.text("prompt_en", q.prompt_en);
    r.text("prompt_fr", q.prompt_fr);
    r.code("type", q.type, domain::value_type_from);
    r.code("applicability", q.applicability, domain::applicability_from);
    // Left out (as before these existed) or null: no bound.
    q.min = r.int64("min");
    q.max = r.int64("max");
    const json::array* choices = r.array("choices");
    if (!r.ok()) return r.error();
    std::string choices_path = r.path("choices");
    for (std::size_t c = 0; choices && c < choices->size(); ++c) {
      ObjectReader cr((*choices)[c], at_index(choices_path, c));
      domain::ListChoice choice;
      cr.text("code", choice.code);
      cr.text("label_en", choice.label_en);
      cr.text("label_fr", choice.label_fr);
      if (!cr.ok()) return cr.error();
      q.choices.push_back(std::move(choice));
    }
    out.push_back(std::move(q));
  }
  return out;
}

Result<std::vector<domain::QuestionOverride>> overrides_from_json(const json::value& v,
                                                                  const std::string& path) {
  const auto* a = v.if_array();
  if (!a) return json_type_error("json.type_array", path);
  std::vector<domain::QuestionOverride> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    ObjectReader r((*a)[i], at_index(path, i));
    domain::QuestionOverride o;
    r.text("code", o.code);
    r.code("applicability", o.applicability, domain::applicability_from);
    if (!r.ok()) return r.error();
    out.push_back(std::move(o));
  }
  return out;
}

Result<std::vector<domain::AgreementToCreate>> agreements_from_json(const json::value& v,
                                                                    const std::string& path) {
  const auto* a = v.if_array();
  if (!a) return json_type_error("json.type_array", path);
  std::vector<domain::AgreementToCreate> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    ObjectReader r((*a)[i], at_index(path, i));
    domain::AgreementToCreate row;
    r.text("division", row.division);
    r.text("agreement_type", row.agreement_type);
    r.code("start", row.start, domain::start_option_from);
    r.text("service_point_type", row.service_point_type);
    r.boolean("proposal", row.proposal);
    if (!r.ok()) return r.error();
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<domain::Answer>> answers_from_json(
    const json::value& v, const std::vector<domain::Question>& questions, const std::string& path) {
  std::vector<domain::Answer> out;
  if (const auto* o = v.if_object()) {
    for (const auto& member : *o) {
      if (member.value().is_null()) continue;
      std::string code(member.key());
      auto value = answer_value(member.value(), code, questions, path + "." + code);
      if (!value) return value.error();
      out.push_back({std::move(code), std::move(*value)});
    }
    return out;
  }
  const auto* a = v.if_array();
  if (!a) return json_type_error("json.type_array", path);
  for (std::size_t i = 0; i < a->size(); ++i) {
    ObjectReader r((*a)[i], at_index(path, i));
    domain::Answer answer;
    if (!r.get("question")) r.fail(Error::invalid("field.required", r.path("question")));
    r.text("question", answer.question);
    const json::value* value = r.get("value");
    if (r.ok() && !value) r.fail(bad_member(r.path("value")));
    if (!r.ok()) return r.error();
    auto parsed = answer_value(*value, answer.question, questions, r.path("value"));
    if (!parsed) return parsed.error();
    answer.value = std::move(*parsed);
    out.push_back(std::move(answer));
  }
  return out;
}

Result<domain::PostalAddress> address_from_json(const json::value& v, const std::string& path) {
  domain::PostalAddress a;
  ObjectReader r(v, path);
  r.text("line1", a.line1);
  r.text("line2", a.line2);
  r.text("postal_code", a.postal_code);
  r.text("city", a.city);
  r.text("region", a.region);
  r.text("country", a.country);
  if (!r.ok()) return r.error();
  return a;
}

Result<domain::Prospect> prospect_from_json(const json::value& v, const std::string& path) {
  domain::Prospect p;
  ObjectReader r(v, path);
  r.code("kind", p.kind, domain::kind_from);
  r.text("family_name", p.family_name);
  r.text("given_name", p.given_name);
  r.text("company_name", p.company_name);
  r.text("phone_e164", p.phone_e164);
  r.text("email", p.email);
  r.text("identifier", p.identifier);
  r.date("date_of_birth", p.date_of_birth);
  r.code("language", p.language, language_from);
  r.text("customer_class", p.customer_class);
  const json::value* address = r.get("address");
  if (!r.ok()) return r.error();
  if (address) {
    auto a = address_from_json(*address, r.path("address"));
    if (!a) return a.error();
    p.address = std::move(*a);
  }
  return p;
}

domain::CreatedRecords created_from_json(const json::value& v) {
  domain::CreatedRecords c;
  const auto* o = v.if_object();
  if (!o) return c;
  c.customer = id_from(*o, "customer");
  c.account = id_from(*o, "account");
  c.premise = id_from(*o, "premise");
  c.service_points = ids_from(o->if_contains("service_points"));
  c.agreements = ids_from(o->if_contains("agreements"));
  return c;
}

std::string to_text(const json::value& v) { return json::serialize(v); }

Result<json::value> parse_stored(const std::string& text, const std::string& column) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Error::internal("corrupt JSON in " + column + ": " + ec.message());
  return v;
}

json::value stored_document(const std::string& text, const std::string& column) {
  auto v = parse_stored(text, column);
  if (!v) throw std::runtime_error(v.error().detail);
  return std::move(*v);
}

}  // namespace rapport::store
