// A contact info is written and read by column name (store/contactplan/
// contact_info_row.h): every field comes back as written, an absent one as
// absent, through the insert, the update and every read, on SQLite and
// PostgreSQL; the update leaves the plan and the customer; a stale update
// is refused.
#include "store/contactplan/contact_info_repository.h"

#include <map>

#include <gtest/gtest.h>

#include "store/contactplan/contact_plan_repository.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "support/fixed_clock.h"
#include "support/must.h"
#include "support/test_database.h"
#include "support/test_values.h"

namespace rapport::store {
namespace {

using rapport::testing::kSystem;

using domain::ContactInfo;

using testing::must;

class ContactInfoRows : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
      domain::Customer c;
      c.family_name = "Dupré";
      c.given_name = "Hélène";
      c.time_zone = "Europe/Paris";
      c.address = {"12 rue de la Paix", "", "75002", "Paris", "", "FR"};
      customer = CustomerRepository::insert(tx, c, kSystem, now).value;
      domain::Contact k;
      k.customer = Id<domain::Customer>{customer};
      k.family_name = "Martin";
      k.given_name = "Paul";
      contact = ContactRepository::insert(tx, k, kSystem, now).value;
      plan = add_plan(tx, "WEEKLY", "Every week", "Chaque semaine");
      other_plan = add_plan(tx, "MONTHLY", "Every month", "Chaque mois");
      return Ok{};
    }));
  }

  Id<domain::ContactPlan> add_plan(Tx& tx, const std::string& code, const std::string& name_en,
                                   const std::string& name_fr) {
    domain::ContactPlan p;
    p.code = code;
    p.name_en = name_en;
    p.name_fr = name_fr;
    p.weekdays = domain::Weekdays(0b0000010);
    p.valid_from = CivilDate{date::year{2026}, date::month{1}, date::day{1}};
    return must(ContactPlanRepository::insert(tx, p, kSystem, now));
  }

  // Every optional field set, every value away from its default.
  ContactInfo full_info() const {
    ContactInfo i;
    i.plan = plan;
    i.customer = customer;
    i.contact = contact;
    i.phone_e164 = "+33612345678";
    i.time_zone = "America/Toronto";
    i.earliest = 8 * 60 + 30;
    i.latest = 19 * 60;
    i.method = domain::ContactMethod::visit;
    i.sequence = 4;
    i.note = "Sonner deux fois";
    return i;
  }

  static void expect_same(const ContactInfo& a, const ContactInfo& b) {
    EXPECT_EQ(a.plan, b.plan);
    EXPECT_EQ(a.customer, b.customer);
    EXPECT_EQ(a.contact, b.contact);
    EXPECT_EQ(a.phone_e164, b.phone_e164);
    EXPECT_EQ(a.time_zone, b.time_zone);
    EXPECT_EQ(a.earliest, b.earliest);
    EXPECT_EQ(a.latest, b.latest);
    EXPECT_EQ(a.method, b.method);
    EXPECT_EQ(a.sequence, b.sequence);
    EXPECT_EQ(a.note, b.note);
  }

  ContactInfoRow find(Id<ContactInfo> id) {
    return must(t.db().read([&](Tx& tx) { return ContactInfoRepository::find(tx, id); }));
  }

  testing::TestDatabase t;
  Instant now = testing::test_epoch();
  std::int64_t customer = 0, contact = 0;
  Id<domain::ContactPlan> plan, other_plan;
};

TEST_F(ContactInfoRows, EveryFieldComesBackAsWrittenAndAbsentOnesAsAbsent) {
  ContactInfo i = full_info();
  auto id = must(
      t.db().write([&](Tx& tx) { return ContactInfoRepository::insert(tx, i, kSystem, now); }));
  auto stored = find(id);
  expect_same(stored.info, i);
  EXPECT_EQ(stored.info.id, id);
  EXPECT_EQ(stored.info.version, 1);
  // What the join adds beside the info.
  EXPECT_EQ(stored.customer_name, "Dupré, Hélène");
  EXPECT_EQ(stored.customer_zone, "Europe/Paris");
  EXPECT_EQ(stored.plan_code, "WEEKLY");
  EXPECT_EQ(stored.plan_name_en, "Every week");
  EXPECT_EQ(stored.plan_name_fr, "Chaque semaine");
  EXPECT_EQ(stored.contact_name, "Paul Martin");

  // The update writes the same columns: the contact cleared is absent, not
  // zero; the plan and the customer are not the update's to change.
  ContactInfo cleared = stored.info;
  cleared.contact.reset();
  cleared.phone_e164.clear();
  cleared.time_zone.clear();
  cleared.earliest = 0;
  cleared.latest = 24 * 60;
  cleared.method = domain::ContactMethod::email;
  cleared.sequence = 0;
  cleared.note.clear();
  ContactInfo moved = cleared;
  moved.plan = other_plan;
  auto version = must(
      t.db().write([&](Tx& tx) { return ContactInfoRepository::update(tx, moved, kSystem, now); }));
  EXPECT_EQ(version, 2);
  auto reread = find(id);
  expect_same(reread.info, cleared);
  EXPECT_FALSE(reread.info.contact.has_value());
  EXPECT_EQ(reread.contact_name, "");
  EXPECT_EQ(reread.info.version, 2);

  auto history = must(t.db().read([&](Tx& tx) -> Result<std::vector<AuditRow>> {
    return AuditRepository::history(tx, "contact_info", id.value);
  }));
  std::map<std::string, AuditRow> latest;
  for (const auto& row : history) latest.emplace(row.field, row);  // newest first
  EXPECT_EQ(latest["contact"].old_value, std::to_string(contact));
  EXPECT_EQ(latest["contact"].new_value, "");
  EXPECT_EQ(latest["method"].old_value, "visit");
  EXPECT_EQ(latest["method"].new_value, "email");

  // Every read gives the same row.
  auto rows = must(t.db().read([&](Tx& tx) -> Result<std::vector<ContactInfoRow>> {
    auto of_plan = ContactInfoRepository::of_plan(tx, plan);
    auto of_customer = ContactInfoRepository::of_customer(tx, customer);
    auto chunk = ContactInfoRepository::chunk(tx, plan, {customer}, {}, 0, 10);
    auto found = ContactInfoRepository::find_for(tx, plan, customer);
    std::vector<ContactInfoRow> out;
    for (auto* list : {&of_plan, &of_customer, &chunk})
      out.insert(out.end(), list->begin(), list->end());
    if (found) out.push_back(*found);
    return out;
  }));
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& row : rows) {
    expect_same(row.info, cleared);
    EXPECT_EQ(row.info.id, id);
    EXPECT_EQ(row.customer_name, "Dupré, Hélène");
    EXPECT_EQ(row.plan_code, "WEEKLY");
  }
}

TEST_F(ContactInfoRows, AStaleUpdateChangesNothing) {
  auto id = must(t.db().write(
      [&](Tx& tx) { return ContactInfoRepository::insert(tx, full_info(), kSystem, now); }));
  auto first = find(id).info;
  ContactInfo renamed = first;
  renamed.note = "Renamed";
  must(t.db().write(
      [&](Tx& tx) { return ContactInfoRepository::update(tx, renamed, kSystem, now); }));

  // Edited from the version read before the change.
  ContactInfo late = first;
  late.contact.reset();
  late.sequence = 9;
  auto refused =
      t.db().write([&](Tx& tx) { return ContactInfoRepository::update(tx, late, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "record.stale");
  auto stored = find(id).info;
  expect_same(stored, renamed);
  EXPECT_EQ(stored.version, 2);
}

}  // namespace
}  // namespace rapport::store
