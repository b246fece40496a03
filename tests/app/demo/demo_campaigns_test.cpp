// The demo catalogue: both approaches of seed 000 for the default campaign,
// real campaigns in English and French whose trees show every branch, and
// service orders in every status.
#include "app/demo/demo_campaigns.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/demo/demo_data.h"
#include "app/marketing/campaign_desk.h"
#include "app/marketing/service_order_desk.h"
#include "app/settings/settings_desk.h"
#include "store/users/user_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"

namespace rapport::app {
namespace {

using namespace domain;

class DemoCampaignsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    DemoOptions options;
    options.customers = 20;
    auto report = load_demo_data(t.db(), clock, options);
    ASSERT_TRUE(report) << report.error().key << " " << report.error().detail;
    EXPECT_EQ(report->campaigns_created, 5);
    EXPECT_EQ(report->service_orders_created, 6);
    auto found = t.db().read([&](store::Tx& tx) -> Result<domain::User> {
      auto u = store::UserRepository::find_by_login(tx, "csr");
      if (!u) return Error::not_found();
      return u->user;
    });
    ASSERT_TRUE(found);
    csr = *found;
  }

  const Campaign& by_code(const std::string& code) {
    static Campaign none;
    auto it =
        std::find_if(all.begin(), all.end(), [&](const Campaign& c) { return c.code == code; });
    return it == all.end() ? none : *it;
  }

  std::vector<Package> packages_of(const std::string& code) {
    auto c = campaigns.campaign(csr, by_code(code).id);
    return c ? c->packages : std::vector<Package>{};
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CampaignDesk campaigns{t.db(), clock};
  ServiceOrderDesk orders{t.db(), clock};
  User csr;
  std::vector<Campaign> all;
};

TEST_F(DemoCampaignsTest, TheDummyCampaignIsTheDefaultAndGenericHasAPackagePerCustomerClass) {
  all = campaigns.campaigns(csr, true).value();
  ASSERT_EQ(all.size(), 5u);
  SettingsDesk settings(t.db(), clock);
  auto s = settings.current();
  ASSERT_TRUE(s && s->default_campaign);
  EXPECT_EQ(*s->default_campaign, by_code("DUMMY").id.value);
  EXPECT_TRUE(packages_of("DUMMY").empty());
  std::set<std::string> classes;
  for (const auto& p : packages_of("GENERIC"))
    for (const auto& g : p.rules.groups)
      for (const auto& c : g.criteria)
        if (c.field.name == "customer_class")
          for (const auto& v : c.values) classes.insert(v.text);
  EXPECT_EQ(classes, (std::set<std::string>{"residential", "commercial", "industrial", "public"}));
}

TEST_F(DemoCampaignsTest, EverythingIsWrittenInEnglishAndFrench) {
  all = campaigns.campaigns(csr, false).value();
  for (const auto& c : all) {
    EXPECT_FALSE(c.description_en.empty()) << c.code;
    EXPECT_FALSE(c.description_fr.empty()) << c.code;
    EXPECT_NE(c.description_en, c.description_fr) << c.code;
    for (const auto& q : c.questions) {
      EXPECT_FALSE(q.prompt_fr.empty()) << c.code << " " << q.code;
      EXPECT_NE(q.prompt_en, q.prompt_fr) << c.code << " " << q.code;
      for (const auto& choice : q.choices) EXPECT_FALSE(choice.label_fr.empty()) << choice.code;
    }
    for (const auto& p : packages_of(c.code)) {
      EXPECT_FALSE(p.description_fr.empty()) << p.code;
      EXPECT_EQ(p.instructions_en.empty(), p.instructions_fr.empty()) << p.code;
    }
  }
}

TEST_F(DemoCampaignsTest, ASeniorOnTheDummyCampaignSeesEveryBranchOfTheTree) {
  auto draft = orders.start(
      csr, {"Bernard Lucien", "06 11 22 33 44", "", "69003", "8 rue Garibaldi", {}, {}, {}});
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->campaign.code, "DUMMY");
  OrderInput in;
  in.order = draft->order;
  in.order.prospect.address.city = "Lyon";
  in.order.prospect.date_of_birth = CivilDate{date::year{1950}, date::month{4}, date::day{2}};
  in.typed_phone = "06 11 22 33 44";
  in.answers = {{"home_owner", "yes"}, {"heating", "gas"}, {"occupants", "2"}};
  auto o = orders.save(csr, in);
  ASSERT_TRUE(o) << o.error().key << " " << o.error().field;
  auto tree = orders.eligibility(csr, o->id);
  ASSERT_TRUE(tree);
  EXPECT_TRUE(tree->order_campaign.packages.empty());
  std::set<std::string> alternates;
  std::set<Eligibility> seen;
  for (const auto& node : tree->alternates) {
    alternates.insert(node.campaign.code);
    for (const auto& p : node.packages) seen.insert(p.verdict.result);
  }
  EXPECT_EQ(alternates, (std::set<std::string>{"GENERIC", "GREEN-2026", "WINTER-SENIOR"}));
  EXPECT_EQ(seen, (std::set<Eligibility>{Eligibility::eligible, Eligibility::ineligible,
                                         Eligibility::insufficient_data}));
  // Switching to GREEN-2026 keeps the answers it also asks.
  all = campaigns.campaigns(csr, true).value();
  auto switched = orders.switch_campaign(csr, o->id, o->version, by_code("GREEN-2026").id);
  ASSERT_TRUE(switched);
  EXPECT_NE(find_answer(switched->answers, "home_owner"), nullptr);
  EXPECT_NE(find_answer(switched->answers, "heating"), nullptr);
  ASSERT_EQ(switched->set_aside.size(), 1u);
  EXPECT_EQ(switched->set_aside[0].question, "occupants");
}

TEST_F(DemoCampaignsTest, OrdersInEveryStatusAndOneOnTheToDoListToday) {
  all = campaigns.campaigns(csr, true).value();
  auto conversion = campaigns.conversion(csr, by_code("GREEN-2026").id);
  ASSERT_TRUE(conversion);
  EXPECT_EQ(conversion->started, 6);
  EXPECT_EQ(conversion->complete, 1);
  EXPECT_EQ(conversion->held, 1);
  EXPECT_EQ(conversion->canceled, 2);
  EXPECT_EQ(conversion->pending, 2);
  auto due = orders.to_do(csr);
  ASSERT_TRUE(due);
  EXPECT_EQ(due->size(), 1u);
}

}  // namespace
}  // namespace rapport::app
