#include "app/demo/demo_campaigns.h"

#include "app/access.h"
#include "app/demo/demo_campaign_catalogue.h"
#include "app/marketing/service_order_desk.h"
#include "domain/contactplan/schedule.h"
#include "store/marketing/campaign_repository.h"
#include "store/settings/settings_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

using date::days;
using date::sys_days;

// A prospect as a CSR would record them on the phone.
struct DemoProspect {
  const char* family;
  const char* given;
  const char* phone;
  const char* line1;
  const char* postal_code;
  const char* city;
  Language language;
};

constexpr DemoProspect kProspects[] = {
    {"Moreau", "Lucie", "06 21 43 65 87", "12 rue des Lilas", "69003", "Lyon", Language::fr},
    {"Girard", "Antoine", "06 32 54 76 98", "4 avenue Jean Jaurès", "31000", "Toulouse",
     Language::fr},
    {"Fontaine", "Élodie", "06 43 65 87 09", "27 boulevard Carnot", "59000", "Lille", Language::fr},
    {"Whitfield", "Grace", "+33 6 54 76 98 10", "9 quai de la Fosse", "44000", "Nantes",
     Language::en},
    {"Roussel", "Mathieu", "06 65 87 09 21", "3 place du Marché", "35000", "Rennes", Language::fr},
    {"Okafor", "Daniel", "+33 6 76 98 10 32", "18 rue Sainte-Catherine", "33000", "Bordeaux",
     Language::en},
};

// Orders in every status under GREEN-2026, for the conversion report, and
// one held until today on the English CSR's to-do list.
Result<int> add_demo_orders(store::Database& db, const Clock& clock, const DemoStaff& staff,
                            Id<domain::Campaign> green,
                            const std::vector<domain::Package>& packages) {
  if (!staff.english) return 0;
  auto csr =
      db.read([&](store::Tx& tx) { return store::UserRepository::find(tx, *staff.english); });
  if (!csr) return csr.error();
  ServiceOrderDesk desk(db, clock);
  auto zone = db.read([&](store::Tx& tx) -> Result<std::string> {
    return store::SettingsRepository::load(tx).time_zone;
  });
  if (!zone) return zone.error();
  const CivilDate today = domain::local_date(clock.now(), *zone);
  int created = 0;
  for (std::size_t i = 0; i < std::size(kProspects); ++i) {
    const auto& p = kProspects[i];
    OrderInput in;
    in.order.campaign = green;
    in.order.prospect.family_name = p.family;
    in.order.prospect.given_name = p.given;
    in.order.prospect.language = p.language;
    in.order.prospect.address = {p.line1, "", p.postal_code, p.city, "", "FR"};
    in.typed_phone = p.phone;
    in.answers = {
        {"home_owner", i % 2 == 0 ? "yes" : "no"}, {"annual_kwh", "9500"}, {"heating", "electric"}};
    auto order = desk.save(*csr, in);
    if (!order) return order.error();
    ++created;
    const Version v = order->version;
    switch (i) {
      case 0: {
        auto chosen = desk.choose_package(*csr, order->id, v, packages.front().id);
        if (!chosen) return chosen.error();
        auto completed = desk.complete(*csr, order->id, chosen->version);
        if (!completed) return completed.error();
        break;
      }
      case 1:
        if (auto held = desk.hold(*csr, order->id, v, "customer_to_call_back", today); !held)
          return held.error();
        break;
      case 2:
        if (auto canceled = desk.cancel(*csr, order->id, v, "price"); !canceled)
          return canceled.error();
        break;
      case 3:
        if (auto canceled = desk.cancel(*csr, order->id, v, "competitor"); !canceled)
          return canceled.error();
        break;
      default:
        break;  // left pending
    }
  }
  return created;
}

}  // namespace

Result<DemoCampaignsReport> add_demo_campaigns(store::Database& db, const Clock& clock,
                                               const DemoStaff& staff) {
  DemoCampaignsReport report;
  const store::Actor who = system_actor("demo");
  const Instant now = clock.now();
  std::optional<Id<domain::Campaign>> green;
  std::vector<domain::Package> green_packages;
  auto added = db.write([&](store::Tx& tx) -> Result<int> {
    if (store::CampaignRepository::find_by_code(tx, "DUMMY")) return 0;
    auto settings = store::SettingsRepository::load(tx);
    const CivilDate today = domain::local_date(now, settings.time_zone);
    int count = 0;
    for (auto& demo : demo_campaign_catalogue(today)) {
      auto id = store::CampaignRepository::insert(tx, demo.campaign, who, now);
      if (!id) return id.error();
      ++count;
      if (demo.campaign.code == "DUMMY") {
        settings.default_campaign = id->value;
        if (auto saved = store::SettingsRepository::save(tx, settings, who, now); !saved)
          return saved.error();
      }
      for (auto& p : demo.packages) {
        p.campaign = *id;
        auto pid = store::CampaignRepository::insert_package(tx, p, who, now);
        if (!pid) return pid.error();
        p.id = *pid;
      }
      if (demo.campaign.code == "GREEN-2026") {
        green = *id;
        green_packages = demo.packages;
      }
    }
    return count;
  });
  if (!added) return added.error();
  report.campaigns_created = *added;
  if (*added == 0 || !green) return report;
  auto orders = add_demo_orders(db, clock, staff, *green, green_packages);
  if (!orders) return orders.error();
  report.orders_created = *orders;
  return report;
}

}  // namespace rapport::app
