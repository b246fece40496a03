// bench/sales/sales_bench.cpp: the catalog and sales orders at scale (issue
// 14, "Speed"), on SQLite and on PostgreSQL.
//
// For each database: a new database gets RAPPORT_BENCH_CUSTOMERS demo
// customers (default 1,000,000) and the demo catalog with
// RAPPORT_BENCH_PRODUCTS generated products (default 10,000), as `rapport
// demo --customers N --products P` makes them (the load is timed). Then, on
// the same connections, through the app calls the pages and the API make:
//
//   - product search: RAPPORT_BENCH_QUERIES searches (default 1,000)
//     through CatalogDesk::search as the order line's product field makes
//     them (orderable today, first page of 50): two words of a generated
//     product's name ("router premium"), or the start of a code
//     ("GEN-0042"); baseline: the same number of primary-key reads
//     (ProductRepository::find);
//   - an order of 50 lines: RAPPORT_BENCH_ORDERS orders (default 100), each
//     created for a random customer and given 50 lines by
//     SalesOrderDesk::add_line; timed per order: opening it
//     (SalesOrderDesk::view, as its page does), adding a 51st line, then
//     submitting it;
//   - fulfilment: RAPPORT_BENCH_LINES open order lines (default 100,000;
//     orders of 50 lines of trackable products: each line becomes an
//     asset) written in bulk, then completed by the fulfilment batch job
//     (JobRunner, kind "fulfilment_batch", the whole queue: 500 lines a
//     transaction, each line's asset made, orders saved, everything
//     audited), timed from start to the job's end; baseline: the very asset
//     rows the job wrote (read back, deleted), inserted again by one
//     prepared INSERT per row, one transaction per 500 lines' worth — the
//     least work that puts these rows into this table with its indexes.
//     Twice: with no webhook endpoint (no event is written), then with one
//     subscribed to every event (an event per line and per asset, and their
//     deliveries, written with the change).
//
// Settings (environment): the above, RAPPORT_BENCH_DIR (the SQLite file's
// folder, default /tmp), RAPPORT_BENCH_PG_URL (a PostgreSQL admin URL: a
// database is created there and dropped after; unset: SQLite only),
// RAPPORT_BENCH_TABLE (file for the Markdown table).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "app/access.h"
#include "app/catalog/catalog_desk.h"
#include "app/demo/demo_data.h"
#include "app/demo/demo_sales.h"
#include "app/demo/demo_sales_catalogue.h"
#include "app/events/webhook_desk.h"
#include "app/jobs/job_kinds.h"
#include "app/sales/fulfilment_batch.h"
#include "app/sales/sales_order_desk.h"
#include "app/today.h"
#include "store/catalog/product_repository.h"
#include "store/migrations.h"
#include "store/row_values.h"
#include "store/sales/sales_order_repository.h"
#include "store/users/user_repository.h"

namespace rapport::bench {
namespace {

using Steady = std::chrono::steady_clock;

std::string env(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "sales_bench: " << what << "\n";
  std::exit(1);
}

double ms_since(Steady::time_point t) {
  return std::chrono::duration<double, std::milli>(Steady::now() - t).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

struct Row {
  std::string what;
  std::size_t samples = 0;
  double p50 = 0, p99 = 0;
  std::string goal, extra;
};

struct Target {
  std::string name, url, admin_url, database;
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  double load_seconds = 0;
  std::vector<Row> rows;
  std::vector<struct FulfilmentRun> fulfilment;
};

// One run of the fulfilment job and its baseline.
struct FulfilmentRun {
  std::string webhooks;  // what was subscribed
  double job_seconds = 0, baseline_seconds = 0;
  long long lines = 0, assets = 0;
};

void run_admin(const std::string& admin_url, const std::string& sql) {
  auto admin = store::parse_database_url(admin_url);
  if (!admin) die("bad RAPPORT_BENCH_PG_URL: " + admin_url);
  soci::session s(soci::postgresql, admin->connect);
  s << sql;
}

domain::User user(store::Database& db, const std::string& login) {
  auto u = db.read([&](store::Tx& tx) -> Result<domain::User> {
    auto found = store::UserRepository::find_by_login(tx, login);
    if (!found) return Error::not_found();
    return found->user;
  });
  if (!u) die("no user " + login);
  return *u;
}

long long scalar(store::Database& db, const std::string& sql) {
  long long n = 0;
  auto ok = db.read([&](store::Tx& tx) -> Result<int> {
    tx.sql() << sql, soci::into(n);
    return 0;
  });
  if (!ok) die(sql);
  return n;
}

Row timed_row(std::string what, const std::vector<double>& ms, std::string goal,
              std::string extra = {}) {
  return {std::move(what),      ms.size(),       percentile(ms, 0.5),
          percentile(ms, 0.99), std::move(goal), std::move(extra)};
}

void load(Target& t, long long customers, long long products) {
  auto db = store::Database::open(t.url, 4);
  if (!db) die("cannot open " + t.url + ": " + db.error().detail);
  t.db = std::move(*db);
  if (auto m = store::migrate(*t.db); !m) die("migration failed: " + m.error().detail);
  app::DemoOptions options;
  options.customers = customers;
  options.products = products;
  options.campaigns = false;
  const auto started = Steady::now();
  auto report = app::load_demo_data(*t.db, t.clock, options);
  if (!report) die("demo failed: " + report.error().key + " " + report.error().detail);
  t.load_seconds = ms_since(started) / 1000;
  std::cerr << "sales_bench: " << t.name << ": loaded in " << t.load_seconds << " s\n";
}

void search(Target& t, int queries, long long products, std::mt19937_64& rng) {
  const auto csr = user(*t.db, "csr");
  app::CatalogDesk catalog(*t.db, t.clock);
  const CivilDate today = app::business_today(t.clock, *t.db);
  std::vector<double> by_name, by_code, by_id;
  std::vector<std::int64_t> ids;
  auto ok = t.db->read([&](store::Tx& tx) -> Result<int> {
    soci::rowset<long long> rs = tx.sql().prepare << "SELECT id FROM products";
    for (auto id : rs) ids.push_back(id);
    return 0;
  });
  if (!ok || ids.empty()) die("no products");
  double results = 0;
  for (int i = 0; i < queries; ++i) {
    const long long index = static_cast<long long>(rng() % static_cast<std::uint64_t>(products));
    auto p = app::generated_demo_product(index, today).product;
    std::istringstream words(p.name_en);
    std::string kind, grade, third;
    words >> kind >> grade >> third;
    if (third.find_first_of("0123456789") == std::string::npos) grade = third;  // "Fibre box pro"
    store::ProductFilter f;
    f.orderable_only = true;
    f.text = i % 2 ? p.code.substr(0, 8) : kind + " " + grade;
    auto started = Steady::now();
    auto found = catalog.search(csr, f);
    (i % 2 ? by_code : by_name).push_back(ms_since(started));
    if (!found) die("search failed: " + found.error().key);
    results += static_cast<double>(found->size());
    started = Steady::now();
    auto one = catalog.product(csr, Id<domain::Product>{ids[rng() % ids.size()]});
    by_id.push_back(ms_since(started));
    if (!one) die("product failed");
  }
  std::ostringstream mean;
  mean << std::fixed << std::setprecision(1) << results / queries << " results on average";
  t.rows.push_back(timed_row("product by primary key (baseline)", by_id, ""));
  t.rows.push_back(
      timed_row("product search, two words of a name", by_name, "p99 < 20 ms", mean.str()));
  t.rows.push_back(timed_row("product search, start of a code", by_code, "p99 < 20 ms"));
}

void orders(Target& t, int count, long long products, std::mt19937_64& rng) {
  const auto csr = user(*t.db, "csr");
  app::SalesOrderDesk desk(*t.db, t.clock);
  const CivilDate today = app::business_today(t.clock, *t.db);
  const long long customers = scalar(*t.db, "SELECT MAX(id) FROM customers");
  std::vector<double> add, open, add_51st, submit;
  for (int n = 0; n < count; ++n) {
    app::SalesOrderHeader h;
    h.customer = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(customers));
    h.requested_delivery = CivilDate{date::sys_days(today) + date::days{7}};
    auto o = desk.create(csr, h);
    if (!o) die("create failed: " + o.error().key + " for customer " + std::to_string(h.customer));
    auto add_line = [&] {
      const long long index = static_cast<long long>(rng() % static_cast<std::uint64_t>(products));
      auto code = app::generated_demo_product(index, today).product.code;
      const auto started = Steady::now();
      auto added = desk.add_line(csr, o->id, o->version, {std::nullopt, code, 1000, 0});
      const double ms = ms_since(started);
      if (!added) die("add_line failed: " + added.error().key);
      *o = std::move(*added);
      return ms;
    };
    for (int i = 0; i < 50; ++i) add.push_back(add_line());
    auto started = Steady::now();
    auto view = desk.view(csr, o->id);
    open.push_back(ms_since(started));
    if (!view || view->order.lines.size() != 50) die("view failed");
    add_51st.push_back(add_line());
    started = Steady::now();
    auto submitted = desk.submit(csr, o->id, o->version);
    submit.push_back(ms_since(started));
    if (!submitted) die("submit failed: " + submitted.error().key);
  }
  t.rows.push_back(timed_row("add a line (1st to 50th)", add, "p99 < 50 ms"));
  t.rows.push_back(timed_row("open an order of 50 lines (view)", open, "p99 < 50 ms"));
  t.rows.push_back(timed_row("add a 51st line", add_51st, "p99 < 50 ms"));
  t.rows.push_back(timed_row("submit an order of 51 lines", submit, "< 100 ms"));
}

// `lines` open lines in orders of 50, written in bulk as submitted orders.
void open_lines(Target& t, long long lines) {
  const CivilDate today = app::business_today(t.clock, *t.db);
  const long long customers = scalar(*t.db, "SELECT MAX(id) FROM customers");
  const long long list = scalar(*t.db, "SELECT id FROM price_lists WHERE is_default = 1");
  std::vector<domain::Product> catalog;
  auto ok = t.db->read([&](store::Tx& tx) -> Result<int> {
    soci::rowset<soci::row> rs =
        tx.sql().prepare
        << "SELECT id, code, vat_rate FROM products WHERE code LIKE 'GEN-%' AND trackable = 1";
    for (const auto& r : rs) {
      domain::Product p;
      p.id = Id<domain::Product>{store::int64_at(r, 0)};
      p.code = store::text_at(r, 1);
      p.vat_rate = store::int_at(r, 2);
      catalog.push_back(std::move(p));
    }
    return 0;
  });
  if (!ok || catalog.empty()) die("no generated products");
  const auto who = app::system_actor("bench");
  std::mt19937_64 rng(42);
  for (long long done = 0; done < lines;) {
    auto written = t.db->write([&](store::Tx& tx) -> Result<long long> {
      long long n = 0;
      for (int k = 0; k < 100 && done + n < lines; ++k) {
        domain::SalesOrder o;
        o.customer = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(customers));
        o.status = domain::SalesOrderStatus::open;
        o.requested_delivery = CivilDate{date::sys_days(today) + date::days{7}};
        o.ship_to = {"1 rue de la Paix", "", "75002", "Paris", "", "FR"};
        o.price_list = Id<domain::PriceList>{list};
        o.currency = "EUR";
        o.submitted_at = t.clock.now();
        for (int i = 0; i < 50 && done + n < lines; ++i, ++n) {
          const auto& p = catalog[rng() % catalog.size()];
          domain::SalesOrderLine l;
          l.product = p.id;
          l.product_code = p.code;
          l.quantity = 1000;
          l.unit_price = 1000;
          l.vat_rate = p.vat_rate;
          l.status = domain::LineStatus::open;
          o.lines.push_back(std::move(l));
        }
        store::SalesOrderRepository::insert(tx, std::move(o), who, t.clock.now());
      }
      return n;
    });
    if (!written) die("open lines: " + written.error().key + " " + written.error().detail);
    done += *written;
  }
}

struct AssetRow {
  std::string number;
  long long product = 0, customer = 0, quantity = 0, line = 0;
  std::string l1, l2, pc, city, region, country, status, installed, created;
};

void fulfilment(Target& target, long long lines, bool with_endpoint) {
  FulfilmentRun& t = target.fulfilment.emplace_back();
  t.webhooks = with_endpoint ? "one endpoint, every event" : "none";
  if (with_endpoint) {
    app::WebhookDesk desk(*target.db, target.clock);
    app::EndpointInput hook{"https://billing.example.com/rapport", "bench", {}, "", true};
    for (auto type : domain::all_event_types()) hook.events.push_back(domain::event_name(type));
    if (!desk.create(user(*target.db, "admin"), hook)) die("webhook endpoint");
  }
  const auto prepared = Steady::now();
  open_lines(target, lines);
  t.lines = scalar(*target.db, "SELECT COUNT(*) FROM sales_order_lines WHERE status = 'open'");
  std::cerr << "sales_bench: " << target.name << ": " << t.lines << " open lines written in "
            << ms_since(prepared) / 1000 << " s\n";
  const long long assets_before = scalar(*target.db, "SELECT COUNT(*) FROM assets");
  const long long max_before = scalar(*target.db, "SELECT COALESCE(MAX(id), 0) FROM assets");
  app::JobRunner runner(*target.db, target.clock);
  app::define_jobs(runner, *target.db, target.clock);
  const auto fulfiller = user(*target.db, "fulfilment");
  app::FulfilmentBatchRequest request;
  request.whole_queue = true;
  auto started = Steady::now();
  auto job = runner.start(fulfiller, "fulfilment_batch", app::to_json(request), "");
  if (!job) die("job: " + job.error().key);
  for (;;) {
    auto got = runner.get(fulfiller, *job);
    if (!got) die("job get");
    if (domain::is_final(got->status)) {
      if (got->status != domain::JobStatus::done) die("job ended " + got->message_key);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  t.job_seconds = ms_since(started) / 1000;
  t.assets = scalar(*target.db, "SELECT COUNT(*) FROM assets") - assets_before;
  std::cerr << "sales_bench: " << target.name << ": job " << t.job_seconds << " s, " << t.assets
            << " assets\n";

  // The job's rows, read back, deleted, inserted again plainly.
  std::vector<AssetRow> rows;
  auto read = target.db->read([&](store::Tx& tx) -> Result<int> {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << "SELECT number, product_id, customer_id, quantity, origin_line_id, "
                             "address_line1, address_line2, address_postal_code, address_city, "
                             "address_region, address_country, status, installed_on, created_at "
                             "FROM assets WHERE id > :m ORDER BY id",
         soci::use(max_before));
    for (const auto& r : rs)
      rows.push_back({store::text_at(r, 0), store::int64_at(r, 1), store::int64_at(r, 2),
                      store::int64_at(r, 3), store::int64_at(r, 4), store::text_at(r, 5),
                      store::text_at(r, 6), store::text_at(r, 7), store::text_at(r, 8),
                      store::text_at(r, 9), store::text_at(r, 10), store::text_at(r, 11),
                      store::text_at(r, 12), store::text_at(r, 13)});
    return 0;
  });
  if (!read) die("read back");
  auto deleted = target.db->write([&](store::Tx& tx) -> Result<int> {
    tx.sql() << "UPDATE sales_order_lines SET asset_id = NULL WHERE asset_id > :m",
        soci::use(max_before);
    tx.sql() << "DELETE FROM assets WHERE id > :m", soci::use(max_before);
    return 0;
  });
  if (!deleted) die("delete");
  // Chunks holding as many asset rows as the job's chunks of 500 lines did.
  const std::size_t per_chunk = static_cast<std::size_t>(
      std::max<long long>(1, 500 * static_cast<long long>(rows.size()) / std::max(t.lines, 1LL)));
  started = Steady::now();
  for (std::size_t from = 0; from < rows.size(); from += per_chunk) {
    auto ok = target.db->write([&](store::Tx& tx) -> Result<int> {
      AssetRow a;
      soci::statement st =
          (tx.sql().prepare << "INSERT INTO assets (number, product_id, customer_id, "
                               "address_line1, address_line2, address_postal_code, "
                               "address_city, address_region, address_country, quantity, status, "
                               "installed_on, origin_line_id, version, created_at, updated_at) "
                               "VALUES (:n, :p, :c, :l1, :l2, :pc, :city, :r, :co, :q, :s, :i, "
                               ":o, 1, :at, :up)",
           soci::use(a.number), soci::use(a.product), soci::use(a.customer), soci::use(a.l1),
           soci::use(a.l2), soci::use(a.pc), soci::use(a.city), soci::use(a.region),
           soci::use(a.country), soci::use(a.quantity), soci::use(a.status), soci::use(a.installed),
           soci::use(a.line), soci::use(a.created), soci::use(a.created));
      for (std::size_t i = from; i < std::min(rows.size(), from + per_chunk); ++i) {
        a = rows[i];
        st.execute(true);
      }
      return 0;
    });
    if (!ok) die("baseline insert: " + ok.error().detail);
  }
  t.baseline_seconds = ms_since(started) / 1000;
  std::cerr << "sales_bench: " << target.name << ": plain inserts " << t.baseline_seconds << " s\n";
}

std::string fixed(double v, int decimals) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(decimals) << v;
  return o.str();
}

std::string table(const std::deque<Target>& targets, long long customers, long long products) {
  std::ostringstream md;
  md << "Customers: " << customers << "; generated products: " << products
     << " (plus the demo catalog's 40).\n\n";
  md << "| Database | Load | Measure | Samples | p50 | p99 | Goal | Note |\n"
        "|---|---:|---|---:|---:|---:|---|---|\n";
  for (const auto& t : targets)
    for (const auto& r : t.rows)
      md << "| " << t.name << " | " << fixed(t.load_seconds, 0) << " s | " << r.what << " | "
         << r.samples << " | " << fixed(r.p50, 2) << " ms | " << fixed(r.p99, 2) << " ms | "
         << r.goal << " | " << r.extra << " |\n";
  md << "\n| Database | Webhooks | Open lines | Assets made | Fulfilment job | Plain INSERTs of "
        "the same asset rows | Job ÷ inserts (rows/s) |\n|---|---|---:|---:|---:|---:|---:|\n";
  for (const auto& target : targets)
    for (const auto& t : target.fulfilment)
      md << "| " << target.name << " | " << t.webhooks << " | " << t.lines << " | " << t.assets
         << " | " << fixed(t.job_seconds, 2) << " s ("
         << fixed(static_cast<double>(t.lines) / t.job_seconds, 0) << " lines/s) | "
         << fixed(t.baseline_seconds, 2) << " s ("
         << fixed(static_cast<double>(t.assets) / t.baseline_seconds, 0) << " rows/s) | "
         << fixed(t.baseline_seconds / t.job_seconds, 2)
         << (t.webhooks == "none" ? " (goal ≥ 0.5)" : "") << " |\n";
  return md.str();
}

}  // namespace
}  // namespace rapport::bench

int main() {
  using namespace rapport::bench;
  const long long customers = std::stoll(env("RAPPORT_BENCH_CUSTOMERS", "1000000"));
  const long long products = std::stoll(env("RAPPORT_BENCH_PRODUCTS", "10000"));
  const int queries = std::stoi(env("RAPPORT_BENCH_QUERIES", "1000"));
  const int order_count = std::stoi(env("RAPPORT_BENCH_ORDERS", "100"));
  const long long lines = std::stoll(env("RAPPORT_BENCH_LINES", "100000"));
  if (customers < 100 || customers > rapport::app::kMaxDemoCustomers)
    die("RAPPORT_BENCH_CUSTOMERS is between 100 and 1000000");
  if (products < 1 || products > rapport::app::kMaxDemoProducts)
    die("RAPPORT_BENCH_PRODUCTS is between 1 and 100000");
  const std::string suffix = std::to_string(std::random_device{}() % 1'000'000);
  const auto dir =
      std::filesystem::path(env("RAPPORT_BENCH_DIR", "/tmp")) / ("rapport-sales-bench-" + suffix);
  std::filesystem::create_directories(dir);
  std::deque<Target> targets;
  targets.emplace_back();
  targets.back().name = "SQLite";
  targets.back().url = "sqlite:" + (dir / "bench.db").string();
  if (auto pg = env("RAPPORT_BENCH_PG_URL"); !pg.empty()) {
    Target& t = targets.emplace_back();
    t.name = "PostgreSQL";
    t.database = "rapport_sales_" + suffix;
    t.url = pg.substr(0, pg.rfind('/') + 1) + t.database;
    t.admin_url = pg;
    run_admin(pg, "CREATE DATABASE " + t.database);
  }
  for (auto& t : targets) {
    std::mt19937_64 rng(2026);
    load(t, customers, products);
    search(t, queries, products, rng);
    orders(t, order_count, products, rng);
    fulfilment(t, lines, false);
    fulfilment(t, lines, true);
    t.db.reset();
    if (!t.database.empty())
      run_admin(t.admin_url, "DROP DATABASE " + t.database + " WITH (FORCE)");
  }
  std::filesystem::remove_all(dir);
  const std::string md = table(targets, customers, products);
  std::cout << "\n" << md;
  if (auto path = env("RAPPORT_BENCH_TABLE"); !path.empty()) std::ofstream(path) << md;
  return 0;
}
