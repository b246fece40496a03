#include "web/ui/marketing/campaign_form_data.h"

#include <charconv>
#include <map>

namespace rapport::web::ui {
namespace {

constexpr int kMaxRows = 60;

std::vector<std::string_view> split_dots(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

// A row index 0–59, or -1.
int row_index(std::string_view text) {
  int value = -1;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0 || value >= kMaxRows)
    return -1;
  return value;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

template <typename Row>
std::vector<Row> in_order(std::map<int, Row>& rows) {
  std::vector<Row> out;
  for (auto& [i, row] : rows) out.push_back(std::move(row));
  return out;
}

bool blank(const QuestionRow& q) {
  return trim(q.code).empty() && trim(q.prompt_en).empty() && trim(q.prompt_fr).empty() &&
         trim(q.choices).empty() && trim(q.min).empty() && trim(q.max).empty();
}
bool blank(const CriterionRow& c) { return c.field.empty() && trim(c.values).empty(); }
bool blank(const AgreementRow& a) {
  return a.division.empty() && a.agreement_type.empty() && a.service_point_type.empty();
}

// "code | English | Français" per line.
std::vector<domain::ListChoice> parse_choices(std::string_view text) {
  std::vector<domain::ListChoice> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    std::string_view line = trim(
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (!line.empty()) {
      domain::ListChoice c;
      auto bar1 = line.find('|');
      c.code = std::string(trim(line.substr(0, bar1)));
      if (bar1 != std::string_view::npos) {
        auto rest = line.substr(bar1 + 1);
        auto bar2 = rest.find('|');
        c.label_en = std::string(trim(rest.substr(0, bar2)));
        if (bar2 != std::string_view::npos) c.label_fr = std::string(trim(rest.substr(bar2 + 1)));
      }
      out.push_back(std::move(c));
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string choices_text(const std::vector<domain::ListChoice>& choices) {
  std::string out;
  for (const auto& c : choices) {
    if (!out.empty()) out += "\n";
    out += c.code;
    if (!c.label_en.empty() || !c.label_fr.empty()) out += " | " + c.label_en;
    if (!c.label_fr.empty()) out += " | " + c.label_fr;
  }
  return out;
}

// The typed values of a criterion, split as its comparison reads them.
std::vector<std::string> value_tokens(domain::Comparison comparison, std::string_view text) {
  std::vector<std::string> out;
  text = trim(text);
  if (text.empty()) return out;
  if (comparison == domain::Comparison::between) {
    auto sep = text.find("..");
    std::size_t width = 2;
    if (sep == std::string_view::npos) {
      sep = text.find(';');
      width = 1;
    }
    if (sep == std::string_view::npos) return {std::string(text)};
    out.emplace_back(trim(text.substr(0, sep)));
    out.emplace_back(trim(text.substr(sep + width)));
    return out;
  }
  if (comparison == domain::Comparison::in) return split_list(text);
  return {std::string(text)};
}

// A bound as typed: empty, or a whole number ("-5", "+20"); anything else is
// domain::bound_error in `errors`.
std::optional<std::int64_t> whole_number(std::string_view typed, const std::string& field,
                                         FieldErrors* errors) {
  typed = trim(typed);
  if (typed.empty()) return std::nullopt;
  if (typed.size() > 1 && typed[0] == '+' && typed[1] != '-') typed.remove_prefix(1);
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), n);
  if (ec == std::errc() && ptr == typed.data() + typed.size() && !typed.empty()) return n;
  if (errors) errors->add(domain::bound_error(field));
  return std::nullopt;
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  // Semicolons when there are any (so "1,5; 2,5" keeps its decimal commas).
  const bool semicolons = text.find(';') != std::string_view::npos;
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    auto t = trim(token);
    if (!t.empty()) out.emplace_back(t);
    token.clear();
  };
  for (char ch : text) {
    if (ch == '\n' || ch == ';' || (ch == ',' && !semicolons))
      flush();
    else
      token += ch;
  }
  flush();
  return out;
}

std::vector<QuestionRow> read_question_rows(const Request& req) {
  std::map<int, QuestionRow> rows;
  for (const auto& [name, value] : req.form()) {
    auto parts = split_dots(name);
    if (parts.size() != 3 || parts[0] != "questions") continue;
    int i = row_index(parts[1]);
    if (i < 0) continue;
    auto& row = rows[i];
    if (parts[2] == "code")
      row.code = value;
    else if (parts[2] == "prompt_en")
      row.prompt_en = value;
    else if (parts[2] == "prompt_fr")
      row.prompt_fr = value;
    else if (parts[2] == "type")
      row.type = value;
    else if (parts[2] == "choices")
      row.choices = value;
    else if (parts[2] == "applicability")
      row.applicability = value;
    else if (parts[2] == "min")
      row.min = value;
    else if (parts[2] == "max")
      row.max = value;
  }
  return in_order(rows);
}

std::vector<GroupRow> read_group_rows(const Request& req) {
  std::map<int, GroupRow> groups;
  std::map<int, std::map<int, CriterionRow>> criteria;
  for (const auto& [name, value] : req.form()) {
    auto parts = split_dots(name);
    if (parts.size() < 4 || parts[0] != "rules" || parts[1] != "groups") continue;
    int g = row_index(parts[2]);
    if (g < 0) continue;
    auto& group = groups[g];
    if (parts.size() == 4) {
      if (parts[3] == "label")
        group.label = value;
      else if (parts[3] == "label_fr")
        group.label_fr = value;
      else if (parts[3] == "if_true")
        group.if_true = value;
      else if (parts[3] == "if_false")
        group.if_false = value;
      continue;
    }
    if (parts.size() != 6 || parts[3] != "criteria") continue;
    int c = row_index(parts[4]);
    if (c < 0) continue;
    auto& row = criteria[g][c];
    if (parts[5] == "field")
      row.field = value;
    else if (parts[5] == "comparison")
      row.comparison = value;
    else if (parts[5] == "values")
      row.values = value;
    else if (parts[5] == "if_true")
      row.if_true = value;
    else if (parts[5] == "if_false")
      row.if_false = value;
    else if (parts[5] == "if_insufficient")
      row.if_insufficient = value;
  }
  for (auto& [g, rows] : criteria) groups[g].criteria = in_order(rows);
  return in_order(groups);
}

std::vector<AgreementRow> read_agreement_rows(const Request& req) {
  std::map<int, AgreementRow> rows;
  for (const auto& [name, value] : req.form()) {
    auto parts = split_dots(name);
    if (parts.size() != 3 || parts[0] != "agreements") continue;
    int i = row_index(parts[1]);
    if (i < 0) continue;
    auto& row = rows[i];
    if (parts[2] == "division")
      row.division = value;
    else if (parts[2] == "agreement_type")
      row.agreement_type = value;
    else if (parts[2] == "start")
      row.start = value;
    else if (parts[2] == "service_point_type")
      row.service_point_type = value;
    else if (parts[2] == "proposal")
      row.proposal = value == "1";
  }
  return in_order(rows);
}

std::vector<QuestionRow> question_rows(const std::vector<domain::Question>& questions) {
  std::vector<QuestionRow> out;
  auto bound = [](const std::optional<std::int64_t>& b) {
    return b ? std::to_string(*b) : std::string();
  };
  for (const auto& q : questions)
    out.push_back({q.code, q.prompt_en, q.prompt_fr, std::string(domain::to_code(q.type)),
                   choices_text(q.choices), std::string(domain::to_code(q.applicability)),
                   bound(q.min), bound(q.max)});
  return out;
}

std::string values_text(const domain::Criterion& c, const std::vector<domain::ListChoice>* choices,
                        Language language) {
  std::string out;
  const char* sep = c.comparison == domain::Comparison::between ? ".." : ", ";
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    const auto& v = c.values[i];
    const bool coded =
        choices && v.type != domain::ValueType::number && v.type != domain::ValueType::date;
    out +=
        (i ? sep : "") + (coded ? domain::choice_label(*choices, domain::format_value(v), language)
                                : domain::format_value(v));
  }
  return out;
}

std::vector<GroupRow> group_rows(const domain::Rules& rules,
                                 const std::vector<domain::Question>& scope,
                                 const domain::FieldChoices& known, Language language) {
  std::vector<GroupRow> out;
  for (const auto& g : rules.groups) {
    GroupRow row{g.label,
                 g.label_fr,
                 std::string(domain::to_code(g.if_true)),
                 std::string(domain::to_code(g.if_false)),
                 {}};
    for (const auto& c : g.criteria)
      row.criteria.push_back(
          {domain::to_code(c.field), std::string(domain::to_code(c.comparison)),
           values_text(c, domain::field_choices(c.field, scope, known), language),
           std::string(domain::to_code(c.if_true)), std::string(domain::to_code(c.if_false)),
           std::string(domain::to_code(c.if_insufficient))});
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<AgreementRow> agreement_rows(const std::vector<domain::AgreementToCreate>& agreements) {
  std::vector<AgreementRow> out;
  for (const auto& a : agreements)
    out.push_back({a.division, a.agreement_type, std::string(domain::to_code(a.start)),
                   a.service_point_type, a.proposal});
  return out;
}

void drop_blank_rows(std::vector<QuestionRow>& questions, std::vector<GroupRow>& groups,
                     std::vector<AgreementRow>* agreements) {
  std::erase_if(questions, [](const QuestionRow& q) { return blank(q); });
  for (auto& g : groups) std::erase_if(g.criteria, [](const CriterionRow& c) { return blank(c); });
  std::erase_if(groups, [](const GroupRow& g) {
    return trim(g.label).empty() && trim(g.label_fr).empty() && g.criteria.empty();
  });
  if (agreements) std::erase_if(*agreements, [](const AgreementRow& a) { return blank(a); });
}

std::vector<domain::Question> to_questions(const std::vector<QuestionRow>& rows,
                                           FieldErrors* errors) {
  std::vector<domain::Question> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    domain::Question q;
    q.code = std::string(trim(r.code));
    q.prompt_en = std::string(trim(r.prompt_en));
    q.prompt_fr = std::string(trim(r.prompt_fr));
    q.type = domain::value_type_from(r.type).value_or(domain::ValueType::text);
    if (q.type == domain::ValueType::list) q.choices = parse_choices(r.choices);
    q.applicability =
        domain::applicability_from(r.applicability).value_or(domain::Applicability::optional);
    const std::string at = "questions." + std::to_string(i) + ".";
    q.min = whole_number(r.min, at + "min", errors);
    q.max = whole_number(r.max, at + "max", errors);
    out.push_back(std::move(q));
  }
  return out;
}

domain::Rules to_rules(const std::vector<GroupRow>& rows,
                       const std::vector<domain::Question>& scope,
                       const domain::FieldChoices& known, Language language, FieldErrors& errors) {
  domain::Rules rules;
  for (std::size_t g = 0; g < rows.size(); ++g) {
    const auto& row = rows[g];
    domain::CriteriaGroup group;
    group.label = std::string(trim(row.label));
    group.label_fr = std::string(trim(row.label_fr));
    group.if_true =
        domain::group_outcome_from(row.if_true).value_or(domain::GroupOutcome::eligible);
    group.if_false =
        domain::group_outcome_from(row.if_false).value_or(domain::GroupOutcome::check_next);
    for (std::size_t c = 0; c < row.criteria.size(); ++c) {
      const auto& cr = row.criteria[c];
      domain::Criterion criterion;
      criterion.field = domain::field_ref_from(cr.field).value_or(domain::FieldRef{});
      criterion.comparison =
          domain::comparison_from(cr.comparison).value_or(domain::Comparison::eq);
      criterion.if_true =
          domain::criterion_effect_from(cr.if_true).value_or(domain::CriterionEffect::holds);
      criterion.if_false =
          domain::criterion_effect_from(cr.if_false).value_or(domain::CriterionEffect::fails);
      criterion.if_insufficient = domain::criterion_effect_from(cr.if_insufficient)
                                      .value_or(domain::CriterionEffect::needs_data);
      const std::string field =
          "rules.groups." + std::to_string(g) + ".criteria." + std::to_string(c) + ".values";
      auto type = domain::field_type(criterion.field, scope).value_or(domain::ValueType::text);
      // A coded field's value names a choice (yes/no parses its own words).
      const auto* choices = type == domain::ValueType::yes_no
                                ? nullptr
                                : domain::field_choices(criterion.field, scope, known);
      bool bad = false;
      for (const auto& token : value_tokens(criterion.comparison, cr.values)) {
        Result<domain::Value> v = domain::Value{};
        if (choices) {
          auto code = domain::parse_choice(*choices, token, field, language);
          v = code ? Result<domain::Value>(domain::Value{type, 0, *code})
                   : Result<domain::Value>(code.error());
        } else {
          v = domain::parse_value(type, token, field);
        }
        if (v) {
          criterion.values.push_back(std::move(*v));
        } else if (!bad) {
          errors.add(v.error());
          bad = true;
        }
      }
      group.criteria.push_back(std::move(criterion));
    }
    rules.groups.push_back(std::move(group));
  }
  return rules;
}

std::vector<domain::AgreementToCreate> to_agreements(const std::vector<AgreementRow>& rows) {
  std::vector<domain::AgreementToCreate> out;
  for (const auto& r : rows)
    out.push_back({r.division, r.agreement_type,
                   domain::start_option_from(r.start).value_or(domain::StartOption::on_completion),
                   r.service_point_type, r.proposal});
  return out;
}

bool apply_row_action(std::string_view action, std::vector<QuestionRow>& questions,
                      std::vector<GroupRow>& groups, std::vector<AgreementRow>* agreements) {
  auto parts = split_dots(action);
  auto index = [&](std::size_t at) { return parts.size() > at ? row_index(parts[at]) : -1; };
  auto in_range = [](int i, std::size_t size) {
    return i >= 0 && static_cast<std::size_t>(i) < size;
  };
  const auto& verb = parts[0];
  if (verb == "add_question") {
    if (questions.size() < domain::kMaxQuestions) questions.emplace_back();
    return true;
  }
  if (verb == "remove_question") {
    if (int i = index(1); in_range(i, questions.size())) questions.erase(questions.begin() + i);
    return true;
  }
  if (verb == "add_group") {
    if (groups.size() < domain::kMaxGroups) {
      groups.emplace_back();
      groups.back().criteria.emplace_back();
    }
    return true;
  }
  if (verb == "remove_group") {
    if (int g = index(1); in_range(g, groups.size())) groups.erase(groups.begin() + g);
    return true;
  }
  if (verb == "add_criterion") {
    if (int g = index(1);
        in_range(g, groups.size()) &&
        groups[static_cast<std::size_t>(g)].criteria.size() < domain::kMaxCriteria)
      groups[static_cast<std::size_t>(g)].criteria.emplace_back();
    return true;
  }
  if (verb == "remove_criterion") {
    int g = index(1), c = index(2);
    if (in_range(g, groups.size())) {
      auto& criteria = groups[static_cast<std::size_t>(g)].criteria;
      if (in_range(c, criteria.size())) criteria.erase(criteria.begin() + c);
    }
    return true;
  }
  if (agreements && verb == "add_agreement") {
    if (agreements->size() < domain::kMaxAgreementsToCreate) agreements->emplace_back();
    return true;
  }
  if (agreements && verb == "remove_agreement") {
    if (int i = index(1); in_range(i, agreements->size()))
      agreements->erase(agreements->begin() + i);
    return true;
  }
  return false;
}

}  // namespace rapport::web::ui
