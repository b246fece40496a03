// Orders taken from a contact (contact-planning.md, "Orders from a
// contact"), on a real database (SQLite and PostgreSQL): Enter order on an
// order-intake plan's entry, the "already exists" choice between
// supplementing and a new order, and closing with a contact status —
// deleting an empty order after confirmation, keeping one with lines (OK)
// and recalculating the next contact for 11, 20 and 21.
#include "app/sales/contact_order_desk.h"

#include "app/catalog/catalog_desk.h"
#include "support/plan_fixture.h"

namespace rapport::app {
namespace {

using namespace domain;
using testing::day;

class ContactOrderDeskTest : public testing::PlanFixture {
 protected:
  void SetUp() override {
    PlanFixture::SetUp();
    if (HasFatalFailure()) return;
    auto p = make_plan("ORDERS", csr.id.value);
    p.departure = "LYON-EST";
    p.lead_days = 2;
    auto updated = planner.update_plan(manager, p);
    ASSERT_TRUE(updated) << updated.error().key;
    plan = *updated;
    connect(plan, paul);
    Product meter;
    meter.code = "METER";
    meter.name_en = "Meter";
    meter.orderable_from = day(2026, 1, 1);
    auto product = catalog.create_product(manager, meter);
    ASSERT_TRUE(product);
    PriceList list{{},           "STD", "Standard", "Standard", "EUR", day(2026, 1, 1),
                   std::nullopt, true,  0};
    auto stored = catalog.create_price_list(manager, list);
    ASSERT_TRUE(stored);
    ASSERT_TRUE(catalog.set_price(manager, stored->id, {product->id, 1000, {}}));
    ManualEntryInput in;
    in.plan = plan.id.value;
    in.customer = paul;
    in.date = day(2026, 3, 10);
    auto row = planner.add_entry(csr, in);
    ASSERT_TRUE(row) << row.error().key;
    entry = row->entry.id;
  }

  Version entry_version() { return planner.entry(csr, entry)->row.entry.version; }

  StatusInput status(int code) {
    StatusInput s;
    s.status = code;
    s.version = entry_version();
    return s;
  }

  SalesOrder with_line(SalesOrder o) {
    auto added = sales.add_line(csr, o.id, o.version, {std::nullopt, "METER", 1000, 0});
    EXPECT_TRUE(added) << (added ? "" : added.error().key);
    return added ? *added : o;
  }

  ContactOrderDesk desk{t.db(), clock};
  SalesOrderDesk sales{t.db(), clock};
  CatalogDesk catalog{t.db(), clock};
  ContactPlan plan;
  Id<PlanEntry> entry;
};

TEST_F(ContactOrderDeskTest, EnterOrderUsesThePlansDeliveryDateAndDeparture) {
  auto start = desk.start(csr, entry);
  ASSERT_TRUE(start) << start.error().key;
  EXPECT_EQ(start->requested_delivery, day(2026, 3, 12));  // contact date + 2 lead days
  EXPECT_EQ(start->proposed_status, ContactStatus::completed);
  EXPECT_FALSE(start->existing);
  auto order = desk.open(csr, entry, EntryOrderChoice::create_new);
  ASSERT_TRUE(order) << order.error().key;
  EXPECT_EQ(order->requested_delivery, day(2026, 3, 12));
  EXPECT_EQ(order->departure, "LYON-EST");
  EXPECT_EQ(order->plan_entry, entry.value);
  EXPECT_EQ(planner.entry(csr, entry)->row.entry.sales_order, order->id.value);
}

TEST_F(ContactOrderDeskTest, AnExistingOrderForTheDateIsSupplementedNotDuplicated) {
  SalesOrderHeader h;
  h.customer = paul;
  h.requested_delivery = day(2026, 3, 12);
  auto earlier = sales.create(csr, h);
  ASSERT_TRUE(earlier);
  auto start = desk.start(csr, entry);
  ASSERT_TRUE(start && start->existing);
  EXPECT_EQ(start->existing->number, earlier->number);  // "Customer order #N already exists"
  // Without a choice, nothing is made: the CSR is asked.
  auto asked = desk.open(csr, entry, std::nullopt);
  ASSERT_FALSE(asked);
  EXPECT_EQ(asked.error().key, "sales_order.already_exists");
  EXPECT_EQ(asked.error().args.at(0).second, earlier->number);
  EXPECT_EQ(t.count("sales_orders"), 1);
  auto order = desk.open(csr, entry, EntryOrderChoice::supplement);
  ASSERT_TRUE(order) << order.error().key;
  EXPECT_EQ(order->id, earlier->id);
  with_line(*order);
  EXPECT_EQ(t.count("sales_orders"), 1);
  EXPECT_EQ(planner.entry(csr, entry)->row.entry.sales_order, earlier->id.value);
}

TEST_F(ContactOrderDeskTest, WithoutAChoiceANewOrderIsMadeWhenNoneExistsForTheDate) {
  auto order = desk.open(csr, entry, std::nullopt);
  ASSERT_TRUE(order) << order.error().key;
  EXPECT_EQ(order->plan_entry, entry.value);
  EXPECT_EQ(t.count("sales_orders"), 1);
}

TEST_F(ContactOrderDeskTest, SupplementingNeedsAnExistingOrder) {
  EXPECT_EQ(desk.open(csr, entry, EntryOrderChoice::supplement).error().key,
            "sales_order.nothing_to_supplement");
  EXPECT_EQ(t.count("sales_orders"), 0);
}

TEST_F(ContactOrderDeskTest, ClosingAnEmptyOrderWithAnotherStatusThan90AsksThenDeletesIt) {
  ASSERT_TRUE(desk.open(csr, entry, EntryOrderChoice::create_new));
  auto asked = desk.close(csr, entry, status(92), false);
  ASSERT_TRUE(asked) << asked.error().key;
  EXPECT_TRUE(asked->needs_confirmation);
  EXPECT_EQ(t.count("sales_orders"), 1);  // nothing changed yet
  EXPECT_EQ(planner.entry(csr, entry)->row.entry.status, ContactStatus::planned);
  auto closed = desk.close(csr, entry, status(92), true);
  ASSERT_TRUE(closed) << closed.error().key;
  EXPECT_TRUE(closed->order_deleted);
  EXPECT_EQ(t.count("sales_orders"), 0);
  auto after = planner.entry(csr, entry)->row.entry;
  EXPECT_EQ(after.status, ContactStatus::completed_no_order);
  EXPECT_FALSE(after.sales_order);
}

TEST_F(ContactOrderDeskTest, AnOrderWithLinesStaysAndCallBackRecalculatesTheNextContact) {
  auto order = desk.open(csr, entry, EntryOrderChoice::create_new);
  ASSERT_TRUE(order);
  with_line(*order);
  const auto before = planner.entry(csr, entry)->row.entry.next_contact_at;
  auto closed = desk.close(csr, entry, status(20), false);  // busy
  ASSERT_TRUE(closed) << closed.error().key;
  EXPECT_EQ(closed->outcome, ClosingOutcome::keep_order);
  EXPECT_FALSE(closed->needs_confirmation);
  ASSERT_TRUE(closed->status);
  const auto& e = closed->status->row.entry;
  EXPECT_EQ(e.status, ContactStatus::busy);
  EXPECT_GT(e.next_contact_at, before);       // the plan's busy rule: 30 minutes later
  EXPECT_EQ(e.sales_order, order->id.value);  // OK in the active list
  EXPECT_EQ(t.count("sales_orders"), 1);
}

TEST_F(ContactOrderDeskTest, ThePlannedStatusIsNotAClosingStatus) {
  ASSERT_TRUE(desk.open(csr, entry, EntryOrderChoice::create_new));
  EXPECT_EQ(desk.close(csr, entry, status(10), true).error().key, "sales_order.closing_status");
  EXPECT_EQ(t.count("sales_orders"), 1);
}

TEST_F(ContactOrderDeskTest, OnlyOrderIntakePlansTakeOrders) {
  auto other = make_plan("VISITS", csr.id.value);
  other.purpose = PlanPurpose::other_contact;
  auto updated = planner.update_plan(manager, other);
  ASSERT_TRUE(updated);
  connect(*updated, helene);
  ManualEntryInput in;
  in.plan = updated->id.value;
  in.customer = helene;
  in.date = day(2026, 3, 10);
  auto row = planner.add_entry(csr, in);
  ASSERT_TRUE(row);
  EXPECT_EQ(desk.start(csr, row->entry.id).error().key, "sales_order.plan_not_order_intake");
  auto fred = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  EXPECT_EQ(desk.start(fred, entry).error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace rapport::app
