#include "app/demo/demo_sales.h"

#include <algorithm>

#include <soci/soci.h>

#include "app/access.h"
#include "app/demo/demo_sales_catalogue.h"
#include "app/sales/contact_order_desk.h"
#include "app/sales/sales_order_desk.h"
#include "app/today.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/row_values.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

using date::days;
using date::sys_days;
using domain::SalesOrder;

constexpr const char* kDemoSalesMarker = "FIBRE-1G";  // present: the demo catalog is loaded
constexpr const char* kStandardList = "STANDARD";
constexpr const char* kBusinessList = "BUSINESS";

// Demo customers with a complete address, after those of the contact plans
// (the first 24 with a phone) when there are enough, so that the plans'
// calls find no order yet.
std::vector<std::int64_t> demo_sales_customers(store::Tx& tx, int count) {
  std::vector<std::int64_t> all;
  soci::rowset<soci::row> rs =
      tx.sql().prepare << "SELECT id FROM customers WHERE status = 'active' AND line1 <> '' AND "
                          "city <> '' AND postal_code <> '' ORDER BY id LIMIT " +
                              std::to_string(count + 30);
  for (const auto& r : rs) all.push_back(store::int64_at(r, 0));
  const std::size_t skip = all.size() >= static_cast<std::size_t>(count) + 30 ? 30 : 0;
  return {all.begin() + static_cast<std::ptrdiff_t>(skip), all.end()};
}

struct DemoSalesCatalog {
  Id<domain::PriceList> standard, business;
  int products = 0;
};

// The catalog and both lists, in one transaction; the business list goes
// to `business_customers`.
Result<DemoSalesCatalog> add_demo_sales_catalog(
    store::Tx& tx, CivilDate today, Instant now,
    const std::vector<std::int64_t>& business_customers) {
  const auto who = system_actor("demo");
  DemoSalesCatalog made;
  domain::PriceList standard;
  standard.code = kStandardList;
  standard.name_en = "Standard prices";
  standard.name_fr = "Tarifs standard";
  standard.currency = "EUR";
  standard.valid_from = CivilDate{sys_days(today) - days{365}};
  standard.is_default = true;
  auto s = store::PriceListRepository::insert(tx, standard, who, now);
  if (!s) return s.error();
  domain::PriceList business = standard;
  business.code = kBusinessList;
  business.name_en = "Business prices (volume discounts)";
  business.name_fr = "Tarifs professionnels (remises sur quantité)";
  business.is_default = false;
  auto b = store::PriceListRepository::insert(tx, business, who, now);
  if (!b) return b.error();
  made.standard = s->id;
  made.business = b->id;
  for (auto& d : demo_sales_catalogue(today)) {
    auto p = store::ProductRepository::insert(tx, d.product, who, now);
    if (!p) return p.error();
    ++made.products;
    store::PriceListRepository::set_price(tx, made.standard, {p->id, d.standard_price, {}}, who,
                                          now);
    if (d.business_price > 0)
      store::PriceListRepository::set_price(tx, made.business, {p->id, d.business_price, d.tiers},
                                            who, now);
  }
  for (auto customer : business_customers)
    store::PriceListRepository::assign(tx, customer, std::nullopt, made.business, who, now);
  return made;
}

// Generated products "GEN-…" up to `wanted`, priced in the default list,
// in transactions of 5,000.
Result<long long> add_generated_products(store::Database& db, const Clock& clock,
                                         long long wanted) {
  const CivilDate today = business_today(clock, db);
  const auto who = system_actor("demo");
  long long created = 0;
  for (;;) {
    auto added = db.write([&](store::Tx& tx) -> Result<long long> {
      long long present = 0;
      tx.sql() << "SELECT COUNT(*) FROM products WHERE code LIKE 'GEN-%'", soci::into(present);
      if (present >= wanted) return 0LL;
      auto list = store::PriceListRepository::default_list(tx);
      if (!list) return Error::invalid("sales_order.no_price_list");
      const Instant now = clock.now();
      long long n = 0;
      for (long long i = present; i < wanted && n < 5000; ++i, ++n) {
        auto d = generated_demo_product(i, today);
        auto p = store::ProductRepository::insert(tx, d.product, who, now);
        if (!p) return p.error();
        store::PriceListRepository::set_price(tx, list->id, {p->id, d.standard_price, {}}, who,
                                              now);
      }
      return n;
    });
    if (!added) return added.error();
    if (*added == 0) return created;
    created += *added;
  }
}

// One demo order: how far it goes.
enum class DemoOrderFate { pending, open, partly_done, complete, with_failed_line, canceled };

struct DemoOrderPlan {
  std::size_t customer;                                     // index in the picked customers
  std::vector<std::pair<const char*, std::int64_t>> lines;  // code, quantity (thousandths)
  DemoOrderFate fate;
  int delivery_in_days;
};

struct DemoSalesActors {
  domain::User csr, fulfilment;
};

Result<DemoSalesActors> demo_sales_actors(store::Database& db) {
  return db.read([](store::Tx& tx) -> Result<DemoSalesActors> {
    auto csr = store::UserRepository::find_by_login(tx, "csr");
    auto fulfilment = store::UserRepository::find_by_login(tx, "fulfilment");
    if (!csr || !fulfilment) return Error::not_found("user.not_found");
    return DemoSalesActors{csr->user, fulfilment->user};
  });
}

Result<SalesOrder> take_demo_order(SalesOrderDesk& desk, const DemoSalesActors& who, SalesOrder o,
                                   const DemoOrderPlan& plan) {
  for (const auto& [code, quantity] : plan.lines) {
    auto added = desk.add_line(who.csr, o.id, o.version, {std::nullopt, code, quantity, 0});
    if (!added) return added.error();
    o = std::move(*added);
  }
  if (plan.fate == DemoOrderFate::pending) return o;
  auto submitted = desk.submit(who.csr, o.id, o.version);
  if (!submitted) return submitted.error();
  o = std::move(*submitted);
  switch (plan.fate) {
    case DemoOrderFate::canceled:
      return desk.cancel(who.csr, o.id, o.version);
    case DemoOrderFate::partly_done:
      return desk.complete_line(who.fulfilment, o.id, o.version, o.lines.front().id);
    case DemoOrderFate::complete:
    case DemoOrderFate::with_failed_line:
      for (std::size_t i = 0; i < o.lines.size(); ++i) {
        const bool fail = plan.fate == DemoOrderFate::with_failed_line && i + 1 == o.lines.size();
        auto done = fail ? desk.fail_line(who.fulfilment, o.id, o.version, o.lines[i].id,
                                          "Customer absent at the appointment / Client absent au "
                                          "rendez-vous")
                         : desk.complete_line(who.fulfilment, o.id, o.version, o.lines[i].id);
        if (!done) return done.error();
        o = std::move(*done);
      }
      return o;
    default:
      return o;
  }
}

// Orders in every status for the picked customers.
Result<int> add_demo_sales_orders(store::Database& db, const Clock& clock,
                                  const DemoSalesActors& who,
                                  const std::vector<std::int64_t>& customers) {
  using F = DemoOrderFate;
  const std::vector<DemoOrderPlan> plans = {
      {0, {{"FIBRE-1G", 1000}, {"BOX-WIFI7", 1000}, {"FIBRE-INSTALL", 1000}}, F::complete, 5},
      {1,
       {{"ELEC-HPHC", 1000}, {"SMART-METER", 1000}, {"ENERGY-AUDIT", 1000}},
       F::with_failed_line,
       6},
      {2, {{"MOBILE-100GB", 2000}, {"PHONE-5G", 2000}, {"SIM-CARD", 1000}}, F::partly_done, 7},
      {3, {{"GAS-B1", 1000}, {"BOILER-SERVICE", 1000}, {"THERMOSTAT", 1000}}, F::open, 8},
      {4, {{"TV-ESSENTIAL", 1000}, {"TV-DECODER-4K", 1000}, {"TV-SPORT", 1000}}, F::pending, 9},
      {5, {{"SOLAR-3KWP", 1000}, {"ENERGY-AUDIT", 1000}}, F::canceled, 10},
      {6,
       {{"FIBRE-8G-PRO", 1000},
        {"ROUTER-4G-PRO", 1000},
        {"MOBILE-20GB", 12'000},
        {"SIM-CARD", 12'000}},
       F::complete,
       5},
      {7, {{"EV-CHARGER", 1000}, {"TECH-VISIT", 2500}}, F::open, 12},
      {8, {{"ELEC-GREEN", 1000}, {"KWH-ELEC", 350'000}, {"WIFI-REPEATER", 1000}}, F::complete, 6},
      {9, {{"FIBRE-500", 1000}, {"LANDLINE", 1000}, {"DECT-PHONE", 1000}}, F::complete, 7},
      {10, {{"GAS-BIO", 1000}, {"HEATPUMP-CARE", 1000}}, F::open, 14},
      {6, {{"CLOUD-1TB", 5000}, {"ETHERNET-5M", 10'000}}, F::pending, 15},
  };
  SalesOrderDesk desk(db, clock);
  const CivilDate today = business_today(clock, db);
  int created = 0;
  for (const auto& plan : plans) {
    if (plan.customer >= customers.size()) continue;
    SalesOrderHeader h;
    h.customer = customers[plan.customer];
    h.requested_delivery = CivilDate{sys_days(today) + days{plan.delivery_in_days}};
    h.departure = plan.delivery_in_days % 2 ? "ROUTE-A" : "ROUTE-B";
    auto o = desk.create(who.csr, h);
    if (!o) return o.error();
    ++created;
    auto taken = take_demo_order(desk, who, std::move(*o), plan);
    if (!taken) return taken.error();
  }
  return created;
}

// Orders taken from calls of the order-intake plan: the first open entries
// of two customers; the first closed "call back" (21: stays active, shows
// OK), the second "completed" (90) and its order submitted.
Result<int> add_demo_contact_orders(store::Database& db, const Clock& clock,
                                    const DemoSalesActors& who) {
  auto entries = db.read([](store::Tx& tx) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    std::vector<std::int64_t> seen;
    soci::rowset<soci::row> rs =
        tx.sql().prepare << "SELECT e.id, e.customer_id FROM plan_entries e JOIN contact_plans p "
                            "ON p.id = e.plan_id WHERE p.code = 'ORDERS' AND e.status = 10 AND "
                            "e.sales_order_id IS NULL ORDER BY e.contact_date, e.id";
    for (const auto& r : rs) {
      const auto customer = store::int64_at(r, 1);
      if (std::find(seen.begin(), seen.end(), customer) != seen.end()) continue;
      seen.push_back(customer);
      out.push_back(store::int64_at(r, 0));
      if (out.size() == 2) break;
    }
    return out;
  });
  if (!entries) return entries.error();
  ContactOrderDesk contact(db, clock);
  SalesOrderDesk desk(db, clock);
  const std::vector<std::vector<std::pair<const char*, std::int64_t>>> lines = {
      {{"KWH-GAS", 1'200'000}, {"BOILER-SERVICE", 1000}},
      {{"MOBILE-20GB", 2000}, {"SIM-CARD", 2000}}};
  int created = 0;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const Id<domain::PlanEntry> entry{(*entries)[i]};
    auto o = contact.open(who.csr, entry, EntryOrderChoice::create_new);
    if (!o) return o.error();
    ++created;
    for (const auto& [code, quantity] : lines[i % lines.size()]) {
      auto added = desk.add_line(who.csr, o->id, o->version, {std::nullopt, code, quantity, 0});
      if (!added) return added.error();
      *o = std::move(*added);
    }
    auto started = contact.start(who.csr, entry);
    if (!started) return started.error();
    StatusInput status;
    status.status = i == 0 ? 21 : 90;
    status.note =
        i == 0 ? "Wants to confirm the quantities tomorrow / Confirme les quantités demain" : "";
    status.version = started->entry.entry.version;
    auto closed = contact.close(who.csr, entry, status, false);
    if (!closed) return closed.error();
    if (i == 1)
      if (auto submitted = desk.submit(who.csr, o->id, o->version); !submitted)
        return submitted.error();
  }
  return created;
}

}  // namespace

Result<DemoSalesReport> add_demo_sales(store::Database& db, const Clock& clock,
                                       long long generated_products) {
  if (generated_products < 0 || generated_products > kMaxDemoProducts)
    return Error::invalid("demo.products_invalid", "products",
                          {{"max", std::to_string(kMaxDemoProducts)}});
  DemoSalesReport report;
  const CivilDate today = business_today(clock, db);
  std::vector<std::int64_t> customers;
  auto catalog = db.write([&](store::Tx& tx) -> Result<int> {
    if (store::ProductRepository::find_by_code(tx, kDemoSalesMarker)) return 0;
    customers = demo_sales_customers(tx, 11);
    // The business list: the customers of two orders below.
    std::vector<std::int64_t> business;
    if (customers.size() > 6) business = {customers[6]};
    if (customers.size() > 10) business.push_back(customers[10]);
    auto made = add_demo_sales_catalog(tx, today, clock.now(), business);
    if (!made) return made.error();
    report.price_lists_created = 2;
    return made->products;
  });
  if (!catalog) return catalog.error();
  report.products_created = *catalog;
  if (*catalog > 0) {
    auto who = demo_sales_actors(db);
    if (!who) return who.error();
    auto orders = add_demo_sales_orders(db, clock, *who, customers);
    if (!orders) return orders.error();
    auto contact = add_demo_contact_orders(db, clock, *who);
    if (!contact) return contact.error();
    report.orders_created = *orders + *contact;
    report.contact_orders_created = *contact;
    auto assets = db.read([](store::Tx& tx) -> Result<long long> {
      long long n = 0;
      tx.sql() << "SELECT COUNT(*) FROM assets", soci::into(n);
      return n;
    });
    if (!assets) return assets.error();
    report.assets_created = static_cast<int>(*assets);
  }
  auto generated = add_generated_products(db, clock, generated_products);
  if (!generated) return generated.error();
  report.generated_products_created = *generated;
  return report;
}

}  // namespace rapport::app
