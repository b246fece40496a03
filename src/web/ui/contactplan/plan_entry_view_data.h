// web/ui/contactplan/plan_entry_view_data.h: contact planning as the CSR's pages show
// it — status badges with their translated text, contact windows and
// times in the customer's own zone beside the user's, and the "Contact
// plans" and "Non-activity periods" sections of the customer's 360° view.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "app/contactplan/contact_planner.h"
#include "app/customers/customer_desk.h"
#include "domain/contactplan/contact_plan.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// The statuses a CSR sets on an entry, in the order of their keyboard keys 1–6.
inline constexpr domain::ContactStatus kSettableStatuses[] = {
    domain::ContactStatus::unavailable,        domain::ContactStatus::busy,
    domain::ContactStatus::call_back,          domain::ContactStatus::completed,
    domain::ContactStatus::completed_no_order, domain::ContactStatus::cancelled};

// The translated label of a status ("Line busy").
std::string status_label(const Request& req, const WebContext& ctx, domain::ContactStatus s);
// Sets status_code ("20"), status_label and status_class (the badge's class).
void add_status(boost::json::object& o, const Request& req, const WebContext& ctx,
                domain::ContactStatus s);

// `zone` when it is a valid zone, else `fallback` (else "UTC").
std::string usable_zone(const std::string& zone, const std::string& fallback);
// The user's own zone (UTC without a user).
std::string user_zone(const Request& req);
// "09:00–12:00 Europe/Paris".
std::string window_text(domain::LocalMinutes earliest, domain::LocalMinutes latest,
                        const std::string& zone);
// "14:05": the wall-clock time of `t` in `zone`.
std::string clock_time(Instant t, const std::string& zone);
// `t` in `zone` for a reader: the 24-hour time alone when it is on the same
// local day as `now`, else the date in the user's language and the time.
std::string when_in(const Request& req, Instant t, const std::string& zone, Instant now);
// The plan's code and name in the reader's language: "ORDERS · Order intake".
std::string plan_title(const Request& req, const std::string& code, const std::string& name_en,
                       const std::string& name_fr);

// "?set=1&exhausted=1…": what a saved status says, for the entry page a
// form redirects to (its flags are read back by the entry page).
std::string status_outcome_query(const app::StatusOutcome& saved);

// A "YYYY-MM-DDTHH:MM" (datetime-local) value typed in the customer's
// zone, as an instant. Nonexistent local times (spring forward) move to the
// first valid instant after; ambiguous ones take the earlier. nullopt when
// the text is not such a value or the zone is not valid.
std::optional<Instant> parse_local_input(std::string_view text, const std::string& zone);
// `t` in `zone` as a datetime-local value.
std::string local_input_value(Instant t, const std::string& zone);

// A form of the customer's contact-planning sections as it was posted,
// with its errors, so the 360° view comes back filled.
struct CustomerPlanForm {
  enum class Kind { connect, edit, non_activity };
  Kind kind = Kind::connect;
  std::int64_t info_id = 0;  // Kind::edit: the contact info edited
  const Pairs* values = nullptr;
  std::map<std::string, std::string> errors;  // form field → message
};

// The field of a form of the 360° view that an error of the planner names
// ("customer" for the plan already taken is shown at the plan).
std::string plan_form_field(const std::string& field);

// Adds the "Contact plans" and "Non-activity periods" sections to the 360°
// view (can_plan false when the user may not work plans), with `form`
// filled and its errors beside its fields and summed up at the top.
void add_customer_planning(boost::json::object& data, const Request& req, const WebContext& ctx,
                           const app::CustomerView& view, const CustomerPlanForm* form = nullptr);

}  // namespace rapport::web::ui
