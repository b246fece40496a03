// The scheduled contacts of a plan or a user as an iCalendar file (RFC
// 5545), built with libical so calendar applications import it as is.
#include <memory>

#include <libical/ical.h>

#include "app/access.h"
#include "app/contactplan/contact_planner.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

constexpr int kMaxCalendarEvents = 5000;

icaltimetype utc_time(Instant t) {
  return icaltime_from_timet_with_zone(t.time_since_epoch().count(), 0,
                                       icaltimezone_get_utc_timezone());
}

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

}  // namespace

Result<std::string> ContactPlanner::calendar(const domain::User& actor,
                                             std::optional<std::int64_t> plan,
                                             std::optional<std::int64_t> user,
                                             const Translate& translate) {
  if (auto ok = require(actor, Capability::work_plans); !ok) return ok.error();
  Instant now = clock_.now();
  auto rows = db_.read([&](store::Tx& tx) -> Result<std::vector<store::PlanEntryRow>> {
    // An unknown plan or user is not found, never an empty calendar.
    if (plan)
      if (auto found = store::ContactPlanRepository::find(tx, Id<domain::ContactPlan>{*plan});
          !found)
        return found.error();
    if (user)
      if (auto found = store::UserRepository::find(tx, Id<domain::User>{*user}); !found)
        return found.error();
    return store::PlanEntryRepository::scheduled(tx, plan, user, now, kMaxCalendarEvents);
  });
  if (!rows) return rows.error();
  std::unique_ptr<icalcomponent, ComponentFree> cal(
      icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
                          icalproperty_new_prodid("-//Rapport//Contact plans//EN"),
                          icalproperty_new_method(ICAL_METHOD_PUBLISH), nullptr));
  for (const auto& r : *rows) {
    const auto& e = r.entry;
    icalcomponent* event = icalcomponent_new_vevent();
    std::string uid = "plan-entry-" + std::to_string(e.id.value) + "@rapport";
    icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(utc_time(now)));
    icalcomponent_add_property(event, icalproperty_new_dtstart(utc_time(e.next_contact_at)));
    Instant end = e.window_ends_at > e.next_contact_at ? e.window_ends_at : e.next_contact_at;
    icalcomponent_add_property(event, icalproperty_new_dtend(utc_time(end)));
    std::string summary = r.plan_code + " — " + r.customer_name;
    icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
    std::string description = translate("calendar.entry_description",
                                        {{"phone", e.phone_e164},
                                         {"attempt", std::to_string(e.attempt)},
                                         {"status", translate(domain::label_key(e.status), {})}});
    icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
    if (!e.phone_e164.empty()) {
      std::string tel = "tel:" + e.phone_e164;
      icalcomponent_add_property(event, icalproperty_new_url(tel.c_str()));
    }
    icalcomponent_add_component(cal.get(), event);
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out(text);
  free(text);
  return out;
}

}  // namespace rapport::app
