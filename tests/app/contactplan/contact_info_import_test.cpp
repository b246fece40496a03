// The contact info import (contact_info_import.h): a good file puts
// customers on plans and updates those already on them; a bad row is named
// by line and column and imports nothing; the limits hold.
#include "app/contactplan/contact_info_import.h"

#include <chrono>
#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "app/jobs/job_kinds.h"
#include "app/jobs/job_runner.h"
#include "store/row_values.h"
#include "support/job_takeover.h"
#include "support/plan_fixture.h"

namespace rapport::app {
namespace {

const std::string kContactInfoHeader = "customer,plan,phone,earliest,latest,sequence,method,note\n";

class ContactInfoImportTest : public testing::PlanFixture {
 protected:
  void SetUp() override {
    PlanFixture::SetUp();
    if (HasFatalFailure()) return;
    plan = make_plan("TUETHU", csr.id.value);
    other = make_plan("MONWED", std::nullopt, "1,3");
    ASSERT_FALSE(HasFailure());
  }

  Result<ContactInfoImportReport> import(const std::string& csv,
                                         ContactInfoImportOptions options = {},
                                         const domain::User* as = nullptr) {
    std::istringstream in(csv);
    return desk.import_contact_infos(as ? *as : manager, in, options);
  }

  std::optional<store::ContactInfoRow> info_of(const domain::ContactPlan& p, std::int64_t c) {
    auto infos = planner.contact_infos_of(manager, c);
    if (infos)
      for (const auto& i : *infos)
        if (i.info.plan == p.id) return i;
    return std::nullopt;
  }

  std::string id(std::int64_t customer) { return std::to_string(customer); }

  ContactInfoImportDesk desk{t.db(), clock};
  domain::ContactPlan plan, other;
};

TEST_F(ContactInfoImportTest, AGoodFileCreatesMembershipsAndUpdatesTheExistingOnes) {
  // Hélène is on the plan already: her row updates her contact info.
  auto before = connect(plan, helene, "09:00", "17:00");
  ASSERT_EQ(before.info.sequence, 0);
  auto report =
      import(kContactInfoHeader + id(helene) + ",TUETHU,,10:00,12:00,7,visit,Avant midi\n" + "#" +
             id(paul) + ",tuethu,04 78 42 10 99,08:30,11:00,3,,\n" + id(noemie) +
             ",MONWED,+1 416 967 2222,14:00,18:00,,email,\n");
  ASSERT_TRUE(report) << report.error().key << " " << report.error().field;
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->rows, 3u);
  EXPECT_EQ(report->created, 2u);
  EXPECT_EQ(report->updated, 1u);
  EXPECT_EQ(report->invalid, 0u);
  for (const auto& p : report->problems)
    ADD_FAILURE() << p.line << " " << p.column << " " << p.reason.key;

  auto h = info_of(plan, helene);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->info.id, before.info.id) << "updated, never a second membership";
  EXPECT_EQ(h->info.earliest, 10 * 60);
  EXPECT_EQ(h->info.latest, 12 * 60);
  EXPECT_EQ(h->info.sequence, 7);
  EXPECT_EQ(h->info.method, domain::ContactMethod::visit);
  EXPECT_EQ(h->info.note, "Avant midi");
  EXPECT_EQ(h->info.phone_e164, "+33612345678");  // empty: her main number
  EXPECT_EQ(h->info.version, before.info.version + 1);
  EXPECT_EQ(count("contact_infos WHERE customer_id = " + id(helene)), 1);

  auto p = info_of(plan, paul);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->info.phone_e164, "+33478421099");
  EXPECT_EQ(p->info.earliest, 8 * 60 + 30);
  EXPECT_EQ(p->info.sequence, 3);
  EXPECT_EQ(p->info.method, domain::ContactMethod::phone);
  auto n = info_of(other, noemie);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->info.phone_e164, "+14169672222");
  EXPECT_EQ(n->info.sequence, 0);
  EXPECT_EQ(n->info.method, domain::ContactMethod::email);
  // Audited as the manager who imported.
  EXPECT_GT(count("audit_log WHERE record_type = 'contact_info' AND user_name = 'Maya' AND "
                  "record_id = " +
                  std::to_string(p->info.id.value)),
            0);

  // Again, without the optional columns: Hélène keeps her method and note.
  report = import("customer,plan,phone,earliest,latest,sequence\n" + id(helene) +
                  ",TUETHU,,09:30,12:00,8\n");
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_EQ(report->created, 0u);
  EXPECT_EQ(report->updated, 1u);
  h = info_of(plan, helene);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->info.sequence, 8);
  EXPECT_EQ(h->info.earliest, 9 * 60 + 30);
  EXPECT_EQ(h->info.method, domain::ContactMethod::visit);
  EXPECT_EQ(h->info.note, "Avant midi");
}

TEST_F(ContactInfoImportTest, ABadRowIsNamedByLineAndColumnAndNothingIsImported) {
  connect(plan, helene, "09:00", "17:00");
  const long long infos = count("contact_infos");
  auto report = import(kContactInfoHeader +
                       // line 2: good
                       id(paul) + ",TUETHU,,09:00,17:00,1,,\n" +
                       // line 3: unknown customer, bad time, window backwards is not
                       // reported over the bad time, sequence not a number
                       "999999,TUETHU,,25:00,08:00,abc,,\n" +
                       // line 4: unknown plan, sequence out of range, bad method
                       id(noemie) + ",NOPE,,09:00,17:00,10000,fax,\n" +
                       // line 5: bad phone, window backwards
                       id(helene) + ",MONWED,12,17:00,09:00,,,\n" +
                       // line 6: Paul on the plan a second time; line 7: too few fields
                       id(paul) + ",TUETHU,,10:00,11:00,,,\n" + id(paul) + ",TUETHU\n");
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->rows, 6u);
  EXPECT_EQ(report->invalid, 5u);
  EXPECT_EQ(report->created + report->updated, 0u);
  std::vector<std::string> got;
  for (const auto& p : report->problems)
    got.push_back(std::to_string(p.line) + " " + p.column + " " + p.reason.key);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "3 sequence field.number_invalid",
                     "3 customer contact_info.customer_unknown",
                     "3 earliest field.time_invalid",
                     "4 plan contact_info_import.plan_unknown",
                     "4 method contact_info.method_invalid",
                     "4 sequence contact_plan.sequence_invalid",
                     "5 phone " + report->problems[6].reason.key,
                     "5 latest contact_plan.latest_before_earliest",
                     "6 customer contact_info_import.repeated",
                     "7  import.field_count",
                 }));
  EXPECT_EQ(report->problems_total, got.size());
  ASSERT_GE(report->problems.size(), 9u);
  EXPECT_EQ(testing::arg_of(report->problems[3].reason, "code"), "NOPE");
  EXPECT_EQ(testing::arg_of(report->problems[8].reason, "line"), "2");
  EXPECT_EQ(count("contact_infos"), infos) << "nothing imported";
  EXPECT_FALSE(info_of(plan, paul));
}

TEST_F(ContactInfoImportTest, TheLimitsAndTheFileAsAWholeAreChecked) {
  ContactInfoImportOptions two;
  two.max_rows = 2;
  auto refused = import(kContactInfoHeader + id(helene) + ",TUETHU,,,,,,\n" + id(paul) +
                            ",TUETHU,,,,,,\n" + id(noemie) + ",TUETHU,,,,,,\n",
                        two);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "import.too_many_rows");
  EXPECT_EQ(testing::arg_of(refused.error(), "max"), "2");
  EXPECT_EQ(testing::arg_of(refused.error(), "line"), "4");
  EXPECT_EQ(count("contact_infos"), 0);

  // 16 MiB at most, blank lines included.
  refused = import(kContactInfoHeader + std::string((16u << 20) + 1, '\n'));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "import.file_too_large");
  EXPECT_EQ(testing::arg_of(refused.error(), "max"), "16");

  refused = import("customer,plan,phone,earliest,latest\n1,TUETHU,,,\n");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "import.column_missing");
  EXPECT_EQ(refused.error().field, "sequence");
  refused = import("customer,plan,phone,earliest,latest,sequence,colour\n");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "import.column_unknown");
  refused = import("");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "import.header_missing");

  // Empty cells take the form's defaults: 09:00–17:00, sequence 0.
  auto report = import(kContactInfoHeader + id(helene) + ",TUETHU,,,,,,\n");
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_EQ(report->created, 1u);
  auto h = info_of(plan, helene);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->info.earliest, 9 * 60);
  EXPECT_EQ(h->info.latest, 17 * 60);

  // A CSR works the lists but does not manage plans.
  refused = import(kContactInfoHeader, {}, &csr);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

// Issue 17: an import whose server died after its first chunk is taken
// over by another server's worker once the lease ran out, and resumes after
// that chunk: the counts and the rows are a single run's — no membership
// written twice (a row created by the first server is not counted, nor
// written, again as an update), none missing.
TEST_F(ContactInfoImportTest, AnImportWhoseServerDiedIsTakenOverAfterItsLastCommittedChunk) {
  using namespace std::chrono_literals;
  constexpr int kRows = 1200, kAlready = 100;  // chunks of 500: 500, 500, 200
  auto done = t.db().write([&](store::Tx& tx) -> Status {
    tx.sql() << "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                    std::to_string(kRows) +
                    ") INSERT INTO customers (kind, family_name, given_name, company_name, "
                    "display_name, language, customer_class, category, tax_id, time_zone, "
                    "status, line1, line2, postal_code, city, region, country, postal_key, "
                    "name_key, search_text, version, created_at, updated_at) SELECT 'person', "
                    "'Bulk' || CAST(i AS TEXT), 'Client', '', 'Bulk' || CAST(i AS TEXT), 'fr', "
                    "'residential', 'BULK', '', 'Europe/Paris', 'active', '1 rue', '', '75001', "
                    "'Paris', '', 'FR', '', '', '', 1, '2026-03-01T00:00:00Z', "
                    "'2026-03-01T00:00:00Z' FROM n";
    return Ok{};
  });
  ASSERT_TRUE(done) << done.error().detail;
  std::vector<std::int64_t> bulk;
  ASSERT_TRUE(t.db().read([&](store::Tx& tx) -> Status {
    soci::rowset<soci::row> rows =
        tx.sql().prepare << "SELECT id FROM customers WHERE category = 'BULK' ORDER BY id";
    for (const auto& r : rows) bulk.push_back(store::int64_at(r, 0));
    return Ok{};
  }));
  ASSERT_EQ(bulk.size(), static_cast<std::size_t>(kRows));
  for (int i = 0; i < kAlready; ++i) connect(plan, bulk[i], "09:00", "17:00");
  ASSERT_FALSE(HasFailure());
  std::string csv = "customer,plan,phone,earliest,latest,sequence\n";
  for (auto c : bulk) csv += id(c) + ",TUETHU,+33612345678,10:00,12:00,1\n";

  const std::string on_plan = "contact_infos WHERE plan_id = " + std::to_string(plan.id.value);
  const std::string written = on_plan + " AND earliest = 600";
  auto a_db = store::Database::open(t.url(), 4);
  ASSERT_TRUE(a_db);
  auto a = testing::takeover_runner(**a_db, clock, 400ms);
  auto job_id = a->start(manager, "contact_info_import", "{}", csv);
  ASSERT_TRUE(job_id) << job_id.error().key;
  // As kill -9 once its first chunk is committed.
  testing::kill_after_first_chunk(a, [&] { return count(written) > 0; });
  a_db->reset();
  EXPECT_EQ(count(written), 500) << "the first chunk only";

  auto b = testing::takeover_runner(t.db(), clock, 0ms);
  b->start_workers();
  domain::Job job = testing::wait_final(*b, manager, *job_id);
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "contact_info_import.done");
  ASSERT_EQ(job.partitions.size(), 1u);
  EXPECT_EQ(job.partitions.front().attempt, 2) << "taken over";
  EXPECT_EQ(job.partitions.front().claimed_by, b->server_id());
  EXPECT_EQ(job.counts["rows"], kRows);
  EXPECT_EQ(job.counts["infos_created"], kRows - kAlready);
  EXPECT_EQ(job.counts["infos_updated"], kAlready);
  EXPECT_EQ(job.counts["invalid"], 0);
  EXPECT_EQ(count(on_plan), kRows);
  EXPECT_EQ(count(written), kRows) << "none missing";
  EXPECT_EQ(count(on_plan + " AND version = 2"), kAlready) << "none written twice";
  EXPECT_EQ(count(on_plan + " AND version > 2"), 0);
}

}  // namespace
}  // namespace rapport::app
