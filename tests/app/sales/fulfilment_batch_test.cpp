// The fulfilment batch on a real database (SQLite and PostgreSQL): it
// completes the open lines of the orders chosen, chunk by chunk, through
// the path a single completion takes — assets only for trackable lines,
// an order complete once all its lines are done — stops between two chunks
// when cancelled, refuses the lines of an order canceled meanwhile, and
// refuses a bad selection before any job starts.
#include "app/sales/fulfilment_batch.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "app/jobs/job_kinds.h"
#include "app/sales/sales_order_desk.h"
#include "store/audit_repository.h"
#include "store/sales/asset_repository.h"
#include "support/fixed_clock.h"
#include "support/job_takeover.h"
#include "support/plan_fixture.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using namespace std::chrono_literals;
using rapport::testing::ymd;

class FulfilmentBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    meter = product("SMART-METER", true);
    visit = product("INSTALL-VISIT", false);
    PriceList list;
    list.code = "STD-2026";
    list.name_en = "Standard 2026";
    list.currency = "EUR";
    list.valid_from = ymd(2026, 1, 1);
    list.is_default = true;
    auto stored = catalog.create_price_list(manager, list);
    ASSERT_TRUE(stored) << stored.error().key;
    ASSERT_TRUE(catalog.set_price(manager, stored->id, {meter.id, 12'000, {}}));
    ASSERT_TRUE(catalog.set_price(manager, stored->id, {visit.id, 8'990, {}}));
    NewCustomer n;
    n.customer.family_name = "Moreau";
    n.customer.given_name = "Lucie";
    n.customer.address = {"12 rue des Lilas", "", "69003", "Lyon", "", "FR"};
    n.save_despite_duplicates = true;
    auto added = CustomerDesk(t.db(), clock).add(csr, n);
    ASSERT_TRUE(added && added->created);
    customer = added->created->customer.id.value;
  }

  Product product(std::string code, bool trackable) {
    Product p;
    p.code = std::move(code);
    p.name_en = p.code;
    p.trackable = trackable;
    p.orderable_from = ymd(2026, 1, 1);
    auto stored = catalog.create_product(manager, p);
    EXPECT_TRUE(stored);
    return stored ? *stored : p;
  }

  // An open order of a meter (trackable) and a visit (not).
  SalesOrder open_order() {
    SalesOrderHeader h;
    h.customer = customer;
    h.requested_delivery = ymd(2026, 3, 20);
    auto o = desk.create(csr, h);
    EXPECT_TRUE(o);
    for (const char* code : {"SMART-METER", "INSTALL-VISIT"})
      o = desk.add_line(csr, o->id, o->version, {std::nullopt, code, 1000, 0});
    auto submitted = desk.submit(csr, o->id, o->version);
    EXPECT_TRUE(submitted) << (submitted ? "" : submitted.error().key);
    return submitted ? *submitted : SalesOrder{};
  }

  SalesOrder reread(const SalesOrder& o) { return desk.view(csr, o.id)->order; }

  FulfilmentBatchRequest of_orders(std::vector<std::int64_t> ids) {
    FulfilmentBatchRequest r;
    r.orders = std::move(ids);
    return r;
  }

  std::size_t assets() { return desk.assets(csr, customer)->size(); }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};  // 2026-03-10
  SalesOrderDesk desk{t.db(), clock};
  CatalogDesk catalog{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  User fulfiller = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  store::Actor fred = actor_of(fulfiller);
  Product meter, visit;
  std::int64_t customer = 0;
};

TEST_F(FulfilmentBatchTest, CompletesTheChosenOrdersWithAssetsOnlyForTrackableLines) {
  auto first = open_order(), second = open_order(), other = open_order();
  std::vector<long long> progress;
  FulfilmentBatchHooks hooks;
  hooks.progress = [&](long long done, long long, const FulfilmentCounts&) {
    progress.push_back(done);
  };
  // Three lines a chunk: the second order is split between two chunks.
  auto run = run_fulfilment_batch(t.db(), clock, fred, of_orders({first.id.value, second.id.value}),
                                  hooks, 3);
  ASSERT_TRUE(run) << run.error().key;
  EXPECT_FALSE(run->cancelled);
  EXPECT_EQ(run->selected, 4);
  EXPECT_EQ(run->counts.completed, 4);
  EXPECT_EQ(run->counts.assets, 2);
  EXPECT_EQ(run->counts.orders_completed, 2);
  EXPECT_EQ(progress, (std::vector<long long>{3, 4}));
  for (const auto& o : {first, second}) {
    auto now = reread(o);
    EXPECT_EQ(now.status, SalesOrderStatus::complete);
    EXPECT_TRUE(now.lines[0].asset) << "the meter is trackable";
    EXPECT_FALSE(now.lines[1].asset) << "the visit is not";
    EXPECT_GT(now.version, o.version);
  }
  auto rows = desk.assets(csr, customer);
  ASSERT_EQ(rows->size(), 2u);
  for (const auto& row : *rows) {
    EXPECT_EQ(row.product_code, "SMART-METER");
    EXPECT_EQ(row.asset.installed_on, ymd(2026, 3, 10));
    EXPECT_EQ(row.asset.number.substr(0, 3), "AS-");
  }
  // The asset's creation is recorded on the order line that made it: the
  // lines an order had done in one chunk share one audit row "lines", which
  // lists each line before and after.
  auto history = t.db().read([&](store::Tx& tx) {
    return Result<std::vector<store::AuditRow>>{
        store::AuditRepository::history(tx, "sales_order", first.id.value)};
  });
  ASSERT_TRUE(history);
  const auto done = reread(first);
  const auto& meter_line = done.lines[0];
  const auto& visit_line = done.lines[1];
  const std::string made = "line." + std::to_string(meter_line.line_number) + ": SMART-METER";
  const std::string asset = "[complete] → " + store::asset_number_of(*meter_line.asset) + "\n";
  const std::string visit = "line." + std::to_string(visit_line.line_number) + ": ";
  const auto lines_row = std::find_if(history->begin(), history->end(),
                                      [](const store::AuditRow& r) { return r.field == "lines"; });
  ASSERT_NE(lines_row, history->end()) << "one row for the lines done together";
  ASSERT_TRUE(lines_row->new_value && lines_row->old_value);
  const std::string& is = *lines_row->new_value;
  EXPECT_NE(is.find(made), std::string::npos) << is;
  EXPECT_NE(is.find(asset), std::string::npos) << "the meter's line names its asset: " << is;
  EXPECT_NE(is.find(visit), std::string::npos) << "the visit's line is listed too: " << is;
  EXPECT_NE(lines_row->old_value->find("[open]"), std::string::npos) << *lines_row->old_value;
  EXPECT_EQ(std::count_if(history->begin(), history->end(),
                          [](const store::AuditRow& r) { return r.field.starts_with("line."); }),
            2)
      << "the lines' creation only: their fulfilment is in the row above";
  // The other order was not chosen: its lines still wait in the queue.
  EXPECT_EQ(reread(other).status, SalesOrderStatus::open);
  EXPECT_EQ(desk.fulfilment_queue(fulfiller, 50, 0)->size(), 2u);
  // A fulfilment user's click after the batch makes its asset the same way.
  auto one = desk.complete_line(fulfiller, other.id, std::nullopt, other.lines[0].id);
  ASSERT_TRUE(one) << one.error().key;
  EXPECT_EQ(assets(), 3u);
}

TEST_F(FulfilmentBatchTest, TheWholeQueueCanFailWithOneReason) {
  auto a = open_order(), b = open_order();
  FulfilmentBatchRequest r;
  r.whole_queue = true;
  r.outcome = LineOutcome::fail;
  r.reason = "Warehouse flooded";
  ASSERT_TRUE(check_fulfilment_batch(t.db(), r));
  auto run = run_fulfilment_batch(t.db(), clock, fred, r);
  ASSERT_TRUE(run) << run.error().key;
  EXPECT_EQ(run->counts.failed, 4);
  EXPECT_EQ(run->counts.assets, 0);
  EXPECT_EQ(assets(), 0u);
  for (const auto& o : {a, b}) {
    auto now = reread(o);
    EXPECT_EQ(now.status, SalesOrderStatus::complete);
    EXPECT_EQ(now.lines[0].status, LineStatus::failed);
    EXPECT_EQ(now.lines[0].fail_reason, "Warehouse flooded");
  }
}

TEST_F(FulfilmentBatchTest, ACancelStopsItBetweenChunksKeepingWhatWasDone) {
  auto a = open_order(), b = open_order(), c = open_order();
  int chunks = 0;
  FulfilmentBatchHooks hooks;
  hooks.progress = [&](long long, long long, const FulfilmentCounts&) { ++chunks; };
  hooks.cancelled = [&] { return chunks == 1; };  // asked during the first chunk
  auto run = run_fulfilment_batch(t.db(), clock, fred,
                                  of_orders({a.id.value, b.id.value, c.id.value}), hooks, 2);
  ASSERT_TRUE(run) << run.error().key;
  EXPECT_TRUE(run->cancelled);
  EXPECT_EQ(chunks, 1);
  EXPECT_EQ(run->counts.completed, 2);
  EXPECT_EQ(reread(a).status, SalesOrderStatus::complete);
  EXPECT_EQ(reread(b).status, SalesOrderStatus::open);
  EXPECT_EQ(reread(c).status, SalesOrderStatus::open);
  EXPECT_EQ(assets(), 1u);
  EXPECT_EQ(desk.fulfilment_queue(fulfiller, 50, 0)->size(), 4u);
}

TEST_F(FulfilmentBatchTest, TheLinesOfAnOrderCanceledMeanwhileAreRefused) {
  auto a = open_order(), b = open_order();
  FulfilmentBatchHooks hooks;
  // After the first chunk (order a), a CSR cancels order b.
  hooks.progress = [&](long long done, long long, const FulfilmentCounts&) {
    if (done == 2) {
      ASSERT_TRUE(desk.cancel(csr, b.id, b.version));
    }
  };
  auto run =
      run_fulfilment_batch(t.db(), clock, fred, of_orders({a.id.value, b.id.value}), hooks, 2);
  ASSERT_TRUE(run) << run.error().key;
  EXPECT_EQ(run->counts.completed, 2);
  EXPECT_EQ(run->counts.refused, 2);
  auto now = reread(b);
  EXPECT_EQ(now.status, SalesOrderStatus::canceled);
  EXPECT_FALSE(now.lines[0].asset);
  EXPECT_EQ(assets(), 1u) << "only order a's meter";
  // Named again, the canceled order is refused before a job starts.
  auto refused = check_fulfilment_batch(t.db(), of_orders({b.id.value}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "fulfilment.order_not_open");
  EXPECT_EQ(testing::arg_of(refused.error(), "number"), b.number);
}

TEST_F(FulfilmentBatchTest, ABadSelectionIsRefusedBeforeAJobStarts) {
  auto open = open_order();
  SalesOrderHeader h;
  h.customer = customer;
  auto pending = desk.create(csr, h);
  ASSERT_TRUE(pending);
  JobRunner runner(t.db(), clock);
  define_jobs(runner, t.db(), clock);
  const auto jobs_before = t.count("jobs");
  auto refusal = [&](const FulfilmentBatchRequest& r) {
    auto started = start_fulfilment_batch(runner, t.db(), fulfiller, r);
    EXPECT_FALSE(started);
    return started ? Error{} : started.error();
  };
  auto empty = refusal({});
  EXPECT_EQ(empty.key, "fulfilment.selection_empty");
  EXPECT_EQ(empty.field, "orders");
  EXPECT_EQ(refusal(of_orders({987654})).key, "fulfilment.order_unknown");
  EXPECT_EQ(refusal(of_orders({pending->id.value})).key, "fulfilment.order_not_open");
  EXPECT_EQ(refusal(of_orders(std::vector<std::int64_t>(kMaxBatchOrders + 1, open.id.value))).key,
            "fulfilment.too_many_orders");
  auto fail = of_orders({open.id.value});
  fail.outcome = LineOutcome::fail;
  EXPECT_EQ(refusal(fail).key, "sales_order.line_fail_reason_required");
  auto forbidden = start_fulfilment_batch(runner, t.db(), csr, of_orders({open.id.value}));
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::forbidden);
  EXPECT_EQ(t.count("jobs"), jobs_before);
  EXPECT_EQ(reread(open).status, SalesOrderStatus::open);
}

TEST_F(FulfilmentBatchTest, RunsAsAJobWithItsCounts) {
  auto a = open_order(), b = open_order();
  JobRunner runner(t.db(), clock);
  define_jobs(runner, t.db(), clock);
  auto id = start_fulfilment_batch(runner, t.db(), fulfiller, of_orders({a.id.value, b.id.value}));
  ASSERT_TRUE(id) << id.error().key;
  domain::Job job;
  for (auto deadline = std::chrono::steady_clock::now() + 30s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(10ms)) {
    auto got = runner.get(fulfiller, *id);
    ASSERT_TRUE(got);
    job = *got;
    if (domain::is_final(job.status)) break;
  }
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "fulfilment.batch_done");
  EXPECT_EQ(job.counts["completed"], 4);
  EXPECT_EQ(job.counts["assets"], 2);
  EXPECT_EQ(job.counts["orders_completed"], 2);
  EXPECT_EQ(reread(a).status, SalesOrderStatus::complete);
  EXPECT_EQ(assets(), 2u);
}

// Issue 17: a batch whose server died after its first chunk is taken over
// by another server's worker once the lease ran out, and resumes after that
// chunk (its cursor ends inside an order): the counts and the rows are a
// single run's — no line done twice nor refused as "already done" because
// the first server did it, none missing; the lines of an order canceled
// while nobody ran the batch are refused, as a single run would.
TEST_F(FulfilmentBatchTest, ABatchWhoseServerDiedIsTakenOverAfterItsLastCommittedChunk) {
  constexpr int kOrders = 40, kLines = 15;  // 600 lines: a first chunk of 500 ends in order 34
  std::vector<SalesOrder> orders;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kOrders; ++i) {
    SalesOrderHeader h;
    h.customer = customer;
    h.requested_delivery = ymd(2026, 3, 20);
    auto o = desk.create(csr, h);
    ASSERT_TRUE(o);
    for (int l = 0; l < kLines; ++l)
      o = desk.add_line(csr, o->id, o->version,
                        {std::nullopt, l % 2 == 0 ? "SMART-METER" : "INSTALL-VISIT", 1000, 0});
    ASSERT_TRUE(o);
    auto submitted = desk.submit(csr, o->id, o->version);
    ASSERT_TRUE(submitted) << submitted.error().key;
    orders.push_back(*submitted);
    ids.push_back(submitted->id.value);
  }
  const std::string done_lines = "sales_order_lines WHERE status = 'complete'";
  auto a_db = store::Database::open(t.url(), 4);
  ASSERT_TRUE(a_db);
  auto a = testing::takeover_runner(**a_db, clock, 400ms);
  auto id = start_fulfilment_batch(*a, t.db(), fulfiller, of_orders(ids));
  ASSERT_TRUE(id) << id.error().key;
  // As kill -9 once its first chunk is committed.
  testing::kill_after_first_chunk(a, [&] { return t.count(done_lines) > 0; });
  a_db->reset();
  EXPECT_EQ(t.count(done_lines), kFulfilmentChunk) << "the first chunk only";
  // Meanwhile a CSR cancels the last order.
  ASSERT_TRUE(desk.cancel(csr, orders.back().id, reread(orders.back()).version));

  auto b = testing::takeover_runner(t.db(), clock, 0ms);
  b->start_workers();
  domain::Job job = testing::wait_final(*b, fulfiller, *id);
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "fulfilment.batch_done");
  ASSERT_EQ(job.partitions.size(), 1u);
  EXPECT_EQ(job.partitions.front().attempt, 2) << "taken over";
  EXPECT_EQ(job.partitions.front().claimed_by, b->server_id());
  // A single run's counts.
  constexpr int kMeters = (kLines + 1) / 2;
  EXPECT_EQ(job.counts["completed"], (kOrders - 1) * kLines);
  EXPECT_EQ(job.counts["failed"], 0);
  EXPECT_EQ(job.counts["assets"], (kOrders - 1) * kMeters);
  EXPECT_EQ(job.counts["orders_completed"], kOrders - 1);
  EXPECT_EQ(job.counts["refused"], kLines) << "the canceled order's lines only";
  EXPECT_EQ(job.done, kOrders * kLines);
  EXPECT_EQ(job.total, kOrders * kLines);
  // And its rows: one asset per meter, each order complete but the last.
  EXPECT_EQ(t.count(done_lines), (kOrders - 1) * kLines);
  EXPECT_EQ(t.count("assets"), (kOrders - 1) * kMeters);
  EXPECT_EQ(t.count("(SELECT DISTINCT origin_line_id FROM assets) d"), (kOrders - 1) * kMeters)
      << "no line made two assets";
  for (int i = 0; i + 1 < kOrders; ++i)
    EXPECT_EQ(reread(orders[i]).status, SalesOrderStatus::complete) << i;
  EXPECT_EQ(reread(orders.back()).status, SalesOrderStatus::canceled);
}

}  // namespace
}  // namespace rapport::app
