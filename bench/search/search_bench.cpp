// bench/search/search_bench.cpp: Control Central's search at a million demo
// customers, on SQLite and on PostgreSQL.
//
// For each database: load RAPPORT_BENCH_CUSTOMERS demo customers (default
// 1,000,000) into a new database, timed; then, on fresh connections,
// measure through CustomerDesk::search a name typed without accents and
// shortened ("helene dup"), a phone number in the national format ("06 12
// 34 56 78") and a postal code ("69002", "M5V 3L9"), and the 360° view of a
// customer (CustomerDesk::view), against the baseline
// of a primary-key lookup (CustomerRepository::find) in the same run. Each
// query is different, drawn (seeded) from the generated customers, so that
// no cache answers twice; p50 and p99 come from per-query timings.
//
// Settings (environment): RAPPORT_BENCH_CUSTOMERS, RAPPORT_BENCH_QUERIES
// (queries per kind, default 2000), RAPPORT_BENCH_DIR (where the SQLite
// file goes, default /tmp), RAPPORT_BENCH_PG_URL (a PostgreSQL admin URL;
// a database is created there and dropped after; without it PostgreSQL is
// skipped), RAPPORT_BENCH_TABLE (file to write the Markdown table to).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include <benchmark/benchmark.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "app/customers/customer_desk.h"
#include "app/demo/demo_customers.h"
#include "domain/customers/phone.h"
#include "domain/customers/search_text.h"
#include "store/customers/customer_repository.h"
#include "store/migrations.h"

namespace rapport::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::string env(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "search_bench: " << what << "\n";
  std::exit(1);
}

// What the CSR types, per kind of query.
struct Queries {
  std::vector<std::int64_t> ids;     // primary keys
  std::vector<std::string> names;    // "helene dup"
  std::vector<std::string> phones;   // "06 12 34 56 78"
  std::vector<std::string> postals;  // "69002", "M5V 3L9", "SW1A 1AA"
};

// "helene dup": the first name as typed without accents, then the start of
// the family name; for a company, its first word and the start of the next.
std::string typed_name(const domain::Customer& c) {
  auto words = domain::search_words(c.kind == domain::CustomerKind::company
                                        ? c.company_name
                                        : c.given_name + " " + c.family_name);
  if (words.size() < 2) return words.empty() ? "x" : words[0];
  return words[0] + " " + words[1].substr(0, 3);
}

// Drawn from the customers the load made (the generator is deterministic).
// Phones: French customers' numbers in the national format, as a CSR of a
// French installation (the default country) types them.
Queries draw_queries(long long customers, int count, std::uint64_t seed) {
  app::DemoCustomerGenerator generator(app::kDemoSeed, CivilDate{date::year{2026} / 1 / 1});
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<long long> pick(0, customers - 1);
  Queries q;
  while (static_cast<int>(q.phones.size()) < count || static_cast<int>(q.names.size()) < count) {
    auto b = generator.make(pick(rng));
    const auto& c = b.customer;
    if (static_cast<int>(q.names.size()) < count) {
      q.names.push_back(typed_name(c));
      q.postals.push_back(c.address.postal_code);
      q.ids.push_back(pick(rng) + 1);
    }
    if (static_cast<int>(q.phones.size()) < count && c.address.country == "FR" && !c.phones.empty())
      q.phones.push_back(domain::format_phone_national(c.phones[0].e164));
  }
  return q;
}

struct Figures {
  double p50_ms = 0, p99_ms = 0, mean_ms = 0, hits = 0;
  long long queries = 0;
};

Figures summarize(std::vector<double> ms, long long hits) {
  Figures f;
  if (ms.empty()) return f;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(ms.size()))) - 1;
    return ms[std::min(i, ms.size() - 1)];
  };
  f.p50_ms = at(0.50);
  f.p99_ms = at(0.99);
  double sum = 0;
  for (double m : ms) sum += m;
  f.mean_ms = sum / static_cast<double>(ms.size());
  f.queries = static_cast<long long>(ms.size());
  f.hits = static_cast<double>(hits) / static_cast<double>(ms.size());
  return f;
}

// One database under test: created, loaded, measured, dropped.
struct Target {
  std::string name;  // "SQLite", "PostgreSQL"
  std::string url;
  std::string admin_url, database;  // PostgreSQL: to drop it afterwards
  double load_seconds = 0;
  std::map<std::string, Figures> figures;  // by query kind
  std::string size;
  // While measuring: fresh connections, nothing cached by the load.
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  std::unique_ptr<app::CustomerDesk> desk;
};

void run_admin(const std::string& admin_url, const std::string& sql) {
  auto admin = store::parse_database_url(admin_url);
  if (!admin) die("bad RAPPORT_BENCH_PG_URL: " + admin_url);
  soci::session s(soci::postgresql, admin->connect);
  s << sql;
}

std::unique_ptr<store::Database> open(const std::string& url) {
  auto db = store::Database::open(url, 2);
  if (!db) die("cannot open " + url + ": " + db.error().detail);
  return std::move(*db);
}

void load(Target& t, long long customers) {
  auto db = open(t.url);
  if (auto m = store::migrate(*db); !m) die("migration failed: " + m.error().detail);
  SystemClock clock;
  app::DemoCustomerOptions options;
  options.customers = customers;
  const auto started = Clock::now();
  options.progress = [&](long long added, long long) {
    if (added % 100'000 == 0)
      std::cerr << "search_bench: " << t.name << ": " << added << " customers ("
                << std::chrono::duration<double>(Clock::now() - started).count() << " s)\n";
  };
  auto added = app::add_demo_customers(*db, clock, options, {});
  if (!added) die("load failed: " + added.error().key + " " + added.error().detail);
  t.load_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::cerr << "search_bench: " << t.name << ": " << *added << " customers loaded in "
            << t.load_seconds << " s\n";
}

std::string database_size(Target& t, store::Database& db) {
  auto size = db.read([&](store::Tx& tx) -> Result<long long> {
    long long bytes = 0;
    if (tx.dialect() == store::Dialect::sqlite)
      tx.sql() << "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
          soci::into(bytes);
    else
      tx.sql() << "SELECT pg_database_size(current_database())", soci::into(bytes);
    return bytes;
  });
  (void)t;
  if (!size) return "?";
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << static_cast<double>(*size) / 1e9 << " GB";
  return out.str();
}

// Registers one benchmark per kind; each iteration is one query, timed by
// hand so that percentiles can be taken.
void register_benchmarks(Target& t, const Queries& q) {
  t.db = open(t.url);
  t.size = database_size(t, *t.db);
  t.desk = std::make_unique<app::CustomerDesk>(*t.db, t.clock);
  domain::User csr;
  csr.id = Id<domain::User>{1};
  csr.display_name = "Bench";
  csr.roles = {domain::Role::csr};
  auto search = [&t, csr](const std::string& text) {
    domain::SearchInput in;
    in.text = text;
    auto found = t.desk->search(csr, in);
    if (!found) die("search failed for '" + text + "': " + found.error().key);
    return static_cast<long long>(found->results.size());
  };
  auto find = [&t](std::int64_t id) {
    auto c = t.db->read([&](store::Tx& tx) {
      return store::CustomerRepository::find(tx, Id<domain::Customer>{id});
    });
    if (!c) die("no customer " + std::to_string(id));
    return 1LL;
  };
  // The 360° view: everything Control Central shows about one customer.
  auto view = [&t, csr](std::int64_t id) {
    auto v = t.desk->view(csr, Id<domain::Customer>{id});
    if (!v) die("no view of customer " + std::to_string(id) + ": " + v.error().key);
    return 1LL;
  };
  auto add = [&t](const std::string& kind, long long count, auto run_one) {
    benchmark::RegisterBenchmark(
        (t.name + "/" + kind).c_str(),
        [&t, kind, count, run_one](benchmark::State& state) {
          // Warm-up, with queries the measured ones do not repeat.
          for (long long i = count; i < count + 20; ++i) run_one(i);
          std::vector<double> ms;
          long long hits = 0, i = 0;
          for (auto _ : state) {
            const auto start = Clock::now();
            hits += run_one(i++);
            const double s = std::chrono::duration<double>(Clock::now() - start).count();
            state.SetIterationTime(s);
            ms.push_back(s * 1e3);
          }
          auto f = summarize(std::move(ms), hits);
          t.figures[kind] = f;
          state.counters["p50_ms"] = f.p50_ms;
          state.counters["p99_ms"] = f.p99_ms;
          state.counters["results"] = f.hits;
        })
        ->Iterations(count)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  };
  // Each list holds 20 more queries than measured, for the warm-up.
  const long long n = static_cast<long long>(q.names.size()) - 20;
  add("primary_key", n, [&q, find](long long i) { return find(q.ids[i]); });
  add("name", n, [&q, search](long long i) { return search(q.names[i]); });
  add("phone", n, [&q, search](long long i) { return search(q.phones[i]); });
  add("postal_code", n, [&q, search](long long i) { return search(q.postals[i]); });
  add("view", n, [&q, view](long long i) { return view(q.ids[(i + 7) % q.ids.size()]); });
}

std::string ms(double v) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(v < 1 ? 3 : 2) << v << " ms";
  return out.str();
}

std::string table(const std::deque<Target>& targets, long long customers) {
  static const std::pair<const char*, const char*> kinds[] = {
      {"primary_key", "primary key (`CustomerRepository::find`)"},
      {"name", "name, no accents, prefix (\"helene dup\")"},
      {"phone", "phone, national format (\"06 12 34 56 78\")"},
      {"postal_code", "postal code (\"69002\", \"M5V 3L9\")"},
      {"view", "360° view (`CustomerDesk::view`)"}};
  std::ostringstream out;
  out << "| Database | Load of " << customers
      << " customers | Size | Query | Queries | Results (mean) | p50 | p99 | p99 ÷ primary key p99 "
         "|\n";
  out << "|---|---:|---:|---|---:|---:|---:|---:|---:|\n";
  for (const auto& t : targets) {
    const double base = t.figures.count("primary_key") ? t.figures.at("primary_key").p99_ms : 0;
    for (const auto& [kind, label] : kinds) {
      if (!t.figures.count(kind)) continue;
      const auto& f = t.figures.at(kind);
      std::ostringstream ratio;
      ratio << std::fixed << std::setprecision(1) << (base > 0 ? f.p99_ms / base : 0);
      out << "| " << t.name << " | " << std::fixed << std::setprecision(0) << t.load_seconds
          << " s | " << t.size << " | " << label << " | " << f.queries << " | "
          << std::setprecision(1) << f.hits << " | " << ms(f.p50_ms) << " | " << ms(f.p99_ms)
          << " | " << (std::string(kind) == "primary_key" ? "(baseline)" : ratio.str()) << " |\n";
    }
  }
  return out.str();
}

}  // namespace
}  // namespace rapport::bench

int main(int argc, char** argv) {
  using namespace rapport::bench;
  benchmark::Initialize(&argc, argv);
  const long long customers = std::stoll(env("RAPPORT_BENCH_CUSTOMERS", "1000000"));
  const int count = std::stoi(env("RAPPORT_BENCH_QUERIES", "2000"));
  if (customers < 2 || customers > rapport::app::kMaxDemoCustomers)
    die("RAPPORT_BENCH_CUSTOMERS is between 2 and 1000000");
  const std::string suffix = std::to_string(std::random_device{}() % 1'000'000);
  const auto dir =
      std::filesystem::path(env("RAPPORT_BENCH_DIR", "/tmp")) / ("rapport-search-bench-" + suffix);
  std::filesystem::create_directories(dir);
  std::deque<Target> targets;
  targets.emplace_back();
  targets.back().name = "SQLite";
  targets.back().url = "sqlite:" + (dir / "bench.db").string();
  if (auto pg = env("RAPPORT_BENCH_PG_URL"); !pg.empty()) {
    Target& t = targets.emplace_back();
    t.name = "PostgreSQL";
    t.database = "rapport_bench_" + suffix;
    t.url = pg.substr(0, pg.rfind('/') + 1) + t.database;
    t.admin_url = pg;
    run_admin(pg, "CREATE DATABASE " + t.database);
  } else {
    std::cerr << "search_bench: RAPPORT_BENCH_PG_URL is not set: PostgreSQL skipped\n";
  }
  // Both loaded first, then all benchmarks in one run (Google Benchmark
  // 1.7 does not survive a second RunSpecifiedBenchmarks).
  const auto queries = draw_queries(customers, count + 20, 42);
  for (auto& t : targets) load(t, customers);
  for (auto& t : targets) register_benchmarks(t, queries);
  benchmark::RunSpecifiedBenchmarks();
  for (auto& t : targets) {
    t.desk.reset();
    t.db.reset();
    if (!t.database.empty())
      run_admin(t.admin_url, "DROP DATABASE " + t.database + " WITH (FORCE)");
  }
  std::filesystem::remove_all(dir);
  const std::string md = table(targets, customers);
  std::cout << "\n" << md;
  if (auto path = env("RAPPORT_BENCH_TABLE"); !path.empty()) std::ofstream(path) << md;
  benchmark::Shutdown();
  return 0;
}
