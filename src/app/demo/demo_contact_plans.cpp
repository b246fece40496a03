#include "app/demo/demo_contact_plans.h"

#include <soci/soci.h>

#include "app/access.h"
#include "app/contactplan/plan_generation.h"
#include "app/today.h"
#include "domain/contactplan/contact_plan.h"
#include "domain/contactplan/schedule.h"
#include "store/contactplan/contact_info_repository.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/contactplan/non_activity_repository.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/row_values.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

using date::days;
using date::sys_days;
using domain::ContactPlan;

constexpr const char* kOrderPlan = "ORDERS";
constexpr const char* kResearchPlan = "MARKET";

struct DemoCustomer {
  std::int64_t id = 0;
  std::string phone;
  std::string zone;
  std::string country;
};

// The first demo customers with a phone, French and English-speaking alike.
std::vector<DemoCustomer> pick_customers(store::Tx& tx, int count) {
  std::vector<DemoCustomer> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT c.id, MIN(p.e164), c.time_zone, c.country FROM customers c "
                           "JOIN customer_phones p ON p.customer_id = c.id WHERE c.status = "
                           "'active' GROUP BY c.id, c.time_zone, c.country ORDER BY c.id LIMIT " +
                               std::to_string(count));
  for (const auto& r : rs)
    out.push_back(
        {store::int64_at(r, 0), store::text_at(r, 1), store::text_at(r, 2), store::text_at(r, 3)});
  return out;
}

// The next fixed-date public holiday after `today` (France and Canada share
// these), so the exception shows in the plan whatever the day of the demo.
std::pair<CivilDate, const char*> next_public_holiday(CivilDate today) {
  struct Holiday {
    unsigned month, day;
    const char* reason;
  };
  constexpr Holiday kHolidays[] = {
      {1, 1, "Jour de l'An / New Year's Day"}, {5, 1, "Fête du Travail / Labour Day"},
      {7, 1, "Fête du Canada / Canada Day"},   {7, 14, "Fête nationale / Bastille Day"},
      {11, 11, "Armistice / Remembrance Day"}, {12, 25, "Noël / Christmas Day"}};
  for (int y = 0; y < 2; ++y)
    for (const auto& h : kHolidays) {
      CivilDate d{today.year() + date::years{y}, date::month{h.month}, date::day{h.day}};
      if (d > today) return {d, h.reason};
    }
  return {today, ""};
}

CivilDate next_weekday(CivilDate from, date::weekday wd) {
  sys_days d = sys_days(from) + days{1};
  while (date::weekday{d} != wd) d += days{1};
  return CivilDate{d};
}

domain::ContactInfo info_for(const DemoCustomer& c, Id<ContactPlan> plan, int earliest, int latest,
                             int sequence, std::string note) {
  domain::ContactInfo i;
  i.plan = plan;
  i.customer = c.id;
  i.phone_e164 = c.phone;
  i.earliest = earliest;
  i.latest = latest;
  i.sequence = sequence;
  i.note = std::move(note);
  return i;
}

}  // namespace

Result<DemoPlansReport> add_demo_contact_plans(store::Database& db, const Clock& clock,
                                               const DemoStaff& staff) {
  const Instant now = clock.now();
  const CivilDate today = business_today(clock, db);  // the installation's calendar
  const auto actor = system_actor("demo");
  DemoPlansReport report;
  auto made = db.write([&](store::Tx& tx) -> Result<std::vector<std::int64_t>> {
    if (store::ContactPlanRepository::find_by_code(tx, kOrderPlan))
      return std::vector<std::int64_t>{};
    auto customers = pick_customers(tx, 24);
    if (customers.size() < 12) return std::vector<std::int64_t>{};

    // The demo call centre is open 08:00–20:00: a busy customer reachable
    // at any time is called again at 08:00 on the next contact day.
    auto settings = store::SettingsRepository::load(tx);
    settings.opens_minutes = 8 * 60;
    settings.closes_minutes = 20 * 60;
    if (auto saved = store::SettingsRepository::save(tx, settings, actor, now); !saved)
      return saved.error();

    ContactPlan orders;
    orders.code = kOrderPlan;
    orders.name_en = "Order intake — Tuesday and Thursday";
    orders.name_fr = "Prise de commande — mardi et jeudi";
    orders.purpose = domain::PlanPurpose::order_intake;
    orders.weekdays.add(date::Tuesday);
    orders.weekdays.add(date::Thursday);
    orders.valid_from = CivilDate{sys_days(today) - days{28}};
    orders.departure = "ROUTE-A";
    orders.lead_days = 2;
    if (staff.english) orders.responsible_user = staff.english->value;
    auto orders_id = store::ContactPlanRepository::insert(tx, orders, actor, now);
    if (!orders_id) return orders_id.error();

    ContactPlan research;
    research.code = kResearchPlan;
    research.name_en = "Monthly market research";
    research.name_fr = "Étude de marché mensuelle";
    research.purpose = domain::PlanPurpose::other_contact;
    for (auto wd : {date::Monday, date::Tuesday, date::Wednesday, date::Thursday, date::Friday})
      research.weekdays.add(wd);
    research.every_weeks = 4;
    research.frequency_start = today;
    research.valid_from = today;
    research.valid_to = CivilDate{sys_days(today) + days{365}};
    research.busy = domain::RecalculationRule{30, 3};
    if (staff.french) research.responsible_user = staff.french->value;
    auto research_id = store::ContactPlanRepository::insert(tx, research, actor, now);
    if (!research_id) return research_id.error();

    auto [holiday, holiday_reason] = next_public_holiday(today);
    store::ContactPlanRepository::add_exception(tx,
                                                {{},
                                                 *orders_id,
                                                 holiday,
                                                 holiday,
                                                 domain::ExceptionKind::no_contact,
                                                 std::nullopt,
                                                 holiday_reason},
                                                actor, now);
    CivilDate thursday = next_weekday(CivilDate{sys_days(today) + days{6}}, date::Thursday);
    store::ContactPlanRepository::add_exception(
        tx,
        {{},
         *orders_id,
         thursday,
         thursday,
         domain::ExceptionKind::moved,
         CivilDate{sys_days(thursday) - days{1}},
         "Livraison avancée (inventaire jeudi) / Deliveries a day early (Thursday stocktake)"},
        actor, now);

    // Order intake: the first 16 customers; three of them take calls at any
    // hour (a 24-hour business), so "my next call" has work whenever the demo runs.
    for (int i = 0; i < 16; ++i) {
      const auto& c = customers[static_cast<std::size_t>(i)];
      bool any_time = i < 3;
      auto info = info_for(c, *orders_id, any_time ? 0 : (i % 2 ? 8 * 60 : 13 * 60),
                           any_time ? 24 * 60 : (i % 2 ? 12 * 60 : 18 * 60), i + 1,
                           any_time ? "Open 24/7 — ouvert 24 h/24" : "");
      if (i == 15) info.phone_e164.clear();  // reported by the batch: no usable phone
      if (auto id = store::ContactInfoRepository::insert(tx, info, actor, now); !id)
        return id.error();
    }
    // Market research: eight others, afternoons.
    for (int i = 16; i < 24 && i < static_cast<int>(customers.size()); ++i) {
      auto info = info_for(customers[static_cast<std::size_t>(i)], *research_id, 14 * 60, 19 * 60,
                           i - 15, "");
      if (auto id = store::ContactInfoRepository::insert(tx, info, actor, now); !id)
        return id.error();
    }
    store::NonActivityRepository::insert(tx,
                                         {{},
                                          customers[4].id,
                                          today,
                                          CivilDate{sys_days(today) + days{13}},
                                          "Fermé pour congés / Closed for holidays"},
                                         actor, now);
    store::NonActivityRepository::insert(tx,
                                         {{},
                                          customers[18].id,
                                          CivilDate{sys_days(today) + days{30}},
                                          CivilDate{sys_days(today) + days{120}},
                                          "Saison morte / Off season"},
                                         actor, now);
    report.plans_created = 2;
    // Today's calls for the any-hour customers, entered by hand when today is
    // not a Tuesday or Thursday.
    std::vector<store::NewPlanEntry> today_calls;
    for (int i = 0; i < 3; ++i) {
      const auto& c = customers[static_cast<std::size_t>(i)];
      std::string zone = is_valid_time_zone(c.zone) ? c.zone : "Europe/Paris";
      auto window = domain::window_on(today, 0, 24 * 60, zone);
      today_calls.push_back({orders_id->value, c.id, today, window.start, window.end, c.phone,
                             orders.responsible_user});
    }
    report.entries_created +=
        store::PlanEntryRepository::insert_new(tx, today_calls, std::nullopt, now);
    return std::vector<std::int64_t>{orders_id->value, research_id->value};
  });
  if (!made) return made.error();
  if (made->empty()) return report;
  GenerationParams params;
  params.plans = *made;
  params.from = today;
  params.to = CivilDate{sys_days(today) + days{6}};
  auto counts = generate_entries(db, clock, params, std::nullopt, {});
  if (!counts) return counts.error();
  report.entries_created += counts->created;
  return report;
}

}  // namespace rapport::app
