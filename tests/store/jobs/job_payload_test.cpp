// A job's payload (an upload stored with the job, read by the server that
// runs it) comes back byte for byte, on SQLite and PostgreSQL — where a
// large one is written and read in slices, cut between UTF-8 characters.
#include <gtest/gtest.h>

#include "store/jobs/job_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"

namespace rapport::store {
namespace {

TEST(JobPayload, ALargePayloadWithMultibyteCharactersComesBackWhole) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  testing::FixedClock clock{testing::test_epoch()};
  // 40 MB: more than two slices; "é" and "€" (2 and 3 bytes) everywhere,
  // so that slice boundaries fall inside characters.
  std::string payload;
  payload.reserve(40u << 20);
  for (int line = 0; payload.size() < (40u << 20); ++line)
    payload += "person,Hélène" + std::to_string(line) + ",Léa,€" + std::to_string(line % 97) + "\n";
  for (const std::string& text : {payload, std::string("kind\nperson,Zoé\n"), std::string()}) {
    auto id = t.db().write([&](Tx& tx) -> Result<Id<domain::Job>> {
      return JobRepository::insert(tx, "customer_import", "{}", text, 0, clock.now());
    });
    ASSERT_TRUE(id) << id.error().detail;
    auto back =
        t.db().read([&](Tx& tx) -> Result<std::string> { return JobRepository::payload(tx, *id); });
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(back->size(), text.size());
    EXPECT_TRUE(*back == text) << "the payload of " << text.size() << " bytes changed";
  }
}

}  // namespace
}  // namespace rapport::store
