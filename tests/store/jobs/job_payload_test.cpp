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
  // Just over 16 MiB (a slice on PostgreSQL) with a "€" (3 bytes) across
  // the 16 MiB mark: the slice must end before it, not inside it.
  std::string payload;
  payload.reserve((16u << 20) + 64);
  while (payload.size() < (16u << 20) - 40) payload += "person,Hélène,Léa\n";
  payload.append((16u << 20) - 1 - payload.size(), 'a');
  payload += "€ et Zoé\n";
  ASSERT_EQ(static_cast<unsigned char>(payload[16u << 20]) & 0xC0, 0x80);
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
