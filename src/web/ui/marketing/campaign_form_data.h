// web/ui/marketing/campaign_form_data.h: the campaign and package forms as typed —
// the rows of the questions editor, the rules editor and the agreements to
// create — read from a posted form or from the domain, turned back into
// the domain with every typing fault named by its dotted path
// ("rules.groups.0.criteria.1.values", the paths of domain::validate_*),
// and changed by the editors' buttons (the posted `action`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/marketing/campaign.h"
#include "domain/marketing/value_choices.h"
#include "web/request.h"

namespace rapport::web::ui {

struct QuestionRow {
  std::string code, prompt_en, prompt_fr;
  std::string type = "text";
  std::string choices;  // "code | English | Français" per line
  std::string applicability = "optional";
  std::string min, max;  // number questions: whole numbers, or empty
};

struct CriterionRow {
  std::string field;  // "answer:owns_ev", "order:customer_class"…
  std::string comparison = "eq";
  std::string values;  // one value; between "low..high"; in "a, b, c"
  std::string if_true = "holds";
  std::string if_false = "fails";
  std::string if_insufficient = "needs_data";
};

struct GroupRow {
  std::string label;
  std::string label_fr;
  std::string if_true = "eligible";
  std::string if_false = "check_next";
  std::vector<CriterionRow> criteria;
};

struct AgreementRow {
  std::string division, agreement_type;
  std::string start = "on_completion";
  std::string service_point_type;
  bool proposal = false;
};

// The editors' rows of a form: "questions.<i>.<part>",
// "rules.groups.<g>.<part>", "rules.groups.<g>.criteria.<c>.<part>",
// "agreements.<i>.<part>" (at most 60 rows of each).
std::vector<QuestionRow> read_question_rows(const Request& req);
std::vector<GroupRow> read_group_rows(const Request& req);
std::vector<AgreementRow> read_agreement_rows(const Request& req);

std::vector<QuestionRow> question_rows(const std::vector<domain::Question>& questions);
// The rules as the editor shows them: a coded field's values as their
// labels in `language` (values_text).
std::vector<GroupRow> group_rows(const domain::Rules& rules,
                                 const std::vector<domain::Question>& scope,
                                 const domain::FieldChoices& known, Language language);
std::vector<AgreementRow> agreement_rows(const std::vector<domain::AgreementToCreate>& agreements);

// Drops the rows left blank (an added row nobody filled), so the rows and
// the domain's indices agree when saving.
void drop_blank_rows(std::vector<QuestionRow>& questions, std::vector<GroupRow>& groups,
                     std::vector<AgreementRow>* agreements);

// Rows to the domain. Unknown codes in selects fall back to the defaults;
// values are parsed as the type of their field among `scope` (text when
// unknown), a coded field's (domain::field_choices) as the code of the
// choice named by its code or label (domain::parse_choice, its error naming
// the choices in `language`), faults added to `errors` under
// "rules.groups.<g>.criteria.<c>.values";
// a bound that is not a whole number under "questions.<i>.min" / ".max"
// (domain::bound_error). Without `errors` such bounds are left out.
std::vector<domain::Question> to_questions(const std::vector<QuestionRow>& rows,
                                           FieldErrors* errors = nullptr);
domain::Rules to_rules(const std::vector<GroupRow>& rows,
                       const std::vector<domain::Question>& scope,
                       const domain::FieldChoices& known, Language language, FieldErrors& errors);
std::vector<domain::AgreementToCreate> to_agreements(const std::vector<AgreementRow>& rows);

// A criterion's values as the form shows them: the labels in `language`
// of a coded field's values (`choices`, domain::field_choices), else their
// canonical text.
std::string values_text(const domain::Criterion& c,
                        const std::vector<domain::ListChoice>* choices = nullptr,
                        Language language = Language::en);

// The editors' buttons: "add_question", "remove_question.<i>", "add_group",
// "remove_group.<g>", "add_criterion.<g>", "remove_criterion.<g>.<c>",
// "add_agreement", "remove_agreement.<i>". False when `action` is none of
// them (save, test).
bool apply_row_action(std::string_view action, std::vector<QuestionRow>& questions,
                      std::vector<GroupRow>& groups, std::vector<AgreementRow>* agreements);

// "A, b ,c" → {"A", "b", "c"} (commas, semicolons or new lines; blanks dropped).
std::vector<std::string> split_list(std::string_view text);

}  // namespace rapport::web::ui
