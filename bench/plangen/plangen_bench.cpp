// bench/plangen/plangen_bench.cpp: the contact-plan batch (generate_entries)
// for 100,000 customers × 7 days, on SQLite and on PostgreSQL, against
// plain INSERTs of the same rows.
//
// For each database: load RAPPORT_BENCH_CUSTOMERS demo customers (default
// 100,000) into a new database; give them one plan that contacts every day
// of the week, with four exceptions (one moves the last day of the range,
// three lie outside it but are checked all the same), one contact info each
// (the customer's first phone, three different windows, one in ten on
// another zone than the customer's) and non-activity periods for one
// customer in twelve (half of them block two days of the range, half lie
// just before it, fetched and checked but not blocking). Then, in turn and
// on the same connections:
//
//   - generation: app::generate_entries for the plan over 7 days (Monday
//     22 to Sunday 28 March 2027, when Europe goes to summer time), as the
//     job runs it: chunks of kGenerationChunk contact infos, one transaction
//     each, reading the contact infos and non-activity periods, deciding
//     each day and inserting with ON CONFLICT DO NOTHING;
//   - baseline: the very rows that generation wrote (read back once after a
//     warm-up generation, every column and value), inserted the
//     straightforward way: one prepared INSERT … VALUES (:p, …) executed
//     per row, one transaction per chunk of the same contact infos.
//
// Only the call to generate_entries and the baseline's transactions are
// timed; the rows are deleted after each run (PostgreSQL: then VACUUM
// ANALYZE the table; SQLite: a WAL checkpoint), untimed. Runs alternate
// baseline and generation (which one goes first alternates too), so that
// both see the same load; the medians are reported.
//
// Settings (environment): RAPPORT_BENCH_CUSTOMERS (default 100000),
// RAPPORT_BENCH_RUNS (timed runs of each, default 5), RAPPORT_BENCH_DIR
// (where the SQLite file goes, default /tmp), RAPPORT_BENCH_PG_URL (a
// PostgreSQL admin URL; a database is created there and dropped after;
// without it PostgreSQL is skipped), RAPPORT_BENCH_TABLE (file to write the
// Markdown table to).
#include <algorithm>
#include <chrono>
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
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include "app/access.h"
#include "app/contactplan/plan_generation.h"
#include "app/demo/demo_customers.h"
#include "domain/contactplan/contact_plan.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/row_values.h"

namespace rapport::bench {
namespace {

using Clock = std::chrono::steady_clock;
using date::days;
using date::sys_days;

std::string env(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "plangen_bench: " << what << "\n";
  std::exit(1);
}

// The generated week: Monday 22 to Sunday 28 March 2027.
const CivilDate kFrom{date::year{2027} / 3 / 22};
const CivilDate kTo{date::year{2027} / 3 / 28};

CivilDate plus(CivilDate d, int n) { return CivilDate{sys_days(d) + days{n}}; }

// One row of plan_entries as generation wrote it, every column it sets.
struct EntryRow {
  long long plan = 0, customer = 0;
  std::string contact_date, planned_at, next_contact_at, window_ends_at, phone;
  int status = 0, attempt = 0;
  long long responsible = 0;
  soci::indicator responsible_ind = soci::i_null;
  std::string note;
  long long version = 0;
  std::string changed_at;
  long long changed_by = 0;
  soci::indicator changed_by_ind = soci::i_null;
};

// Timings of one database, in seconds per run.
struct Figures {
  std::vector<double> generation, baseline;
  // Share of the machine's CPU that other processes took during each run
  // (neither this program nor its PostgreSQL server), in %.
  std::vector<double> generation_other, baseline_other;
  long long rows = 0;  // per run (the same for both)
  app::GenerationCounts counts;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// CPU time, in clock ticks: the machine's (all cores, busy states) and a
// process's (all its threads), from /proc.
long long machine_ticks() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  return user + nice + system + irq + softirq + steal;
}

// Fields 4 (parent) and 14 + 15 (user and system time) of /proc/PID/stat.
bool process_stat(const std::string& pid, int& parent, long long& ticks) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::vector<std::string> f;
  for (std::string w; rest >> w && f.size() < 13;) f.push_back(w);
  if (f.size() < 13) return false;
  parent = std::stoi(f[1]);
  ticks = std::stoll(f[11]) + std::stoll(f[12]);
  return true;
}

// This program's ticks, plus those of `server` and its children (a
// PostgreSQL cluster's processes) when it is not 0.
long long own_ticks(int server) {
  int parent = 0;
  long long total = 0, ticks = 0;
  if (process_stat("self", parent, ticks)) total += ticks;
  if (server == 0) return total;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    if (process_stat(name, parent, ticks) && (std::stoi(name) == server || parent == server))
      total += ticks;
  }
  return total;
}

// Runs `fn` (which returns its own timing, in seconds) and says how much
// of the machine's CPU other processes took meanwhile, in %.
template <typename F>
std::pair<double, double> measured(int server, F&& fn) {
  static const long hz = sysconf(_SC_CLK_TCK);
  static const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  const long long m0 = machine_ticks(), o0 = own_ticks(server);
  const auto started = Clock::now();
  const double seconds = fn();
  const double wall = std::chrono::duration<double>(Clock::now() - started).count();
  const long long m1 = machine_ticks(), o1 = own_ticks(server);
  const double other = static_cast<double>((m1 - m0) - (o1 - o0)) / static_cast<double>(hz) /
                       (static_cast<double>(cores) * wall) * 100;
  return {seconds, std::max(other, 0.0)};
}

// One database under test: created, loaded, measured, dropped.
struct Target {
  std::string name;  // "SQLite", "PostgreSQL"
  std::string url;
  std::string admin_url, database;  // PostgreSQL: to drop it afterwards
  double load_seconds = 0, setup_seconds = 0;
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  std::int64_t plan = 0, user = 0;
  int server_pid = 0;  // PostgreSQL's postmaster, whose processes work for us
  long long contact_infos = 0, non_activity = 0;
  std::vector<EntryRow> rows;             // what generation writes, by id
  std::vector<std::size_t> chunk_starts;  // index in rows of each chunk's first row
  Figures figures;
};

void run_admin(const std::string& admin_url, const std::string& sql) {
  auto admin = store::parse_database_url(admin_url);
  if (!admin) die("bad RAPPORT_BENCH_PG_URL: " + admin_url);
  soci::session s(soci::postgresql, admin->connect);
  s << sql;
}

// Outside any transaction (VACUUM refuses one; the checkpoint needs none).
void run_outside_tx(Target& t, const std::string& sql) {
  auto url = store::parse_database_url(t.url);
  if (!url) die("bad url " + t.url);
  if (url->dialect == store::Dialect::postgresql) {
    soci::session s(soci::postgresql, url->connect);
    s << sql;
  } else {
    soci::session s(soci::sqlite3, url->connect);
    s << sql;
  }
}

std::unique_ptr<store::Database> open(const std::string& url) {
  auto db = store::Database::open(url, 2);
  if (!db) die("cannot open " + url + ": " + db.error().detail);
  return std::move(*db);
}

void load_customers(Target& t, long long customers) {
  if (auto m = store::migrate(*t.db); !m) die("migration failed: " + m.error().detail);
  app::DemoCustomerOptions options;
  options.customers = customers;
  const auto started = Clock::now();
  auto added = app::add_demo_customers(*t.db, t.clock, options, {});
  if (!added) die("load failed: " + added.error().key + " " + added.error().detail);
  t.load_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::cerr << "plangen_bench: " << t.name << ": " << *added << " customers loaded in "
            << t.load_seconds << " s\n";
}

// The plan, its exceptions, the contact infos and non-activity periods.
void set_up_plan(Target& t) {
  const auto started = Clock::now();
  const Instant now = t.clock.now();
  const std::string at = format_instant(now);
  auto made = t.db->write([&](store::Tx& tx) -> Result<std::int64_t> {
    long long user = 0;
    tx.sql() << "INSERT INTO users (login, display_name, roles, language, time_zone, "
                "password_hash, created_at, updated_at) VALUES ('bench', 'Bench Manager', "
                "'manager', 'en', 'Europe/Paris', '', :a, :b) RETURNING id",
        soci::use(at), soci::use(at), soci::into(user);
    t.user = user;
    domain::ContactPlan plan;
    plan.code = "EVERYDAY";
    plan.name_en = "Every day";
    plan.name_fr = "Tous les jours";
    plan.weekdays = domain::Weekdays{0x7f};
    plan.valid_from = plus(kFrom, -60);
    plan.responsible_user = user;
    const auto actor = app::system_actor("bench");
    auto id = store::ContactPlanRepository::insert(tx, plan, actor, now);
    if (!id) return id.error();
    using domain::ExceptionKind;
    const std::vector<domain::PlanException> exceptions = {
        // Sunday moved to the Monday after: the rows stay 7 per customer.
        {{}, *id, kTo, kTo, ExceptionKind::moved, plus(kTo, 1), "Moved to Monday"},
        {{}, *id, plus(kFrom, -10), plus(kFrom, -8), ExceptionKind::no_contact, {}, "Inventory"},
        {{}, *id, plus(kFrom, 21), plus(kFrom, 21), ExceptionKind::no_contact, {}, "Holiday"},
        {{},
         *id,
         plus(kFrom, 30),
         plus(kFrom, 30),
         ExceptionKind::moved,
         plus(kFrom, 29),
         "Deliveries a day early"},
    };
    for (const auto& e : exceptions) store::ContactPlanRepository::add_exception(tx, e, actor, now);
    long long pid = id->value;
    // One contact info per customer with a phone: its first number, three
    // windows, one in ten called on Toronto time.
    tx.sql() << "INSERT INTO contact_infos (plan_id, customer_id, phone_e164, time_zone, earliest, "
                "latest, method, sequence, note, version, updated_at, updated_by) "
                "SELECT CAST(:p AS BIGINT), p.customer_id, MIN(p.e164), CASE WHEN p.customer_id % "
                "10 = 0 THEN "
                "'America/Toronto' ELSE '' END, CASE p.customer_id % 3 WHEN 0 THEN 540 WHEN 1 "
                "THEN 480 ELSE 780 END, CASE p.customer_id % 3 WHEN 0 THEN 1020 WHEN 1 THEN 720 "
                "ELSE 1080 END, 'phone', 0, '', 1, CAST(:at AS TEXT), CAST(:by AS BIGINT) FROM "
                "customer_phones p "
                "GROUP BY p.customer_id ORDER BY p.customer_id",
        soci::use(pid), soci::use(at), soci::use(user);
    // Non-activity: 1 in 24 closed Wednesday and Thursday of the week; 1 in
    // 24 closed the fortnight before it (fetched, checked, not blocking).
    const std::string wed = format_date(plus(kFrom, 2)), thu = format_date(plus(kFrom, 3)),
                      before_from = format_date(plus(kFrom, -20)),
                      before_to = format_date(plus(kFrom, -6));
    tx.sql() << "INSERT INTO non_activity_periods (customer_id, date_from, date_to, reason, "
                "created_at, created_by) SELECT id, CAST(:f AS TEXT), CAST(:t AS TEXT), 'Closed', "
                "CAST(:at AS TEXT), CAST(:by AS BIGINT) FROM customers "
                "WHERE id % 24 = 1",
        soci::use(wed), soci::use(thu), soci::use(at), soci::use(user);
    tx.sql()
        << "INSERT INTO non_activity_periods (customer_id, date_from, date_to, reason, "
           "created_at, created_by) SELECT id, CAST(:f AS TEXT), CAST(:t AS TEXT), 'Holidays', "
           "CAST(:at AS TEXT), CAST(:by AS BIGINT) FROM customers "
           "WHERE id % 24 = 2",
        soci::use(before_from), soci::use(before_to), soci::use(at), soci::use(user);
    tx.sql() << "SELECT COUNT(*) FROM contact_infos WHERE plan_id = :p", soci::use(pid),
        soci::into(t.contact_infos);
    tx.sql() << "SELECT COUNT(*) FROM non_activity_periods", soci::into(t.non_activity);
    return id->value;
  });
  if (!made) die("set-up failed: " + made.error().key + " " + made.error().detail);
  t.plan = *made;
  // PostgreSQL's statistics, as autovacuum would have them after such a load.
  if (t.db->dialect() == store::Dialect::postgresql) run_outside_tx(t, "VACUUM ANALYZE");
  t.setup_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::cerr << "plangen_bench: " << t.name << ": plan " << t.plan << ", " << t.contact_infos
            << " contact infos, " << t.non_activity << " non-activity periods (" << t.setup_seconds
            << " s)\n";
}

app::GenerationParams params(const Target& t) {
  app::GenerationParams p;
  p.plans = {t.plan};
  p.from = kFrom;
  p.to = kTo;
  return p;
}

// Runs the batch; returns its duration in seconds.
double generate(Target& t) {
  const auto started = Clock::now();
  auto counts = app::generate_entries(*t.db, t.clock, params(t), t.user, {});
  const double s = std::chrono::duration<double>(Clock::now() - started).count();
  if (!counts) die("generation failed: " + counts.error().key + " " + counts.error().detail);
  if (t.figures.rows && counts->created != t.figures.rows)
    die("generation created " + std::to_string(counts->created) + " rows, not " +
        std::to_string(t.figures.rows));
  t.figures.counts = *counts;
  return s;
}

// The baseline: each row by one prepared INSERT, a transaction per chunk.
double insert_plainly(Target& t) {
  const auto started = Clock::now();
  for (std::size_t c = 0; c < t.chunk_starts.size(); ++c) {
    const std::size_t begin = t.chunk_starts[c],
                      end = c + 1 < t.chunk_starts.size() ? t.chunk_starts[c + 1] : t.rows.size();
    auto done = t.db->write([&](store::Tx& tx) -> Result<bool> {
      EntryRow v;
      soci::statement st =
          (tx.sql().prepare << "INSERT INTO plan_entries (plan_id, customer_id, contact_date, "
                               "planned_at, next_contact_at, window_ends_at, phone_e164, status, "
                               "attempt, responsible_user, result_note, version, changed_at, "
                               "changed_by) VALUES (:p, :c, :d, :pl, :n, :w, :ph, :s, :a, :r, "
                               ":note, :v, :at, :by)",
           soci::use(v.plan), soci::use(v.customer), soci::use(v.contact_date),
           soci::use(v.planned_at), soci::use(v.next_contact_at), soci::use(v.window_ends_at),
           soci::use(v.phone), soci::use(v.status), soci::use(v.attempt),
           soci::use(v.responsible, v.responsible_ind), soci::use(v.note), soci::use(v.version),
           soci::use(v.changed_at), soci::use(v.changed_by, v.changed_by_ind));
      for (std::size_t i = begin; i < end; ++i) {
        v = t.rows[i];
        st.execute(true);
      }
      return true;
    });
    if (!done) die("baseline insert failed: " + done.error().key + " " + done.error().detail);
  }
  return std::chrono::duration<double>(Clock::now() - started).count();
}

// Untimed: the rows go, and the table is left as it was before the run.
void clear(Target& t) {
  auto gone = t.db->write([&](store::Tx& tx) -> Result<long long> {
    long long pid = t.plan;
    tx.sql() << "DELETE FROM plan_entries WHERE plan_id = :p", soci::use(pid);
    long long left = 0;
    tx.sql() << "SELECT COUNT(*) FROM plan_entries", soci::into(left);
    return left;
  });
  if (!gone || *gone != 0) die("could not empty plan_entries");
  run_outside_tx(t, t.db->dialect() == store::Dialect::postgresql
                        ? "VACUUM ANALYZE plan_entries"
                        : "PRAGMA wal_checkpoint(TRUNCATE)");
}

// After a first, untimed generation: the rows it wrote, for the baseline,
// and where its chunks of contact infos begin.
void capture_rows(Target& t) {
  auto read = t.db->read([&](store::Tx& tx) -> Result<bool> {
    long long pid = t.plan;
    // Contact infos by customer, as generation walks them: customer → chunk.
    std::map<long long, std::size_t> chunk_of;
    {
      soci::rowset<soci::row> rs =
          (tx.sql().prepare << "SELECT customer_id FROM contact_infos WHERE plan_id = :p "
                               "ORDER BY customer_id",
           soci::use(pid));
      std::size_t n = 0;
      for (const auto& r : rs) chunk_of[store::int64_at(r, 0)] = n++ / app::kGenerationChunk;
    }
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << "SELECT plan_id, customer_id, contact_date, planned_at, "
                             "next_contact_at, window_ends_at, phone_e164, status, attempt, "
                             "responsible_user, result_note, version, changed_at, changed_by "
                             "FROM plan_entries WHERE plan_id = :p ORDER BY id",
         soci::use(pid));
    std::size_t last_chunk = static_cast<std::size_t>(-1);
    for (const auto& r : rs) {
      EntryRow e;
      e.plan = store::int64_at(r, 0);
      e.customer = store::int64_at(r, 1);
      e.contact_date = store::text_at(r, 2);
      e.planned_at = store::text_at(r, 3);
      e.next_contact_at = store::text_at(r, 4);
      e.window_ends_at = store::text_at(r, 5);
      e.phone = store::text_at(r, 6);
      e.status = store::int_at(r, 7);
      e.attempt = store::int_at(r, 8);
      if (auto u = store::optional_int64_at(r, 9)) {
        e.responsible = *u;
        e.responsible_ind = soci::i_ok;
      }
      e.note = store::text_at(r, 10);
      e.version = store::int64_at(r, 11);
      e.changed_at = store::text_at(r, 12);
      if (auto u = store::optional_int64_at(r, 13)) {
        e.changed_by = *u;
        e.changed_by_ind = soci::i_ok;
      }
      const std::size_t chunk = chunk_of.at(e.customer);
      if (chunk != last_chunk) {
        t.chunk_starts.push_back(t.rows.size());
        last_chunk = chunk;
      }
      t.rows.push_back(std::move(e));
    }
    return true;
  });
  if (!read) die("could not read the rows back: " + read.error().detail);
  t.figures.rows = static_cast<long long>(t.rows.size());
  std::cerr << "plangen_bench: " << t.name << ": " << t.figures.rows << " rows in "
            << t.chunk_starts.size() << " chunks\n";
}

void prepare(Target& t, long long customers) {
  t.db = open(t.url);
  load_customers(t, customers);
  set_up_plan(t);
  // Warm-up: one generation, whose rows become the baseline's.
  const double warm = generate(t);
  std::cerr << "plangen_bench: " << t.name << ": warm-up generation " << warm << " s\n";
  capture_rows(t);
  if (t.figures.counts.created != t.figures.rows) die("the warm-up's counts and rows differ");
  clear(t);
  if (t.db->dialect() == store::Dialect::postgresql) {
    // The server's processes count as ours (when it runs on this machine).
    auto backend = t.db->read([&](store::Tx& tx) -> Result<long long> {
      long long pid = 0;
      tx.sql() << "SELECT pg_backend_pid()", soci::into(pid);
      return pid;
    });
    int parent = 0;
    long long ticks = 0;
    if (backend && process_stat(std::to_string(*backend), parent, ticks)) t.server_pid = parent;
  }
}

// One benchmark per database; each iteration is a baseline run and a
// generation run (in alternating order). The manual time is generation's.
void register_benchmark(Target& t, int runs) {
  benchmark::RegisterBenchmark(
      (t.name + "/generation_vs_plain_inserts").c_str(),
      [&t](benchmark::State& state) {
        int i = 0;
        for (auto _ : state) {
          std::pair<double, double> g, b;
          auto run_generation = [&] {
            g = measured(t.server_pid, [&] { return generate(t); });
            clear(t);
          };
          auto run_baseline = [&] {
            b = measured(t.server_pid, [&] { return insert_plainly(t); });
            clear(t);
          };
          if (i++ % 2 == 0) {
            run_baseline();
            run_generation();
          } else {
            run_generation();
            run_baseline();
          }
          t.figures.generation.push_back(g.first);
          t.figures.generation_other.push_back(g.second);
          t.figures.baseline.push_back(b.first);
          t.figures.baseline_other.push_back(b.second);
          std::cerr << "plangen_bench: " << t.name << ": run " << i << ": generation " << g.first
                    << " s (others " << g.second << " % CPU), plain inserts " << b.first
                    << " s (others " << b.second << " % CPU)\n";
          state.SetIterationTime(g.first);
        }
        const double rows = static_cast<double>(t.figures.rows);
        const double g = median(t.figures.generation), b = median(t.figures.baseline);
        state.counters["rows"] = rows;
        state.counters["gen_rows_s"] = rows / g;
        state.counters["base_rows_s"] = rows / b;
        state.counters["ratio"] = b / g;
      })
      ->Iterations(runs)
      ->UseManualTime()
      ->Unit(benchmark::kSecond);
}

std::string fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

std::string list(const std::vector<double>& v, int digits) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + fixed(v[i], digits);
  return out;
}

std::string table(const std::deque<Target>& targets, long long customers, int runs) {
  std::ostringstream out;
  out << "| Database | Customers | Rows per run | Runs | Generation (median) | Generation rows/s | "
         "Plain inserts (median) | Plain inserts rows/s | Generation ÷ plain inserts (rows/s) | "
         "Other processes' CPU (generation, inserts) |\n";
  out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  std::string disturbed;
  for (const auto& t : targets) {
    const auto& f = t.figures;
    if (f.generation.empty()) continue;
    const double g = median(f.generation), b = median(f.baseline);
    const double og = median(f.generation_other), ob = median(f.baseline_other);
    const double rows = static_cast<double>(f.rows);
    out << "| " << t.name << " | " << customers << " | " << f.rows << " | " << runs << " | "
        << fixed(g, 2) << " s | " << fixed(rows / g, 0) << " | " << fixed(b, 2) << " s | "
        << fixed(rows / b, 0) << " | " << fixed(b / g, 2) << " | " << fixed(og, 0) << " %, "
        << fixed(ob, 0) << " % |\n";
    if (og > 10 || ob > 10) disturbed += (disturbed.empty() ? "" : ", ") + t.name;
  }
  out << "\n";
  if (!disturbed.empty())
    out << "**Disturbed run** (" << disturbed
        << "): other processes took more than 10 % of the CPU (medians); the ratio is less "
           "reliable, run again on a quiet machine.\n\n";
  for (const auto& t : targets) {
    const auto& f = t.figures;
    if (f.generation.empty()) continue;
    std::vector<double> ratios;
    for (std::size_t i = 0; i < f.generation.size(); ++i)
      ratios.push_back(f.baseline[i] / f.generation[i]);
    out << "- " << t.name << ": customers loaded in " << fixed(t.load_seconds, 0) << " s; "
        << t.contact_infos << " contact infos, " << t.non_activity
        << " non-activity periods; each generation: " << f.counts.created << " created, "
        << f.counts.skipped_by_non_activity << " skipped by non-activity, "
        << f.counts.skipped_by_exception << " by exception, " << f.counts.already_present
        << " already present. Each run (s), generation: " << list(f.generation, 2)
        << "; plain inserts: " << list(f.baseline, 2) << "; ratio per run: " << list(ratios, 2)
        << "; other processes' CPU (%), generation: " << list(f.generation_other, 0)
        << "; plain inserts: " << list(f.baseline_other, 0) << "\n";
  }
  return out.str();
}

}  // namespace
}  // namespace rapport::bench

int main(int argc, char** argv) {
  using namespace rapport::bench;
  benchmark::Initialize(&argc, argv);
  const long long customers = std::stoll(env("RAPPORT_BENCH_CUSTOMERS", "100000"));
  const int runs = std::stoi(env("RAPPORT_BENCH_RUNS", "5"));
  if (customers < 1 || customers > rapport::app::kMaxDemoCustomers)
    die("RAPPORT_BENCH_CUSTOMERS is between 1 and 1000000");
  if (runs < 1) die("RAPPORT_BENCH_RUNS is at least 1");
  const std::string suffix = std::to_string(std::random_device{}() % 1'000'000);
  const auto dir =
      std::filesystem::path(env("RAPPORT_BENCH_DIR", "/tmp")) / ("rapport-plangen-bench-" + suffix);
  std::filesystem::create_directories(dir);
  std::deque<Target> targets;
  targets.emplace_back();
  targets.back().name = "SQLite";
  targets.back().url = "sqlite:" + (dir / "bench.db").string();
  if (auto pg = env("RAPPORT_BENCH_PG_URL"); !pg.empty()) {
    Target& t = targets.emplace_back();
    t.name = "PostgreSQL";
    t.database = "rapport_plangen_" + suffix;
    t.url = pg.substr(0, pg.rfind('/') + 1) + t.database;
    t.admin_url = pg;
    run_admin(pg, "CREATE DATABASE " + t.database);
  } else {
    std::cerr << "plangen_bench: RAPPORT_BENCH_PG_URL is not set: PostgreSQL skipped\n";
  }
  // Both prepared first, then all benchmarks in one run (Google Benchmark
  // 1.7 does not survive a second RunSpecifiedBenchmarks).
  for (auto& t : targets) prepare(t, customers);
  for (auto& t : targets) register_benchmark(t, runs);
  benchmark::RunSpecifiedBenchmarks();
  for (auto& t : targets) {
    t.db.reset();
    if (!t.database.empty())
      run_admin(t.admin_url, "DROP DATABASE " + t.database + " WITH (FORCE)");
  }
  std::filesystem::remove_all(dir);
  const std::string md = table(targets, customers, runs);
  std::cout << "\n" << md;
  if (auto path = env("RAPPORT_BENCH_TABLE"); !path.empty()) std::ofstream(path) << md;
  benchmark::Shutdown();
  return 0;
}
