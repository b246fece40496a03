// web/ui/marketing/campaign_editor_view.h: what the campaign and package forms share
// on screen — field errors found by their dotted paths, the questions
// editor and the eligibility rules editor (templates/partials/
// questions_editor.mustache and rules_editor.mustache).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/error.h"
#include "domain/marketing/question.h"
#include "i18n/catalog.h"
#include "web/request.h"
#include "web/ui/marketing/campaign_form_data.h"

namespace rapport::web {
struct WebContext;
}

namespace rapport::web::ui {

// Whether the page's user may change campaigns and packages (the editors
// are read-only otherwise).
bool manages_campaigns(const Request& req);

// The translated errors of a form, handed out once each to the field that
// shows them: take("questions.2") gives the errors of "questions.2" and of
// the paths beneath it ("questions.2.code") not taken before, so a form
// takes its most specific fields first.
class ErrorIndex {
 public:
  ErrorIndex(const Request& req, const i18n::Catalog& catalog, const FieldErrors& errors);
  // The messages joined by " ", or "".
  std::string take(const std::string& field);
  // Every message not taken yet.
  std::vector<std::string> rest();

 private:
  struct Item {
    std::string field;
    std::string message;
    bool taken = false;
  };
  std::vector<Item> items_;
};

// Sets row[key] to the message, or to false when there is none (not left
// out: Mustache would then show an enclosing context's value of that key).
void set_error(boost::json::object& row, const std::string& key, const std::string& message);

using Choices = std::vector<std::pair<std::string, std::string>>;  // value, label

// Select options ({value, label, selected}); `selected` is added as an
// option of its own when it is not among them (so nothing typed is lost).
boost::json::array select_options(const Choices& choices, const std::string& selected);
// The label of `code` under `prefix` in the catalog ("customer_class.residential"), else the code.
std::string catalog_label(const i18n::Catalog& catalog, Language language,
                          const std::string& prefix, const std::string& code);
// value → catalog "<prefix>.<value>" for each value.
Choices labelled(const i18n::Catalog& catalog, Language language, const std::string& prefix,
                 const std::vector<std::string>& values);

// The customer classes offered by the forms (as the customer form's).
const std::vector<std::string>& customer_class_codes();

// "question_rows", "has_question_rows" and "questions_error" for the
// questions editor partial.
void add_questions_editor(boost::json::object& data, const i18n::Catalog& catalog,
                          Language language, const std::vector<QuestionRow>& rows,
                          ErrorIndex& errors);
// "group_rows", "has_group_rows" and "rules_error" for the rules editor
// partial; the field selects list the answers to `scope`, then the order
// and computed fields; the values of a coded field offer its choices
// (`known`, domain::field_choices) in `language`.
void add_rules_editor(boost::json::object& data, const i18n::Catalog& catalog, Language language,
                      const std::vector<GroupRow>& rows, const std::vector<domain::Question>& scope,
                      const domain::FieldChoices& known, ErrorIndex& errors);

// The choices of the coded fields a rule's values name, for the rules
// editor (app CampaignDesk::field_choices); none when refused.
domain::FieldChoices rule_choices(const Request& req, const WebContext& ctx);

// The prompt of a question for a label: "Prompt (code)".
std::string question_label(const domain::Question& q, Language language);

}  // namespace rapport::web::ui
