// web/api/contactplan/contact_plan_json.h: contact planning as JSON — plans, exceptions,
// contact info, non-activity periods, entries and jobs as the API shows
// them. Instants are ISO 8601 UTC text; each entry also carries its window
// in the customer's local time and that zone; statuses are numbers with
// their label in the reader's language.
#pragma once

#include <boost/json/object.hpp>

#include "app/contactplan/contact_planner.h"
#include "domain/jobs/job.h"
#include "i18n/catalog.h"

namespace rapport::web {

// What a representation needs to translate labels.
struct JsonLabels {
  const i18n::Catalog& catalog;
  Language language;
  std::string text(std::string_view key, const MessageArgs& args = {}) const {
    return catalog.text(language, key, args);
  }
};

boost::json::object plan_to_json(const domain::ContactPlan& p, const JsonLabels& l);
boost::json::object exception_to_json(const domain::PlanException& e);
boost::json::object contact_info_to_json(const store::ContactInfoRow& r, Language language);
boost::json::object non_activity_to_json(const domain::NonActivityPeriod& p);
boost::json::object entry_to_json(const store::PlanEntryRow& r, const JsonLabels& l);
// An entry of the active list: entry_to_json() and "held_by", who Next call
// holds it for and until when ({user_id, user_name, until}), or null.
boost::json::object listed_entry_to_json(const store::PlanEntryRow& r, const JsonLabels& l);
// The plan with its exceptions and the customers connected to it.
boost::json::object plan_view_to_json(const app::PlanView& v, const JsonLabels& l);
// The contact page of one entry: contact info, history, warnings.
boost::json::object entry_view_to_json(const app::EntryView& v, const JsonLabels& l);
// A status change: the saved entry and what the CSR should be told.
boost::json::object status_outcome_to_json(const app::StatusOutcome& o, const JsonLabels& l);
// A job's progress: status, done, total, percent, counts and message.
boost::json::object job_to_json(const domain::Job& job, const JsonLabels& l);

}  // namespace rapport::web
