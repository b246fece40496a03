// web/api/marketing/marketing_api_json.h: campaigns, packages, service orders and the
// eligibility tree as the JSON API shows and reads them
// (campaigns-and-orders.md). Rules, questions, overrides, agreements to
// create, answers, the prospect and the created records keep the shapes of
// store/marketing/marketing_json.h, so the API and the database hold one document.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "app/marketing/campaign_desk.h"
#include "app/marketing/service_order_desk.h"
#include "core/error.h"
#include "web/api/contactplan/contact_plan_json.h"

namespace rapport::web {

// --- Campaigns and packages -------------------------------------------------

boost::json::object campaign_to_json(const domain::Campaign& c, Language language);
// The campaign with its packages ("packages").
boost::json::object campaign_to_json(const store::CampaignWithPackages& c, Language language);
boost::json::object package_to_json(const domain::Package& p, Language language);

// Applies the members present in `o` to `c` (a POST starts from the
// defaults, a PUT from the stored campaign); every bad member is added to
// `errors` with its path ("rules.groups.0.criteria.1.values").
void apply_campaign(const boost::json::object& o, domain::Campaign& c, FieldErrors& errors);
// The same for a package of `campaign` (whose questions type the answer
// fields of the rules). "campaign_id" is not read here.
void apply_package(const boost::json::object& o, domain::Package& p,
                   const domain::Campaign& campaign, FieldErrors& errors);

// A verdict with its reason in `l`'s language; `rules` and `questions` are
// those it was evaluated with (for the group label and the field names).
boost::json::object verdict_to_json(const domain::Verdict& v, const domain::Rules& rules,
                                    const std::vector<domain::Question>& questions,
                                    const JsonLabels& l, const domain::Facts* facts = nullptr);

// Answers or sample values keyed by question code ({"owns_ev": true,
// "age": 42}) as typed text (typed_answer); a member of another shape adds
// "json.invalid_member" at `path`.<code>, a `v` that is not an object
// "json.type_object". A null member is kept as "" (removes the answer) when
// `keep_nulls`, else left out (a rules test's unanswered question).
std::map<std::string, std::string> typed_values(const boost::json::value* v,
                                                const std::string& path, FieldErrors& errors,
                                                bool keep_nulls = false);

boost::json::object conversion_to_json(const store::Conversion& c, Id<domain::Campaign> campaign,
                                       const JsonLabels& l);

// --- Service orders ---------------------------------------------------------

boost::json::object order_to_json(const domain::ServiceOrder& o);
// A list row: the order with its campaign and package codes and the name.
boost::json::object order_row_to_json(const store::ServiceOrderRow& r);
// Everything the order page shows: the order, its campaign and package,
// the questions asked, the status history and the parties' names.
boost::json::object order_view_to_json(const app::OrderView& v, const JsonLabels& l);
// Show eligibility: the order's campaign and the alternates, each package
// with its verdict and the questions still to answer.
boost::json::object eligibility_to_json(const app::EligibilityTree& t,
                                        Id<domain::ServiceOrder> order, const JsonLabels& l);

// Applies the members present in `o` to an order input: "prospect"
// (members merged over the current prospect; "prospect.phone" as typed),
// "parties" and "answers" (keyed by question code; null removes an
// answer). "campaign_id" is the caller's (set on creation only).
void apply_order(const boost::json::object& o, app::OrderInput& in, FieldErrors& errors);
// A JSON answer value as typed text: strings as they are, numbers, true →
// "yes", false → "no", null → "" (no answer), {"type", "value"} → its value.
// Arrays and other objects add "json.invalid_member" at `path`.
std::optional<std::string> typed_answer(const boost::json::value& v, const std::string& path,
                                        FieldErrors& errors);

// app/ and domain/ name some order fields as the form does
// ("existing_account", "answer.owns_ev"); the API member path
// ("parties.account_id", "answers.owns_ev").
Error order_api_field(Error e);

}  // namespace rapport::web
