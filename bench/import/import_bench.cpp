// bench/import/import_bench.cpp: a customer import (app::CustomerImportDesk)
// of a generated CSV file, on SQLite and on PostgreSQL, while another
// writer saves every 50 ms — a plain timed program.
//
// For each database and each way of importing, a new database is created
// and migrated, one customer is stored for the other writer, and the same
// generated file (RAPPORT_BENCH_ROWS rows, default 100,000: persons with a
// unique mobile phone and e-mail, one in two with a service point) is
// imported by the system actor, skip_bad_rows off. Meanwhile a second
// thread records an interaction on that customer through the store
// (InteractionRepository::insert in its own write transaction) every 50 ms
// and times each save, from asking for the transaction to its commit; a
// save that fails (SQLite: busy after its 10 s busy_timeout) is counted.
// The ways:
//   - one transaction: ImportOptions::kOneTransaction, the old behaviour
//     (validation and inserts in one write transaction);
//   - chunks of N rows (RAPPORT_BENCH_CHUNKS, default 1000,2000,5000):
//     validation in a read transaction, then one write transaction per chunk.
// Reported: the import's wall time and rows per second, the longest and the
// median save of the other writer, its failed saves, and the import's peak
// memory above what the process held before it (VmHWM, reset before each
// import through /proc/self/clear_refs).
//
// Settings (environment): RAPPORT_BENCH_ROWS, RAPPORT_BENCH_CHUNKS,
// RAPPORT_BENCH_DIR (where the SQLite files and the CSV go, default /tmp),
// RAPPORT_BENCH_PG_URL (a PostgreSQL admin URL; a database is created there
// per import and dropped after; without it PostgreSQL is skipped),
// RAPPORT_BENCH_TABLE (file to write the Markdown table to).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include <soci/soci.h>

#include "app/access.h"
#include "app/customers/customer_import.h"
#include "core/time.h"
#include "store/customers/customer_repository.h"
#include "store/customers/interaction_repository.h"
#include "store/database.h"
#include "store/migrations.h"

namespace rapport::bench {
namespace {

using Steady = std::chrono::steady_clock;

std::string env(const char* name, const std::string& fallback = {}) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "import_bench: " << what << "\n";
  std::exit(1);
}

// The generated file: `rows` persons in Paris, each with its own phone
// and e-mail.
std::string make_csv(long long rows) {
  std::ostringstream out;
  out << "kind,family_name,given_name,company_name,phone,email,line1,postal_code,city,country,"
         "account_currency,service_point_type\n";
  static const char* families[] = {"Dupré", "Martin", "Lefèvre", "Roy", "Garçon", "Petit"};
  static const char* givens[] = {"Hélène", "Paul", "Noémie", "Luc", "Zoë", "Jean"};
  for (long long i = 0; i < rows; ++i) {
    std::ostringstream phone;
    phone << "06 " << std::setw(8) << std::setfill('0') << (10'000'000 + i);
    out << "person," << families[i % 6] << "," << givens[(i / 6) % 6] << i << ",," << phone.str()
        << ",p" << i << "@exemple.fr," << (i % 200 + 1) << " rue Victor-Hugo,75011,Paris,FR,,"
        << (i % 2 ? "electric_meter" : "") << "\n";
  }
  return out.str();
}

long long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::stoll(line.substr(std::strlen(field)));
  return 0;
}

void run_admin(const std::string& url, const std::string& sql) {
  auto parsed = store::parse_database_url(url);
  if (!parsed) die("bad PostgreSQL URL");
  soci::session s("postgresql", parsed->connect);
  s << sql;
}

struct Run {
  std::string database, way;
  double seconds = 0;
  std::size_t imported = 0;
  double longest_ms = 0, median_ms = 0;
  std::size_t saves = 0, failed = 0;
  long long peak_mb = 0;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Run measure(const std::string& name, const std::string& url, const std::string& csv,
            std::size_t chunk) {
  auto db = store::Database::open(url, 4);
  if (!db) die("cannot open " + url + ": " + db.error().detail);
  if (auto m = store::migrate(**db); !m) die("migration failed: " + m.error().detail);
  SystemClock clock;
  const auto actor = app::system_actor("bench");
  auto customer = (*db)->write([&](store::Tx& tx) -> Result<Id<domain::Customer>> {
    domain::Customer c;
    c.family_name = "Writer";
    c.given_name = "Other";
    c.address = {"1 rue", "", "75011", "Paris", "", "FR"};
    c.time_zone = "Europe/Paris";
    return store::CustomerRepository::insert(tx, c, actor, clock.now());
  });
  if (!customer) die("cannot store the other writer's customer: " + customer.error().detail);

  Run run;
  run.database = name;
  run.way = chunk == app::ImportOptions::kOneTransaction ? "one transaction"
                                                         : "chunks of " + std::to_string(chunk);
  std::atomic<bool> done{false};
  std::vector<double> waits;
  std::thread writer([&] {
    auto next = Steady::now();
    while (!done) {
      next += std::chrono::milliseconds(50);
      const auto started = Steady::now();
      auto saved = (*db)->write([&](store::Tx& tx) -> Status {
        domain::Interaction i;
        i.customer = *customer;
        i.at = clock.now();
        i.user_name = "Other";
        i.summary = "Call while importing";
        store::InteractionRepository::insert(tx, i, actor);
        return Ok{};
      });
      waits.push_back(std::chrono::duration<double, std::milli>(Steady::now() - started).count());
      if (!saved) ++run.failed;
      std::this_thread::sleep_until(next);
    }
  });

  std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM
  const long long before_kb = status_kb("VmRSS:");
  app::CustomerImportDesk desk(**db, clock);
  app::ImportOptions options;
  options.chunk_rows = chunk;
  std::istringstream in(csv);
  const auto started = Steady::now();
  auto report = desk.import_customers_as_system(in, options);
  run.seconds = std::chrono::duration<double>(Steady::now() - started).count();
  run.peak_mb = (status_kb("VmHWM:") - before_kb) / 1024;
  done = true;
  writer.join();
  if (!report)
    die(name + " " + run.way + ": import failed: " + report.error().key + " " +
        report.error().detail);
  if (report->invalid || report->skipped)
    die(name + " " + run.way + ": " + std::to_string(report->invalid) + " bad rows, " +
        std::to_string(report->skipped) + " skipped");
  run.imported = report->imported;
  run.saves = waits.size();
  run.longest_ms = waits.empty() ? 0 : *std::max_element(waits.begin(), waits.end());
  run.median_ms = median(waits);
  std::cerr << "import_bench: " << name << ", " << run.way << ": " << run.imported << " rows in "
            << run.seconds << " s; other writer: longest " << run.longest_ms << " ms, "
            << run.failed << " failed of " << run.saves << "; peak +" << run.peak_mb << " MB\n";
  return run;
}

std::string fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

std::string table(const std::vector<Run>& runs) {
  std::ostringstream out;
  out << "| Database | Import | Rows | Time | Rows/s | Other writer: longest save | median save "
         "| saves failed / made | Import's peak memory |\n";
  out << "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& r : runs)
    out << "| " << r.database << " | " << r.way << " | " << r.imported << " | "
        << fixed(r.seconds, 1) << " s | " << fixed(r.imported / r.seconds, 0) << " | "
        << fixed(r.longest_ms, 0) << " ms | " << fixed(r.median_ms, 1) << " ms | " << r.failed
        << " / " << r.saves << " | " << r.peak_mb << " MB |\n";
  return out.str();
}

}  // namespace
}  // namespace rapport::bench

int main() {
  using namespace rapport::bench;
  const long long rows = std::stoll(env("RAPPORT_BENCH_ROWS", "100000"));
  if (rows < 1 || rows > static_cast<long long>(rapport::app::kMaxImportRows))
    die("RAPPORT_BENCH_ROWS is between 1 and 1000000");
  std::vector<std::size_t> ways{rapport::app::ImportOptions::kOneTransaction};
  std::istringstream chunks(env("RAPPORT_BENCH_CHUNKS", "1000,2000,5000"));
  for (std::string c; std::getline(chunks, c, ',');) ways.push_back(std::stoul(c));
  const std::string suffix = std::to_string(std::random_device{}() % 1'000'000);
  const auto dir =
      std::filesystem::path(env("RAPPORT_BENCH_DIR", "/tmp")) / ("rapport-import-bench-" + suffix);
  std::filesystem::create_directories(dir);
  const std::string csv = make_csv(rows);
  std::vector<Run> runs;
  int n = 0;
  for (auto way : ways) {
    const auto file = dir / ("import-" + std::to_string(++n) + ".db");
    runs.push_back(measure("SQLite", "sqlite:" + file.string(), csv, way));
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
  }
  if (auto pg = env("RAPPORT_BENCH_PG_URL"); !pg.empty()) {
    for (auto way : ways) {
      const std::string database = "rapport_import_" + suffix + "_" + std::to_string(++n);
      run_admin(pg, "CREATE DATABASE " + database);
      runs.push_back(measure("PostgreSQL", pg.substr(0, pg.rfind('/') + 1) + database, csv, way));
      run_admin(pg, "DROP DATABASE " + database + " WITH (FORCE)");
    }
  } else {
    std::cerr << "import_bench: RAPPORT_BENCH_PG_URL is not set: PostgreSQL skipped\n";
  }
  std::filesystem::remove_all(dir);
  const std::string md = table(runs);
  std::cout << "\n" << md;
  if (auto path = env("RAPPORT_BENCH_TABLE"); !path.empty()) std::ofstream(path) << md;
  return 0;
}
