// bench/supervision/supervision_bench.cpp: the supervisor's figures (issue
// 18, section 4) on a busy day: 100,000 entries due today and 1,000,000 in
// the 31-day period that ends today, on SQLite and on PostgreSQL.
//
// For each database: the demo data with RAPPORT_BENCH_CUSTOMERS customers
// (default 10,000) and ten more contact plans; then, by INSERT … SELECT
// (untimed), every plan × customer entry of today (10 × 10,000 = 100,000,
// the ones due before now worked: final, busy, no answer, call-backs — some
// personal — the later ones planned) and 30,000 entries on each of the 30
// days before (900,000, nearly all final), due between 08:00 and 18:00 UTC,
// and one status event per worked entry, a second for the entries that
// needed more than one attempt (about 1.1 million events), spread over the
// demo's CSRs. Then, timed, as the pages call them:
//
//   - live: app::DaySupervision::today (the /supervision page and its 5 s
//     refresh: the plans' table and the CSRs' table), RAPPORT_BENCH_LIVE
//     calls (default 200): p50, p99, max;
//   - period: app::PeriodSupervision::report over the 31 days (the
//     /supervision/period page, its CSV and the API),
//     RAPPORT_BENCH_PERIOD calls (default 10): p50, max.
//
// Settings (environment): RAPPORT_BENCH_CUSTOMERS, RAPPORT_BENCH_LIVE,
// RAPPORT_BENCH_PERIOD, RAPPORT_BENCH_DIR (where the SQLite file goes,
// default /tmp), RAPPORT_BENCH_PG_URL (a PostgreSQL admin URL: a database is
// created there and dropped after; without it PostgreSQL is skipped),
// RAPPORT_BENCH_KEEP=1 (keep the SQLite file and the PostgreSQL database,
// for EXPLAIN), RAPPORT_BENCH_TABLE (file to write the Markdown table to).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "app/contactplan/contact_planner.h"
#include "app/demo/demo_data.h"
#include "app/supervision/day_supervision.h"
#include "app/supervision/period_supervision.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/row_values.h"
#include "store/users/user_repository.h"

namespace rapport::bench {
namespace {

using Steady = std::chrono::steady_clock;

std::string env(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "supervision_bench: " << what << "\n";
  std::exit(1);
}

// Wednesday 17 March 2027, 14:00 UTC (15:00 in Paris): the day's lists half
// worked.
const Instant kNow = date::sys_days{date::year{2027} / 3 / 17} + std::chrono::hours{14};
constexpr int kPlans = 10;
constexpr int kPastDays = 30;
constexpr int kSlots = 10;  // due at 08:00 … 17:00 UTC

class BenchClock final : public Clock {
 public:
  Instant now() const override { return kNow; }
};

struct Target {
  std::string name, url, admin_url, database;
  std::unique_ptr<store::Database> db;
  std::vector<double> live_ms, period_ms;
  long long entries_today = 0, entries_period = 0, events = 0;
  double load_s = 0;
};

void run_admin(const std::string& admin_url, const std::string& sql) {
  auto admin = store::parse_database_url(admin_url);
  if (!admin) die("bad RAPPORT_BENCH_PG_URL: " + admin_url);
  soci::session s(soci::postgresql, admin->connect);
  s << sql;
}

std::string q(const std::string& s) { return "'" + s + "'"; }

// The entries of one day and slot: plans × customers [c_lo, c_hi).
std::string insert_slot(long long plan0, long long customer0, long long c_lo, long long c_hi,
                        CivilDate day, Instant due, bool worked,
                        const std::vector<long long>& csrs) {
  const std::string n_lo = std::to_string(c_lo * kPlans), n_hi = std::to_string(c_hi * kPlans - 1);
  const std::string at = q(format_instant(due)),
                    ends = q(format_instant(due + std::chrono::hours{3}));
  // Worked: 55 % completed, 10 % no order, 10 % cancelled, 10 % busy, 5 %
  // no answer, 5 % call back, 5 % still planned; otherwise all planned.
  const std::string status =
      worked ? "CASE WHEN n % 20 < 11 THEN 90 WHEN n % 20 < 13 THEN 92 WHEN n % 20 < 15 THEN 93 "
               "WHEN n % 20 < 17 THEN 20 WHEN n % 20 = 17 THEN 11 WHEN n % 20 = 18 THEN 21 ELSE "
               "10 END"
             : "10";
  const std::string attempt = worked ? "CASE WHEN n % 20 < 15 THEN 1 + (n / 20) % 3 WHEN n % 20 "
                                       "< 19 THEN 2 ELSE 1 END"
                                     : "1";
  const std::string responsible =
      "CASE WHEN n % 20 = 18 AND n % 3 = 0 THEN " + std::to_string(csrs.front()) + " END";
  return "INSERT INTO plan_entries (plan_id, customer_id, contact_date, planned_at, "
         "next_contact_at, window_ends_at, phone_e164, status, attempt, responsible_user, "
         "result_note, version, changed_at) WITH RECURSIVE seq(n) AS (SELECT " +
         n_lo + " UNION ALL SELECT n + 1 FROM seq WHERE n < " + n_hi + ") SELECT " +
         std::to_string(plan0) + " + n % " + std::to_string(kPlans) + ", " +
         std::to_string(customer0) + " + n / " + std::to_string(kPlans) + ", " +
         q(format_date(day)) + ", " + at + ", " + at + ", " + ends + ", '+33612345678', " + status +
         ", " + attempt + ", " + responsible + ", '', 1, " + at + " FROM seq";
}

void load(Target& t, long long customers) {
  const auto started = Steady::now();
  auto opened = store::Database::open(t.url, 2);
  if (!opened) die("cannot open " + t.url);
  t.db = std::move(*opened);
  auto& db = *t.db;
  if (auto m = store::migrate(db); !m) die("migration failed: " + m.error().detail);
  BenchClock clock;
  app::DemoOptions options;
  options.customers = customers;
  options.campaigns = false;
  options.sales = false;
  if (auto r = app::load_demo_data(db, clock, options); !r) die("demo failed: " + r.error().key);
  auto manager = db.read([&](store::Tx& tx) -> Result<domain::User> {
    auto found = store::UserRepository::find_by_login(tx, "manager");
    if (!found) return Error::not_found();
    return found->user;
  });
  if (!manager) die("no manager");
  app::ContactPlanner planner(db, clock);
  std::vector<long long> plan_ids;
  for (int i = 0; i < kPlans; ++i) {
    domain::ContactPlan p;
    p.code = "BENCH" + std::to_string(i);
    p.name_en = "Bench " + std::to_string(i);
    p.name_fr = "Banc " + std::to_string(i);
    p.weekdays = domain::Weekdays::parse("1,2,3,4,5,6,7").value_or(domain::Weekdays{});
    p.valid_from = CivilDate{date::year{2027} / 1 / 1};
    p.valid_to = CivilDate{date::year{2027} / 12 / 31};
    auto made = planner.create_plan(*manager, p);
    if (!made) die("plan: " + made.error().key);
    plan_ids.push_back(made->id.value);
  }
  for (int i = 1; i < kPlans; ++i)
    if (plan_ids[i] != plan_ids[0] + i) die("the bench plans' ids are not consecutive");
  long long c_min = 0, c_max = 0, c_count = 0;
  std::vector<long long> csrs;
  (void)db.read([&](store::Tx& tx) -> Result<int> {
    tx.sql() << "SELECT MIN(id), MAX(id), COUNT(*) FROM customers", soci::into(c_min),
        soci::into(c_max), soci::into(c_count);
    soci::rowset<soci::row> rs = tx.sql().prepare << "SELECT id FROM users ORDER BY id";
    for (const auto& r : rs) csrs.push_back(store::int64_at(r, 0));
    return 0;
  });
  if (c_count < customers || c_max - c_min + 1 != c_count) die("customers' ids not consecutive");
  const CivilDate today{date::floor<date::days>(kNow)};
  auto fill = [&](CivilDate day, long long per_day, bool is_today) {
    if (auto w = db.write([&](store::Tx& tx) -> Status {
          for (int s = 0; s < kSlots; ++s) {
            const Instant due = date::sys_days{day} + std::chrono::hours{8 + s};
            const long long lo = per_day * s / kSlots, hi = per_day * (s + 1) / kSlots;
            tx.sql() << insert_slot(plan_ids[0], c_min, lo, hi, day, due, !is_today || due < kNow,
                                    csrs);
          }
          return Ok{};
        });
        !w)
      die("load: " + w.error().detail);
  };
  const long long today_customers = std::min<long long>(customers, 100'000 / kPlans);
  fill(today, today_customers, true);
  for (int back = 1; back <= kPastDays; ++back)
    fill(CivilDate{date::sys_days{today} - date::days{back}},
         std::min<long long>(customers, 30'000 / kPlans), false);
  // The events: one per worked entry by one of the users, a busy call an
  // hour earlier for those that needed another attempt.
  const std::string n_users = std::to_string(csrs.size()), first = std::to_string(csrs.front());
  const std::string plans = "e.plan_id >= " + std::to_string(plan_ids[0]) +
                            " AND e.plan_id <= " + std::to_string(plan_ids.back());
  if (auto w = db.write([&](store::Tx& tx) -> Status {
        tx.sql() << "INSERT INTO plan_entry_events (entry_id, at, user_id, status, attempt, note) "
                    "SELECT e.id, e.changed_at, " +
                        first + " + e.id % " + n_users +
                        ", e.status, e.attempt, '' FROM plan_entries e WHERE " + plans +
                        " AND (e.status <> 10 OR e.attempt > 1)";
        tx.sql() << "INSERT INTO plan_entry_events (entry_id, at, user_id, status, attempt, note) "
                    "SELECT e.id, e.planned_at, " +
                        first + " + (e.id + 1) % " + n_users +
                        ", 20, e.attempt, '' FROM plan_entries e WHERE " + plans +
                        " AND e.attempt > 1 AND e.status IN (90, 92, 93)";
        return Ok{};
      });
      !w)
    die("events: " + w.error().detail);
  (void)db.read([&](store::Tx& tx) -> Result<int> {
    const auto day = domain::window_on(today, 0, 1440, "Europe/Paris");
    std::string s = format_instant(day.start), e = format_instant(day.end);
    tx.sql() << "SELECT COUNT(*) FROM plan_entries WHERE next_contact_at >= :s AND "
                "next_contact_at < :e",
        soci::use(s), soci::use(e), soci::into(t.entries_today);
    tx.sql() << "SELECT COUNT(*) FROM plan_entries", soci::into(t.entries_period);
    tx.sql() << "SELECT COUNT(*) FROM plan_entry_events", soci::into(t.events);
    return 0;
  });
  // What a running installation has: PostgreSQL's autovacuum analyzes a
  // table after such a load; SQLite keeps the statistics ANALYZE leaves.
  auto url = store::parse_database_url(t.url);
  if (url->dialect == store::Dialect::postgresql) {
    soci::session s(soci::postgresql, url->connect);
    s << "VACUUM ANALYZE";
  } else {
    (void)db.write([&](store::Tx& tx) -> Status {
      tx.sql() << "ANALYZE";
      return Ok{};
    });
  }
  t.load_s = std::chrono::duration<double>(Steady::now() - started).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()));
  return v[i];
}

void measure(Target& t, int live_runs, int period_runs) {
  BenchClock clock;
  auto& db = *t.db;
  auto manager = db.read([&](store::Tx& tx) -> Result<domain::User> {
    auto found = store::UserRepository::find_by_login(tx, "manager");
    if (!found) return Error::not_found();
    return found->user;
  });
  app::DaySupervision live(db, clock);
  app::PeriodSupervision period(db, clock);
  const app::PeriodInput month{"2027-02-15", "2027-03-17"};
  // A warm-up of each (caches, prepared plans), then the timed calls.
  if (auto f = live.today(*manager); !f) die("live: " + f.error().key);
  if (auto f = period.report(*manager, month); !f) die("period: " + f.error().key);
  long long due = 0;
  for (int i = 0; i < live_runs; ++i) {
    const auto s = Steady::now();
    auto f = live.today(*manager);
    t.live_ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - s).count());
    if (!f) die("live: " + f.error().key);
    due = f->total.due;
  }
  long long calls = 0;
  for (int i = 0; i < period_runs; ++i) {
    const auto s = Steady::now();
    auto f = period.report(*manager, month);
    t.period_ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - s).count());
    if (!f) die("period: " + f.error().key);
    calls = f->total.calls.calls;
  }
  std::cerr << t.name << ": live " << due << " due, p50 " << percentile(t.live_ms, 0.5)
            << " ms, p99 " << percentile(t.live_ms, 0.99) << " ms; period " << calls
            << " calls, p50 " << percentile(t.period_ms, 0.5) << " ms, max "
            << percentile(t.period_ms, 1.0) << " ms\n";
}

std::string table(const std::vector<Target>& targets, int live_runs, int period_runs) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(1);
  o << "| Database | entries due today | entries (period) | events | live p50 | live p99 | "
       "live max | period p50 | period max |\n";
  o << "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& t : targets)
    o << "| " << t.name << " | " << t.entries_today << " | " << t.entries_period << " | "
      << t.events << " | " << percentile(t.live_ms, 0.5) << " ms | " << percentile(t.live_ms, 0.99)
      << " ms | " << percentile(t.live_ms, 1.0) << " ms | " << percentile(t.period_ms, 0.5)
      << " ms | " << percentile(t.period_ms, 1.0) << " ms |\n";
  o << "\nlive: " << live_runs << " calls of DaySupervision::today; period: " << period_runs
    << " calls of PeriodSupervision::report over 31 days (2027-02-15 to 2027-03-17). Goals: live "
       "p99 < 100 ms, period < 1 s.\n";
  return o.str();
}

}  // namespace
}  // namespace rapport::bench

int main() {
  using namespace rapport::bench;
  const long long customers = std::stoll(env("RAPPORT_BENCH_CUSTOMERS", "10000"));
  const int live_runs = std::stoi(env("RAPPORT_BENCH_LIVE", "200"));
  const int period_runs = std::stoi(env("RAPPORT_BENCH_PERIOD", "10"));
  const bool keep = env("RAPPORT_BENCH_KEEP") == "1";
  if (customers < 3000) die("RAPPORT_BENCH_CUSTOMERS is at least 3000");
  const std::string suffix = std::to_string(std::random_device{}() % 1'000'000);
  const auto dir = std::filesystem::path(env("RAPPORT_BENCH_DIR", "/tmp")) /
                   ("rapport-supervision-bench-" + suffix);
  std::filesystem::create_directories(dir);
  std::vector<Target> targets(1);
  targets[0].name = "SQLite";
  targets[0].url = "sqlite:" + (dir / "bench.db").string();
  if (auto pg = env("RAPPORT_BENCH_PG_URL"); !pg.empty()) {
    Target& t = targets.emplace_back();
    t.name = "PostgreSQL";
    t.database = "rapport_supervision_" + suffix;
    t.url = pg.substr(0, pg.rfind('/') + 1) + t.database;
    t.admin_url = pg;
    run_admin(pg, "CREATE DATABASE " + t.database);
  } else {
    std::cerr << "supervision_bench: RAPPORT_BENCH_PG_URL is not set: PostgreSQL skipped\n";
  }
  for (auto& t : targets) {
    load(t, customers);
    std::cerr << t.name << ": loaded in " << t.load_s << " s (" << t.entries_period << " entries, "
              << t.events << " events)\n";
    measure(t, live_runs, period_runs);
  }
  for (auto& t : targets) {
    t.db.reset();
    if (keep) {
      std::cerr << "kept: " << t.url << "\n";
      continue;
    }
    if (!t.database.empty())
      run_admin(t.admin_url, "DROP DATABASE " + t.database + " WITH (FORCE)");
  }
  if (!keep) std::filesystem::remove_all(dir);
  const std::string md = table(targets, live_runs, period_runs);
  std::cout << "\n" << md;
  if (auto path = env("RAPPORT_BENCH_TABLE"); !path.empty()) std::ofstream(path) << md;
  return 0;
}
