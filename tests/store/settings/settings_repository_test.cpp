// The installation settings are read and written by column name (store/
// settings/settings_row.h): every setting comes back as saved, on SQLite and
// PostgreSQL.
#include "store/settings/settings_repository.h"

#include <gtest/gtest.h>

#include "support/fixed_clock.h"
#include "support/must.h"
#include "support/test_database.h"
#include "support/test_values.h"

namespace rapport::store {
namespace {

using rapport::testing::kSystem;

using testing::must;

TEST(SettingsRows, EverySettingComesBackAsSaved) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  Instant now = testing::test_epoch();
  auto s = must(t.db().read(
      [](Tx& tx) -> Result<domain::InstallationSettings> { return SettingsRepository::load(tx); }));
  EXPECT_EQ(s.version, 1);
  EXPECT_FALSE(s.default_campaign.has_value());

  s.company_name = "Énergie Côtière";
  s.default_language = Language::fr;
  s.currency = "CHF";
  s.time_zone = "Europe/Zurich";
  s.country = "CH";
  s.territory_predefined = true;
  s.smtp_host = "smtp.example.org";
  s.smtp_port = 2525;
  s.smtp_sender = "ventes@example.org";
  s.fax_gateway_domain = "fax.example.org";
  s.unavailable = {61, 6};
  s.busy = {16, 11};
  s.call_back = {121, 7};
  s.callback_release_minutes = 45;
  s.opens_minutes = 8 * 60 + 30;
  s.closes_minutes = 24 * 60;
  EXPECT_EQ(
      must(t.db().write([&](Tx& tx) { return SettingsRepository::save(tx, s, kSystem, now); })), 2);

  auto read = must(t.db().read(
      [](Tx& tx) -> Result<domain::InstallationSettings> { return SettingsRepository::load(tx); }));
  EXPECT_EQ(read.company_name, "Énergie Côtière");
  EXPECT_EQ(read.default_language, Language::fr);
  EXPECT_EQ(read.currency, "CHF");
  EXPECT_EQ(read.time_zone, "Europe/Zurich");
  EXPECT_EQ(read.country, "CH");
  EXPECT_TRUE(read.territory_predefined);
  EXPECT_EQ(read.smtp_host, "smtp.example.org");
  EXPECT_EQ(read.smtp_port, 2525);
  EXPECT_EQ(read.smtp_sender, "ventes@example.org");
  EXPECT_EQ(read.fax_gateway_domain, "fax.example.org");
  EXPECT_EQ(read.unavailable, (domain::RecalculationRule{61, 6}));
  EXPECT_EQ(read.busy, (domain::RecalculationRule{16, 11}));
  EXPECT_EQ(read.call_back, (domain::RecalculationRule{121, 7}));
  EXPECT_EQ(read.callback_release_minutes, 45);
  EXPECT_EQ(read.opens_minutes, 8 * 60 + 30);
  EXPECT_EQ(read.closes_minutes, 24 * 60);
  EXPECT_FALSE(read.default_campaign.has_value());
  EXPECT_EQ(read.version, 2);
}

}  // namespace
}  // namespace rapport::store
