#include "app/contactplan/plan_generation.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/jobs/job_kinds.h"
#include "app/jobs/job_runner.h"
#include "support/plan_fixture.h"

namespace rapport::app {
namespace {

using namespace std::chrono_literals;
using testing::day;
using testing::utc;

// Entries of the counts scenario: 16–31 March 2026 on a Tuesday + Thursday
// plan, i.e. 17, 19, 24, 26 and 31 March (Paris goes to summer time on 29 March).
class PlanGenerationTest : public testing::PlanFixture {
 protected:
  void SetUp() override {
    PlanFixture::SetUp();
    if (HasFatalFailure()) return;
    zoe = add_customer("Leroy", "Zoé", {"5 rue de la Paix", "", "75002", "Paris", "", "FR"}, "");
    plan = make_plan("TUETHU", csr.id.value);
    connect(plan, helene, "09:00", "17:00");
    connect(plan, noemie, "10:00", "16:00");
    // Paul lives in Lyon but is called on Toronto time (the contact info's override).
    connect(plan, paul, "08:30", "12:00", "America/Toronto");
    auto zoe_info = connect(plan, zoe);
    EXPECT_TRUE(zoe_info.info.phone_e164.empty());
    no_contact_on(plan, day(2026, 3, 19), "Public holiday");
    move(plan, day(2026, 3, 26), day(2026, 3, 25), "Delivery day moved");
    closed(noemie, day(2026, 3, 23), day(2026, 3, 25), "Closed for holidays");
    ASSERT_FALSE(HasFailure());
  }

  GenerationParams range(CivilDate from, CivilDate to, std::vector<std::int64_t> plans = {}) {
    GenerationParams p;
    p.plans = plans.empty() ? std::vector<std::int64_t>{plan.id.value} : std::move(plans);
    p.from = from;
    p.to = to;
    return p;
  }

  GenerationParams march() { return range(day(2026, 3, 16), day(2026, 3, 31)); }

  GenerationCounts generate(const GenerationParams& p) {
    auto checked = check_generation(t.db(), p);
    EXPECT_TRUE(checked) << (checked ? "" : checked.error().key);
    if (!checked) return {};
    auto counts = generate_entries(t.db(), clock, *checked, manager.id.value, {});
    EXPECT_TRUE(counts) << (counts ? "" : counts.error().key + " " + counts.error().detail);
    return counts ? *counts : GenerationCounts{};
  }

  // Every column that generation or a status change writes, one line per
  // entry of `plan_id`, ordered by customer and date; ids and plan left out
  // so that two plans can be compared.
  std::vector<std::string> snapshot(std::int64_t plan_id, const std::string& extra_where = "") {
    return t.db()
        .read([&](store::Tx& tx) -> Result<std::vector<std::string>> {
          std::vector<std::string> out;
          soci::rowset<std::string> rs =
              tx.sql().prepare
              << "SELECT CAST(customer_id AS TEXT) || '|' || contact_date || '|' || planned_at || "
                 "'|' || next_contact_at || '|' || window_ends_at || '|' || phone_e164 || '|' || "
                 "CAST(status AS TEXT) || '|' || CAST(attempt AS TEXT) || '|' || "
                 "CAST(COALESCE(responsible_user, 0) AS TEXT) || '|' || CAST(version AS TEXT) "
                 "FROM plan_entries WHERE plan_id = " +
                     std::to_string(plan_id) + extra_where + " ORDER BY customer_id, contact_date";
          for (const auto& line : rs) out.push_back(line);
          return out;
        })
        .value();
  }

  // One expected line of snapshot() for a fresh entry.
  std::string fresh(std::int64_t customer, const std::string& date, const std::string& planned,
                    const std::string& ends, const std::string& phone,
                    std::optional<std::int64_t> responsible) {
    return std::to_string(customer) + "|" + date + "|" + planned + "|" + planned + "|" + ends +
           "|" + phone + "|10|1|" + std::to_string(responsible.value_or(0)) + "|1";
  }

  // The entries of the counts scenario, the manual one for Hélène on 17 March included.
  std::vector<std::string> expected_march() {
    std::int64_t r = csr.id.value;
    std::vector<std::string> rows = {
        fresh(helene, "2026-03-17", "2026-03-17T08:00:00Z", "2026-03-17T16:00:00Z", "+33612345678",
              r),
        fresh(helene, "2026-03-24", "2026-03-24T08:00:00Z", "2026-03-24T16:00:00Z", "+33612345678",
              r),
        // Thursday 26th moved to Wednesday 25th.
        fresh(helene, "2026-03-25", "2026-03-25T08:00:00Z", "2026-03-25T16:00:00Z", "+33612345678",
              r),
        // Summer time in Paris: 09:00 is 07:00 UTC.
        fresh(helene, "2026-03-31", "2026-03-31T07:00:00Z", "2026-03-31T15:00:00Z", "+33612345678",
              r),
        fresh(noemie, "2026-03-17", "2026-03-17T14:00:00Z", "2026-03-17T20:00:00Z", "+14169671111",
              r),
        fresh(noemie, "2026-03-31", "2026-03-31T14:00:00Z", "2026-03-31T20:00:00Z", "+14169671111",
              r),
        fresh(paul, "2026-03-17", "2026-03-17T12:30:00Z", "2026-03-17T16:00:00Z", "+33478421010",
              r),
        fresh(paul, "2026-03-24", "2026-03-24T12:30:00Z", "2026-03-24T16:00:00Z", "+33478421010",
              r),
        fresh(paul, "2026-03-25", "2026-03-25T12:30:00Z", "2026-03-25T16:00:00Z", "+33478421010",
              r),
        fresh(paul, "2026-03-31", "2026-03-31T12:30:00Z", "2026-03-31T16:00:00Z", "+33478421010",
              r),
    };
    std::sort(rows.begin(), rows.end(), [](const std::string& a, const std::string& b) {
      auto ka = std::stoll(a.substr(0, a.find('|'))), kb = std::stoll(b.substr(0, b.find('|')));
      return ka != kb ? ka < kb : a < b;
    });
    return rows;
  }

  // Hélène on 17 March, by hand, before the batch.
  void add_manual_entry() {
    ManualEntryInput in;
    in.plan = plan.id.value;
    in.customer = helene;
    in.date = day(2026, 3, 17);
    auto added = planner.add_entry(csr, in);
    ASSERT_TRUE(added) << added.error().key;
  }

  std::int64_t entry_id(std::int64_t plan_id, std::int64_t customer, const std::string& date) {
    return t.db()
        .read([&](store::Tx& tx) -> Result<std::int64_t> {
          long long id = 0;
          tx.sql() << "SELECT id FROM plan_entries WHERE plan_id = " + std::to_string(plan_id) +
                          " AND customer_id = " + std::to_string(customer) +
                          " AND contact_date = '" + date + "'",
              soci::into(id);
          return std::int64_t{id};
        })
        .value();
  }

  void set(std::int64_t entry, int status, std::optional<Instant> callback = std::nullopt) {
    StatusInput in;
    in.status = status;
    in.callback_at = callback;
    auto view = planner.entry(csr, Id<domain::PlanEntry>{entry});
    ASSERT_TRUE(view) << view.error().key;
    in.version = view->row.entry.version;
    auto done = planner.set_status(csr, Id<domain::PlanEntry>{entry}, in);
    ASSERT_TRUE(done) << done.error().key;
  }

  domain::ContactPlan plan;
  std::int64_t zoe = 0;
};

TEST_F(PlanGenerationTest, CountsEveryOutcomeAndWritesExactUtcInstants) {
  add_manual_entry();
  auto counts = generate(march());
  EXPECT_EQ(counts.customers, 4);
  EXPECT_EQ(counts.created, 9);
  EXPECT_EQ(counts.already_present, 1);          // Hélène's manual entry on the 17th
  EXPECT_EQ(counts.skipped_by_exception, 3);     // the 19th, for each customer with a phone
  EXPECT_EQ(counts.skipped_by_non_activity, 2);  // Noémie on the 24th and the 25th (moved)
  EXPECT_EQ(counts.without_phone, 1);
  EXPECT_EQ(counts.customers_without_phone, (std::vector<std::int64_t>{zoe}));
  EXPECT_EQ(counts.deleted, 0);
  EXPECT_EQ(snapshot(plan.id.value), expected_march());
  EXPECT_EQ(count("plan_entries WHERE customer_id = " + std::to_string(zoe)), 0);
}

TEST_F(PlanGenerationTest, RunningTheSameBatchTwiceCreatesNothingNew) {
  add_manual_entry();
  generate(march());
  auto first = snapshot(plan.id.value);
  ASSERT_EQ(first.size(), 10u);
  const long long events = count("plan_entry_events");

  clock.advance(1h);
  auto again = generate(march());
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.already_present, 10);
  EXPECT_EQ(again.skipped_by_exception, 3);
  EXPECT_EQ(again.skipped_by_non_activity, 2);
  EXPECT_EQ(again.without_phone, 1);
  EXPECT_EQ(snapshot(plan.id.value), first);
  EXPECT_EQ(count("plan_entries"), 10);
  EXPECT_EQ(count("plan_entry_events"), events);
}

TEST_F(PlanGenerationTest, DeletePreviousRemovesOpenEntriesBeforeTheRangeAndKeepsCompletedOnes) {
  generate(range(day(2026, 3, 2), day(2026, 3, 15)));  // 3, 5, 10 and 12 March
  ASSERT_EQ(count("plan_entries"), 12);
  auto other = make_plan("OTHER", other_csr.id.value);
  connect(other, helene);
  generate(range(day(2026, 3, 2), day(2026, 3, 15), {other.id.value}));
  ASSERT_EQ(count("plan_entries WHERE plan_id = " + std::to_string(other.id.value)), 4);

  set(entry_id(plan.id.value, helene, "2026-03-03"), 90);
  set(entry_id(plan.id.value, helene, "2026-03-05"), 92);
  set(entry_id(plan.id.value, helene, "2026-03-10"), 93);
  set(entry_id(plan.id.value, paul, "2026-03-03"), 20);
  set(entry_id(plan.id.value, paul, "2026-03-05"), 21, utc("2026-03-12T13:00:00Z"));
  set(entry_id(plan.id.value, paul, "2026-03-10"), 11);

  auto p = march();
  p.delete_previous = true;
  auto counts = generate(p);
  // Paul's four (10, 20, 21, 11), Noémie's four and Hélène's open one of the 12th.
  EXPECT_EQ(counts.deleted, 9);
  EXPECT_EQ(counts.created, 10);
  std::string before = " AND contact_date < '2026-03-16'";
  EXPECT_EQ(count("plan_entries WHERE plan_id = " + std::to_string(plan.id.value) + before), 3);
  auto kept = t.db()
                  .read([&](store::Tx& tx) -> Result<std::vector<std::string>> {
                    std::vector<std::string> out;
                    soci::rowset<std::string> rs =
                        tx.sql().prepare << "SELECT contact_date || ' ' || CAST(status AS TEXT) || "
                                            "' ' || CAST(customer_id AS TEXT) FROM plan_entries "
                                            "WHERE plan_id = " +
                                                std::to_string(plan.id.value) + before +
                                                " ORDER BY contact_date";
                    for (const auto& s : rs) out.push_back(s);
                    return out;
                  })
                  .value();
  std::string h = std::to_string(helene);
  EXPECT_EQ(kept, (std::vector<std::string>{"2026-03-03 90 " + h, "2026-03-05 92 " + h,
                                            "2026-03-10 93 " + h}));
  // Another plan's open entries are not touched.
  EXPECT_EQ(
      count("plan_entries WHERE plan_id = " + std::to_string(other.id.value) + " AND status = 10"),
      4);
}

TEST_F(PlanGenerationTest, SimulateReportsTheCountsAndWritesNothing) {
  add_manual_entry();
  generate(range(day(2026, 3, 2), day(2026, 3, 15)));
  const long long entries = count("plan_entries"), audit = count("audit_log");
  auto before = snapshot(plan.id.value);

  auto p = march();
  p.simulate = true;
  p.delete_previous = true;
  auto simulated = generate(p);
  EXPECT_EQ(simulated.created, 9);
  EXPECT_EQ(simulated.already_present, 1);
  EXPECT_EQ(simulated.skipped_by_exception, 3);
  EXPECT_EQ(simulated.skipped_by_non_activity, 2);
  EXPECT_EQ(simulated.without_phone, 1);
  EXPECT_EQ(count("plan_entries"), entries);
  EXPECT_EQ(count("audit_log"), audit);
  EXPECT_EQ(snapshot(plan.id.value), before);

  p.simulate = false;
  p.delete_previous = false;
  auto real = generate(p);
  EXPECT_EQ(real.created, simulated.created);
  EXPECT_EQ(real.already_present, simulated.already_present);
  EXPECT_EQ(count("plan_entries"), entries + 9);
}

TEST_F(PlanGenerationTest, SelectsCustomersByIdAndByCategoryOrClass) {
  t.db()
      .write([&](store::Tx& tx) -> Status {
        tx.sql() << "UPDATE customers SET customer_class = 'commercial' WHERE id = " +
                        std::to_string(paul);
        tx.sql() << "UPDATE customers SET category = 'VIP' WHERE id = " + std::to_string(noemie);
        return Ok{};
      })
      .value();
  auto by_id = march();
  by_id.customers = {helene};
  auto counts = generate(by_id);
  EXPECT_EQ(counts.customers, 1);
  EXPECT_EQ(counts.created, 4);
  EXPECT_EQ(count("plan_entries"), 4);
  EXPECT_EQ(count("plan_entries WHERE customer_id = " + std::to_string(helene)), 4);

  auto by_group = march();
  by_group.categories = {"commercial", "VIP"};
  counts = generate(by_group);
  EXPECT_EQ(counts.customers, 2);
  EXPECT_EQ(counts.created, 4 + 2);  // Paul: 17, 24, 25, 31; Noémie: 17, 31
  EXPECT_EQ(count("plan_entries WHERE customer_id = " + std::to_string(paul)), 4);
  EXPECT_EQ(count("plan_entries WHERE customer_id = " + std::to_string(noemie)), 2);
  EXPECT_EQ(count("plan_entries WHERE customer_id = " + std::to_string(zoe)), 0);
}

TEST_F(PlanGenerationTest, CheckRefusesBadParametersNamingTheField) {
  auto backwards = check_generation(t.db(), range(day(2026, 3, 31), day(2026, 3, 16)));
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(backwards.error().key, "contact_plan.range_backwards");
  EXPECT_EQ(backwards.error().field, "to");

  // 92 days is the most one batch covers.
  auto quarter =
      range(day(2026, 3, 16), CivilDate{date::sys_days{day(2026, 3, 16)} + date::days{91}});
  EXPECT_TRUE(check_generation(t.db(), quarter));
  auto too_long = check_generation(
      t.db(),
      range(day(2026, 3, 16), CivilDate{date::sys_days{day(2026, 3, 16)} + date::days{92}}));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(too_long.error().key, "contact_plan.range_too_long");
  EXPECT_EQ(too_long.error().field, "to");
  EXPECT_EQ(testing::arg_of(too_long.error(), "max"), "92");

  auto p = march();
  p.customers = {helene, 987654};
  auto unknown_customer = check_generation(t.db(), p);
  ASSERT_FALSE(unknown_customer);
  EXPECT_EQ(unknown_customer.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(unknown_customer.error().key, "generation.customer_unknown");
  EXPECT_EQ(unknown_customer.error().field, "customers");
  EXPECT_EQ(testing::arg_of(unknown_customer.error(), "id"), "987654");

  p = march();
  p.categories = {"residential", "NOSUCH"};
  auto unknown_category = check_generation(t.db(), p);
  ASSERT_FALSE(unknown_category);
  EXPECT_EQ(unknown_category.error().key, "generation.category_unknown");
  EXPECT_EQ(unknown_category.error().field, "categories");
  EXPECT_EQ(testing::arg_of(unknown_category.error(), "code"), "NOSUCH");

  p = march();
  p.plans = {plan.id.value + 1000};
  auto unknown_plan = check_generation(t.db(), p);
  ASSERT_FALSE(unknown_plan);
  EXPECT_EQ(unknown_plan.error().key, "generation.plan_unknown");
  EXPECT_EQ(unknown_plan.error().field, "plans");

  // No plan given: every active plan, and only those.
  auto inactive = make_plan("SLEEPY", std::nullopt);
  inactive.active = false;
  ASSERT_TRUE(planner.update_plan(manager, inactive));
  p = march();
  p.plans.clear();
  auto all = check_generation(t.db(), p);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->plans, (std::vector<std::int64_t>{plan.id.value}));
  EXPECT_EQ(count("plan_entries"), 0);
}

// Issue 13, finding 13: 520,000 ids were accepted (202), then the job
// failed reading its own parameters. The one use case refuses more than
// 10,000 ids or codes per field before any lookup, and starts no job.
TEST_F(PlanGenerationTest, MoreIdsOrCodesThanABatchTakesAreRefusedBeforeAJobStarts) {
  JobRunner runner(t.db(), clock);
  define_jobs(runner, t.db(), clock);
  const long long jobs = count("jobs");
  auto refused_for = [&](GenerationRequest request, const std::string& field) {
    request.from = day(2026, 3, 16);
    request.to = day(2026, 3, 31);
    auto started = start_generation(runner, t.db(), clock, manager, request);
    ASSERT_FALSE(started) << field;
    EXPECT_EQ(started.error().code, ErrorCode::invalid_input) << field;
    EXPECT_EQ(started.error().key, "generation.too_many") << field;
    EXPECT_EQ(started.error().field, field);
    EXPECT_EQ(testing::arg_of(started.error(), "max"), "10000") << field;
  };
  GenerationRequest r;
  r.customers.assign(10001, 987654);  // unknown: the count is checked first
  refused_for(r, "customers");
  r = {};
  r.plans.assign(10001, plan.id.value);
  refused_for(r, "plans");
  r = {};
  r.plan_codes.assign(10001, "NOSUCH");
  refused_for(r, "plans");
  r = {};
  r.categories.assign(10001, "NOSUCH");
  refused_for(r, "categories");
  EXPECT_EQ(count("jobs"), jobs) << "no job was started";

  // 10,000 is still one batch: the job reads its parameters back and runs.
  r = {};
  r.customers.assign(10000, helene);
  r.from = day(2026, 3, 16);
  r.to = day(2026, 3, 31);
  auto started = start_generation(runner, t.db(), clock, manager, r);
  ASSERT_TRUE(started) << started.error().key;
  EXPECT_TRUE(generation_params_from_json(to_json(started->params)));
  for (auto deadline = std::chrono::steady_clock::now() + 30s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(10ms)) {
    auto got = runner.get(manager, started->job);
    ASSERT_TRUE(got);
    if (!domain::is_final(got->status)) continue;
    EXPECT_EQ(got->status, domain::JobStatus::done) << got->message_key;
    return;
  }
  ADD_FAILURE() << "the job did not finish";
}

TEST_F(PlanGenerationTest, ParametersSurviveTheJobsJson) {
  auto p = march();
  p.customers = {helene, paul};
  p.categories = {"VIP"};
  p.delete_previous = true;
  auto back = generation_params_from_json(to_json(p));
  ASSERT_TRUE(back) << back.error().key;
  EXPECT_EQ(back->plans, p.plans);
  EXPECT_EQ(back->customers, p.customers);
  EXPECT_EQ(back->categories, p.categories);
  EXPECT_EQ(back->from, p.from);
  EXPECT_EQ(back->to, p.to);
  EXPECT_TRUE(back->delete_previous);
  EXPECT_FALSE(back->simulate);
  auto bad = generation_params_from_json(R"({"plans":[1],"from":"2026-03-16","to":"16/03"})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "to");
}

TEST_F(PlanGenerationTest, RunsAsAJobThatKeepsItsCounts) {
  add_manual_entry();
  JobRunner runner(t.db(), clock);
  define_jobs(runner, t.db(), clock);
  auto refused = runner.start(csr, "plan_generation", to_json(march()), "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  auto id = runner.start(manager, "plan_generation", to_json(march()), "");
  ASSERT_TRUE(id) << id.error().key;
  domain::Job job;
  for (auto deadline = std::chrono::steady_clock::now() + 30s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(10ms)) {
    auto got = runner.get(manager, *id);
    ASSERT_TRUE(got);
    job = *got;
    if (domain::is_final(job.status)) break;
  }
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "generation.done");
  EXPECT_EQ(job.counts["created"], 9);
  EXPECT_EQ(job.counts["already_present"], 1);
  EXPECT_EQ(job.counts["skipped_by_exception"], 3);
  EXPECT_EQ(job.counts["skipped_by_non_activity"], 2);
  EXPECT_EQ(job.counts["without_phone"], 1);
  EXPECT_NE(job.result.find("\"created\":9"), std::string::npos) << job.result;
  EXPECT_EQ(job.created_by, manager.id.value);
  EXPECT_EQ(snapshot(plan.id.value), expected_march());
}

// A generation killed with SIGKILL part-way through (a server crash), then
// run again, leaves exactly the rows of a run that was never interrupted.
class PlanGenerationKillTest : public testing::PlanFixture {
 protected:
  static constexpr long long kCustomers = 3000;          // six chunks of kGenerationChunk
  static constexpr long long kEntries = 2 * kCustomers;  // Tuesday 17 and Thursday 19 March

  // kCustomers customers, alternately in Paris and Toronto, each on `plans`
  // with a 09:00–17:00 window: plain SQL in one transaction, for speed.
  void add_bulk_customers(const std::vector<std::int64_t>& plans) {
    auto done = t.db().write([&](store::Tx& tx) -> Status {
      tx.sql() << "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                      std::to_string(kCustomers) +
                      ") INSERT INTO customers (kind, family_name, given_name, company_name, "
                      "display_name, language, customer_class, category, tax_id, time_zone, "
                      "status, line1, line2, postal_code, city, region, country, postal_key, "
                      "name_key, search_text, version, created_at, updated_at) SELECT 'person', "
                      "'Bulk' || CAST(i AS TEXT), 'Client', '', 'Bulk' || CAST(i AS TEXT), 'fr', "
                      "'residential', 'BULK', '', CASE WHEN i % 2 = 0 THEN 'Europe/Paris' ELSE "
                      "'America/Toronto' END, 'active', '1 rue', '', '75001', 'Paris', '', 'FR', "
                      "'', '', '', 1, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z' FROM n";
      for (auto plan : plans)
        tx.sql() << "INSERT INTO contact_infos (plan_id, customer_id, phone_e164, time_zone, "
                    "earliest, latest, method, sequence, note, version, updated_at) SELECT " +
                        std::to_string(plan) +
                        ", id, '+33612345678', '', 540, 1020, 'phone', 0, '', 1, "
                        "'2026-03-01T00:00:00Z' FROM customers WHERE category = 'BULK'";
      return Ok{};
    });
    ASSERT_TRUE(done) << done.error().key << " " << done.error().detail;
    ASSERT_EQ(count("customers WHERE category = 'BULK'"), kCustomers);
  }

  GenerationParams params(std::int64_t plan) {
    GenerationParams p;
    p.plans = {plan};
    p.from = testing::day(2026, 3, 16);
    p.to = testing::day(2026, 3, 22);
    return p;
  }

  // (customer, date, planned, next, window end, phone, status, attempt) of
  // every entry of `plan`, sorted; plan and ids left out to compare plans.
  std::vector<std::string> rows_of(std::int64_t plan) {
    return t.db()
        .read([&](store::Tx& tx) -> Result<std::vector<std::string>> {
          std::vector<std::string> out;
          soci::rowset<std::string> rs =
              tx.sql().prepare
              << "SELECT CAST(customer_id AS TEXT) || '|' || contact_date || '|' || planned_at || "
                 "'|' || next_contact_at || '|' || window_ends_at || '|' || phone_e164 || '|' || "
                 "CAST(status AS TEXT) || '|' || CAST(attempt AS TEXT) FROM plan_entries WHERE "
                 "plan_id = " +
                     std::to_string(plan);
          for (const auto& line : rs) out.push_back(line);
          std::sort(out.begin(), out.end());
          return out;
        })
        .value();
  }

  // What an uninterrupted run must give, computed here from the customers' zones.
  std::vector<std::string> expected_rows() {
    return t.db()
        .read([&](store::Tx& tx) -> Result<std::vector<std::string>> {
          std::vector<std::string> out;
          soci::rowset<std::string> rs =
              tx.sql().prepare << "SELECT CAST(id AS TEXT) || ' ' || time_zone FROM customers "
                                  "WHERE category = 'BULK'";
          for (const auto& line : rs) {
            auto space = line.find(' ');
            std::string id = line.substr(0, space);
            bool paris = line.substr(space + 1) == "Europe/Paris";
            for (std::string date : {"2026-03-17", "2026-03-19"}) {
              std::string start = date + (paris ? "T08:00:00Z" : "T13:00:00Z");
              std::string end = date + (paris ? "T16:00:00Z" : "T21:00:00Z");
              out.push_back(id + "|" + date + "|" + start + "|" + start + "|" + end +
                            "|+33612345678|10|1");
            }
          }
          std::sort(out.begin(), out.end());
          return out;
        })
        .value();
  }
};

TEST_F(PlanGenerationKillTest, KilledMidwayThenRunAgainGivesTheRowsOfAnUninterruptedRun) {
  auto killed_plan = make_plan("KILLED", std::nullopt);
  auto whole_plan = make_plan("WHOLE", std::nullopt);
  add_bulk_customers({killed_plan.id.value, whole_plan.id.value});
  ASSERT_FALSE(HasFailure());
  const std::string url = t.url();
  const auto killed_params = params(killed_plan.id.value);
  const std::string killed_entries =
      "plan_entries WHERE plan_id = " + std::to_string(killed_plan.id.value);

  pid_t child = fork();
  ASSERT_NE(child, -1) << "fork failed";
  if (child == 0) {
    // The child: its own connection, never the parent's inherited ones, and
    // _exit() so that no destructor of the parent's objects runs here. It
    // pauses after each committed chunk so that the parent can catch it
    // between the first chunk and the last.
    int code = 2;
    if (auto db = store::Database::open(url, 1)) {
      GenerationHooks hooks;
      hooks.progress = [](long long done, long long, const GenerationCounts&) {
        if (done > 0) std::this_thread::sleep_for(200ms);
      };
      code = generate_entries(**db, clock, killed_params, std::nullopt, hooks) ? 0 : 3;
    }
    _exit(code);
  }

  long long seen = 0;
  bool child_ended = false;
  int status = 0;
  for (auto deadline = std::chrono::steady_clock::now() + 60s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(2ms)) {
    seen = count(killed_entries);
    if (seen > 0) break;
    if (waitpid(child, &status, WNOHANG) == child) {
      child_ended = true;
      break;
    }
  }
  if (!child_ended) {
    kill(child, SIGKILL);
    ASSERT_EQ(waitpid(child, &status, 0), child);
  }
  ASSERT_FALSE(child_ended) << "the child ended (exit status " << WEXITSTATUS(status)
                            << ") before any chunk was seen";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

  // Whole chunks only: each is one transaction.
  const long long committed = count(killed_entries);
  EXPECT_GT(committed, 0);
  EXPECT_LT(committed, kEntries);
  EXPECT_EQ(committed % (2 * kGenerationChunk), 0) << committed;

  auto rerun = generate_entries(t.db(), clock, killed_params, manager.id.value, {});
  ASSERT_TRUE(rerun) << rerun.error().key << " " << rerun.error().detail;
  EXPECT_EQ(rerun->customers, kCustomers);
  EXPECT_EQ(rerun->created, kEntries - committed);
  EXPECT_EQ(rerun->already_present, committed);

  auto whole = generate_entries(t.db(), clock, params(whole_plan.id.value), manager.id.value, {});
  ASSERT_TRUE(whole) << whole.error().key;
  EXPECT_EQ(whole->created, kEntries);

  auto killed_rows = rows_of(killed_plan.id.value);
  EXPECT_EQ(killed_rows.size(), static_cast<std::size_t>(kEntries));
  EXPECT_EQ(std::set<std::string>(killed_rows.begin(), killed_rows.end()).size(),
            killed_rows.size());
  EXPECT_TRUE(killed_rows == rows_of(whole_plan.id.value));
  EXPECT_TRUE(killed_rows == expected_rows());
  EXPECT_EQ(count(killed_entries), kEntries);
}

// Issue 17: a generation job split into partitions that the workers of two
// servers (two JobRunners, each on its own Database, as two processes
// would be) claim from the database.
class SharedGenerationTest : public PlanGenerationKillTest {
 protected:
  // A "server": its own connections and its own runner.
  struct Server {
    std::unique_ptr<store::Database> db;
    std::unique_ptr<JobRunner> jobs;
  };
  // lease: short where a test waits for one to run out (a server killed);
  // where none should, long enough for a sanitizer build on a busy machine,
  // whose heartbeat may be late by more than the short one.
  Server server(std::chrono::milliseconds pause, std::int64_t partition_size, int workers = 2,
                std::chrono::milliseconds lease = 800ms) {
    Server s;
    auto db = store::Database::open(t.url(), 6);
    EXPECT_TRUE(db) << (db ? "" : db.error().detail);
    if (!db) return s;
    s.db = std::move(*db);
    JobRunnerOptions o;
    o.workers = workers;
    o.heartbeat = 100ms;
    o.lease = lease;
    o.poll = 50ms;
    o.partition_size = partition_size;
    o.pause_after_progress = pause;
    s.jobs = std::make_unique<JobRunner>(*s.db, clock, o);
    define_jobs(*s.jobs, *s.db, clock);
    return s;
  }

  domain::Job wait_final(JobRunner& jobs, Id<domain::Job> id) {
    domain::Job job;
    for (auto deadline = std::chrono::steady_clock::now() + 60s;
         std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
      auto got = jobs.get(manager, id);
      EXPECT_TRUE(got);
      if (!got) break;
      job = *got;
      if (domain::is_final(job.status)) return job;
    }
    ADD_FAILURE() << "the job did not finish";
    return job;
  }

  // Every entry of the plan once, exactly those of an uninterrupted single run.
  void expect_single_run_entries(const domain::ContactPlan& plan) {
    auto rows = rows_of(plan.id.value);
    EXPECT_EQ(rows.size(), static_cast<std::size_t>(kEntries));
    EXPECT_EQ(std::set<std::string>(rows.begin(), rows.end()).size(), rows.size());
    EXPECT_TRUE(rows == expected_rows());
  }
};

TEST_F(SharedGenerationTest, TwoServersShareAGenerationAndMakeTheEntriesOfASingleRun) {
  auto shared = make_plan("SHARED", std::nullopt);
  auto single = make_plan("SINGLE", std::nullopt);
  add_bulk_customers({shared.id.value, single.id.value});
  ASSERT_FALSE(HasFailure());
  auto a = server(100ms, kGenerationChunk, 2, 10s);
  auto b = server(100ms, kGenerationChunk, 2, 10s);
  ASSERT_TRUE(a.jobs && b.jobs);
  b.jobs->start_workers();
  auto id = a.jobs->start(manager, "plan_generation", to_json(params(shared.id.value)), "");
  ASSERT_TRUE(id) << id.error().key;
  auto job = wait_final(*b.jobs, *id);
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "generation.done");
  EXPECT_EQ(job.counts["created"], kEntries);
  EXPECT_EQ(job.counts["already_present"], 0);
  EXPECT_EQ(job.done, kCustomers);
  EXPECT_EQ(job.total, kCustomers);
  EXPECT_NE(job.result.find("\"created\":" + std::to_string(kEntries)), std::string::npos)
      << job.result;
  ASSERT_EQ(job.partitions.size(), static_cast<std::size_t>(kCustomers / kGenerationChunk));
  std::set<std::string> claimers;
  for (const auto& p : job.partitions) {
    EXPECT_EQ(p.status, domain::JobStatus::done);
    EXPECT_EQ(p.attempt, 1);
    claimers.insert(p.claimed_by);
  }
  EXPECT_EQ(claimers, (std::set<std::string>{a.jobs->server_id(), b.jobs->server_id()}))
      << "both servers worked on the generation";

  auto whole = generate_entries(t.db(), clock, params(single.id.value), manager.id.value, {});
  ASSERT_TRUE(whole) << whole.error().key;
  EXPECT_TRUE(rows_of(shared.id.value) == rows_of(single.id.value));
  expect_single_run_entries(shared);
}

// A server stops heartbeating mid-way (killed): after its lease, the other
// server takes its partition over and resumes after the last committed
// chunk — the counts show no chunk was done twice.
TEST_F(SharedGenerationTest, APartitionWhoseServerDiedIsTakenOverAfterItsLease) {
  auto plan = make_plan("TAKEN", std::nullopt);
  add_bulk_customers({plan.id.value});
  ASSERT_FALSE(HasFailure());
  const std::string entries = "plan_entries WHERE plan_id = " + std::to_string(plan.id.value);
  // Partitions of two chunks, one worker, a long pause after each chunk.
  auto a = server(400ms, 2 * kGenerationChunk, 1);
  ASSERT_TRUE(a.jobs);
  auto id = a.jobs->start(manager, "plan_generation", to_json(params(plan.id.value)), "");
  ASSERT_TRUE(id) << id.error().key;
  for (auto deadline = std::chrono::steady_clock::now() + 30s;
       count(entries) == 0 && std::chrono::steady_clock::now() < deadline;)
    std::this_thread::sleep_for(5ms);
  a.jobs->freeze_for_test();  // as kill -9: no heartbeat, nothing more written
  const std::string dead = a.jobs->server_id();
  a.jobs.reset();
  a.db.reset();
  const long long committed = count(entries);
  EXPECT_EQ(committed, 2 * kGenerationChunk) << "the first chunk only";

  auto b = server(0ms, 2 * kGenerationChunk);
  ASSERT_TRUE(b.jobs);
  b.jobs->start_workers();
  auto job = wait_final(*b.jobs, *id);
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.counts["created"], kEntries);
  EXPECT_EQ(job.counts["already_present"], 0) << "no chunk was generated twice";
  EXPECT_EQ(job.done, kCustomers);
  ASSERT_FALSE(job.partitions.empty());
  EXPECT_EQ(job.partitions.front().attempt, 2) << "claimed by " << dead << ", then taken over";
  EXPECT_EQ(job.partitions.front().claimed_by, b.jobs->server_id());
  expect_single_run_entries(plan);
}

TEST_F(SharedGenerationTest, CancelStopsThePartitionsOfEveryServer) {
  auto plan = make_plan("CANCEL", std::nullopt);
  add_bulk_customers({plan.id.value});
  ASSERT_FALSE(HasFailure());
  auto a = server(300ms, kGenerationChunk / 2, 1);
  auto b = server(300ms, kGenerationChunk / 2, 1);
  ASSERT_TRUE(a.jobs && b.jobs);
  b.jobs->start_workers();
  auto id = a.jobs->start(manager, "plan_generation", to_json(params(plan.id.value)), "");
  ASSERT_TRUE(id) << id.error().key;
  // Both servers hold a running partition.
  std::set<std::string> running;
  for (auto deadline = std::chrono::steady_clock::now() + 30s;
       running.size() < 2 && std::chrono::steady_clock::now() < deadline;
       std::this_thread::sleep_for(5ms)) {
    auto job = a.jobs->get(manager, *id);
    ASSERT_TRUE(job);
    running.clear();
    for (const auto& p : job->partitions)
      if (p.status == domain::JobStatus::running) running.insert(p.claimed_by);
  }
  ASSERT_EQ(running.size(), 2u);
  ASSERT_TRUE(a.jobs->cancel(manager, *id));
  auto job = wait_final(*b.jobs, *id);
  EXPECT_EQ(job.status, domain::JobStatus::cancelled) << job.message_key;
  std::set<std::string> cancelled_holders;
  long long cancelled = 0;
  for (const auto& p : job.partitions) {
    EXPECT_TRUE(domain::is_final(p.status));
    if (p.status != domain::JobStatus::cancelled) continue;
    ++cancelled;
    if (!p.claimed_by.empty()) cancelled_holders.insert(p.claimed_by);
  }
  EXPECT_GT(cancelled, 0);
  EXPECT_EQ(cancelled_holders, running) << "the partitions of both servers stopped";
  EXPECT_LT(count("plan_entries WHERE plan_id = " + std::to_string(plan.id.value)), kEntries);
}

}  // namespace
}  // namespace rapport::app
