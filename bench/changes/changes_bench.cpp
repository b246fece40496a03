// bench/changes/changes_bench.cpp: the change-order delta (issue 15,
// "Speed": for a customer with 200 assets and 5 open orders, p99 < 10 ms).
//
// A new SQLite database gets the demo data (RAPPORT_BENCH_CUSTOMERS
// customers, default 1,000, and the demo catalog), then one customer gets
// RAPPORT_BENCH_ASSETS assets (default 200) made by a fulfilled order, and
// 5 open orders of 20 lines each: half of them change those assets
// (quantities, suspensions, disconnections), half add products. Then, on
// the same connection, RAPPORT_BENCH_QUERIES times each (default 2,000):
//
//   - baseline: reading the customer's assets (AssetRepository::
//     all_of_customer, one read transaction) — the least a delta can do;
//   - the delta as the quote desk and the change order desk compute it
//     (app::change_delta_in in a read transaction: the assets, the 5 open
//     orders with their lines, the products, and domain::change_delta) for
//     10 requested changes (modify, disconnect, suspend, resume, add);
//   - the change order page's Compute (ChangeOrderDesk::preview: the same,
//     the order's header and price list, the lines priced);
//   - the pure domain::change_delta on values already read.
//
// Settings (environment): the above, RAPPORT_BENCH_DIR (the SQLite file's
// folder, default /tmp), RAPPORT_BENCH_TABLE (file for the Markdown table).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <soci/soci.h>

#include "app/demo/demo_data.h"
#include "app/sales/change_order_desk.h"
#include "app/today.h"
#include "store/migrations.h"
#include "store/users/user_repository.h"

namespace rapport::bench {
namespace {

using Steady = std::chrono::steady_clock;

std::string bench_env(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

[[noreturn]] void bench_die(const std::string& what) {
  std::cerr << "changes_bench: " << what << "\n";
  std::exit(1);
}

double bench_ms_since(Steady::time_point t) {
  return std::chrono::duration<double, std::milli>(Steady::now() - t).count();
}

double bench_percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

struct Setup {
  std::int64_t customer = 0;
  std::vector<domain::Asset> assets;
  std::vector<std::int64_t> products;  // trackable, priced
};

// The customer's assets (from one fulfilled order) and 5 open orders.
Setup make_customer(store::Database& db, int asset_count) {
  Setup s;
  const Instant now = SystemClock{}.now();
  const store::Actor who{std::nullopt, "bench"};
  auto ok = db.write([&](store::Tx& tx) -> Result<int> {
    // A customer the demo gave no order nor asset.
    tx.sql() << "SELECT MIN(c.id) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM sales_orders o "
                "WHERE o.customer_id = c.id) AND NOT EXISTS (SELECT 1 FROM assets a WHERE "
                "a.customer_id = c.id)",
        soci::into(s.customer);
    soci::rowset<long long> rs =
        tx.sql().prepare << "SELECT p.id FROM products p JOIN product_prices pp ON pp.product_id "
                            "= p.id JOIN price_lists l ON l.id = pp.price_list_id AND "
                            "l.is_default = 1 WHERE p.trackable = 1 ORDER BY p.id LIMIT 10";
    for (auto id : rs) s.products.push_back(id);
    if (s.products.empty()) return Error::not_found();
    long long list = 0;
    tx.sql() << "SELECT id FROM price_lists WHERE is_default = 1", soci::into(list);
    domain::SalesOrder origin;
    origin.customer = s.customer;
    origin.price_list = Id<domain::PriceList>{list};
    origin.currency = "EUR";
    origin.status = domain::SalesOrderStatus::complete;
    for (int i = 0; i < asset_count; ++i) {
      domain::SalesOrderLine l;
      l.product = Id<domain::Product>{s.products[static_cast<std::size_t>(i) % s.products.size()]};
      l.product_code = "P";
      l.quantity = 1000;
      l.status = domain::LineStatus::complete;
      origin.lines.push_back(l);
    }
    origin = store::SalesOrderRepository::insert(tx, origin, who, now);
    std::vector<domain::Asset> assets;
    for (const auto& l : origin.lines) {
      domain::Asset a;
      a.product = l.product;
      a.customer = s.customer;
      a.quantity = l.quantity;
      a.installed_on = CivilDate{date::year{2026}, date::month{1}, date::day{5}};
      a.origin_line = l.id;
      assets.push_back(a);
    }
    s.assets = store::AssetRepository::insert_many(tx, assets, now);
    for (int o = 0; o < 5; ++o) {
      domain::SalesOrder open = origin;
      open.status = domain::SalesOrderStatus::open;
      open.lines.clear();
      for (int i = 0; i < 20; ++i) {
        domain::SalesOrderLine l;
        const auto& a = s.assets[static_cast<std::size_t>((o * 20 + i) * 7) % s.assets.size()];
        l.product = a.product;
        l.product_code = "P";
        l.status = domain::LineStatus::open;
        l.quantity = 1000 * (1 + i % 4);
        if (i % 2 == 0) {
          l.action = domain::LineAction::update;
          l.target_asset = a.id.value;
          if (i % 8 == 0) l.target_status = domain::AssetStatus::suspended;
        }
        open.lines.push_back(l);
      }
      store::SalesOrderRepository::insert(tx, open, who, now);
    }
    return 0;
  });
  if (!ok) bench_die("the customer's assets and orders could not be made");
  return s;
}

std::vector<domain::RequestedChange> ten_changes(const Setup& s) {
  std::vector<domain::RequestedChange> out;
  for (int i = 0; i < 9; ++i) {
    domain::RequestedChange c;
    const auto& a = s.assets[static_cast<std::size_t>(i * 13 + 3) % s.assets.size()];
    c.asset = a.id.value;
    switch (i % 3) {
      case 0:
        c.change = domain::AssetChange::modify;
        c.quantity = 5000;
        c.features = std::vector<domain::ProductFeature>{{"Speed", "1 Gb/s"}};
        break;
      case 1:
        c.change = domain::AssetChange::disconnect;
        break;
      default:
        c.change = domain::AssetChange::suspend;
    }
    out.push_back(c);
  }
  domain::RequestedChange add;
  add.change = domain::AssetChange::add;
  add.product = Id<domain::Product>{s.products.front()};
  add.quantity = 1000;
  out.push_back(add);
  return out;
}

struct BenchRow {
  std::string what;
  std::vector<double> ms;
};

}  // namespace
}  // namespace rapport::bench

int main() {
  using namespace rapport;
  using namespace rapport::bench;
  const long long customers = std::stoll(bench_env("RAPPORT_BENCH_CUSTOMERS", "1000"));
  const int asset_count = std::stoi(bench_env("RAPPORT_BENCH_ASSETS", "200"));
  const int queries = std::stoi(bench_env("RAPPORT_BENCH_QUERIES", "2000"));
  const std::string dir = bench_env("RAPPORT_BENCH_DIR", "/tmp");
  const std::string file = dir + "/changes-bench.db";
  std::filesystem::remove(file);
  auto opened = store::Database::open("sqlite:" + file, 2);
  if (!opened) bench_die("cannot open " + file);
  auto& db = **opened;
  if (auto m = store::migrate(db); !m) bench_die("migration failed: " + m.error().detail);
  app::DemoOptions options;
  options.customers = customers;
  options.campaigns = false;
  SystemClock clock;
  if (auto r = app::load_demo_data(db, clock, options); !r)
    bench_die("demo failed: " + r.error().key);
  const Setup s = make_customer(db, asset_count);
  auto csr = db.read([&](store::Tx& tx) -> Result<domain::User> {
    auto found = store::UserRepository::find_by_login(tx, "csr");
    if (!found) return Error::not_found();
    return found->user;
  });
  if (!csr) bench_die("no csr");
  const auto changes = ten_changes(s);
  app::ChangeOrderDesk desk(db, clock);
  app::ChangeOrderRequest request{s.customer, changes, {}, ""};

  // The values the pure delta works on, read once.
  std::vector<domain::Asset> assets;
  std::vector<domain::SalesOrder> orders;
  (void)db.read([&](store::Tx& tx) -> Result<int> {
    assets = store::AssetRepository::all_of_customer(tx, s.customer);
    orders = store::SalesOrderRepository::unfulfilled_of_customer(tx, s.customer);
    return 0;
  });
  if (assets.size() != static_cast<std::size_t>(asset_count) || orders.size() != 5)
    bench_die("expected the assets and 5 open orders");

  BenchRow baseline{"baseline: read the customer's " + std::to_string(asset_count) + " assets", {}};
  BenchRow delta{"delta (app::change_delta_in): assets + 5 open orders + 10 changes", {}};
  BenchRow preview{"change order page's Compute (ChangeOrderDesk::preview, priced)", {}};
  BenchRow pure{"domain::change_delta alone (values in memory)", {}};
  std::size_t lines = 0;
  for (int i = 0; i < queries; ++i) {
    auto t = Steady::now();
    auto read = db.read([&](store::Tx& tx) -> Result<std::size_t> {
      return store::AssetRepository::all_of_customer(tx, s.customer).size();
    });
    baseline.ms.push_back(bench_ms_since(t));
    if (!read) bench_die("read failed");
    t = Steady::now();
    auto d = db.read([&](store::Tx& tx) -> Result<std::vector<domain::DeltaLine>> {
      return app::change_delta_in(tx, s.customer, changes);
    });
    delta.ms.push_back(bench_ms_since(t));
    if (!d) bench_die("delta refused: " + d.error().key + " " + d.error().field);
    lines = d->size();
    t = Steady::now();
    auto p = desk.preview(*csr, request);
    preview.ms.push_back(bench_ms_since(t));
    if (!p) bench_die("preview refused: " + p.error().key + " " + p.error().field);
    t = Steady::now();
    auto computed = domain::change_delta(assets, orders, changes);
    pure.ms.push_back(bench_ms_since(t));
    if (!computed.errors.empty()) bench_die("pure delta refused");
  }
  std::ostringstream table;
  table << std::fixed << std::setprecision(3);
  table << "| what (SQLite, " << asset_count << " assets, 5 open orders × 20 lines, " << lines
        << " delta lines) | runs | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |\n";
  for (const auto* row : {&baseline, &delta, &preview, &pure})
    table << "| " << row->what << " | " << row->ms.size() << " | " << bench_percentile(row->ms, 0.5)
          << " | " << bench_percentile(row->ms, 0.99) << " |\n";
  const double p99 = bench_percentile(delta.ms, 0.99);
  table << "\nGoal: the delta's p99 < 10 ms: " << (p99 < 10 ? "met" : "NOT met") << " ("
        << std::setprecision(1) << p99 / std::max(bench_percentile(baseline.ms, 0.99), 1e-9)
        << " × the baseline's p99).\n";
  std::cout << table.str();
  if (auto out = bench_env("RAPPORT_BENCH_TABLE"); !out.empty()) std::ofstream(out) << table.str();
  std::filesystem::remove(file);
  return p99 < 10 ? 0 : 2;
}
