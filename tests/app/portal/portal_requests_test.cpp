// A customer's requests on their assets in the portal, on a real database
// (SQLite and PostgreSQL): modify, suspend and disconnect make a change
// order submitted for fulfilment whose lines carry the actions the CSR's
// change order computes, logged on the customer as interactions of
// channel web; another customer's asset is not found exactly like an
// unknown id and nothing is made; a second disconnect while one is pending,
// a suspend of a suspended asset, a quantity of zero and a date in the past
// are refused on their fields with nothing made; staff are refused, and
// may not log an interaction of channel web themselves.
#include "app/portal/portal_requests.h"

#include <gtest/gtest.h>

#include "store/customers/interaction_repository.h"
#include "support/portal_fixture.h"

namespace rapport::app {
namespace {

using namespace domain;
using rapport::testing::ymd;

class PortalRequestsTest : public testing::PortalFixture {
 protected:
  void SetUp() override {
    PortalFixture::SetUp();
    if (HasFatalFailure()) return;
    auto list = default_price_list("STD-2026", "Standard 2026");
    priced_product(list, "FIBRE-1G", "FIBRE-1G", 3'990);
    priced_product(list, "TV-BOX", "TV-BOX", 990);
    a = portal_customer("Garnier", "jeanne");
    b = portal_customer("Morel", "paul");
  }

  struct PortalCustomer {
    std::int64_t customer = 0;
    User user;
    Asset fibre, tv;
  };

  // A customer with a contact bound to a portal user, and two assets (fibre
  // × 1, TV box × 2) made by a fulfilled order.
  PortalCustomer portal_customer(const std::string& family, const std::string& login) {
    PortalCustomer pc;
    auto [c, k] = customer_with_contact(family, Language::en, login + "@example.fr");
    pc.customer = c.id.value;
    pc.user = bound_user(login, pc.customer, k, "Élise " + family);
    SalesOrderHeader h;
    h.customer = pc.customer;
    auto o = orders.create(csr, h);
    o = orders.add_line(csr, o->id, o->version, {std::nullopt, "FIBRE-1G", 1000, 0});
    o = orders.add_line(csr, o->id, o->version, {std::nullopt, "TV-BOX", 2000, 0});
    EXPECT_TRUE(o);
    fulfil(*o);
    auto assets = orders.assets(csr, pc.customer);
    EXPECT_EQ(assets->size(), 2u);
    pc.tv = (*assets)[0].asset;  // newest first
    pc.fibre = (*assets)[1].asset;
    return pc;
  }

  void fulfil(const SalesOrder& o) {
    auto open = o.status == SalesOrderStatus::pending ? orders.submit(csr, o.id, o.version)
                                                      : Result<SalesOrder>(o);
    ASSERT_TRUE(open) << open.error().key;
    for (const auto& l : open->lines)
      ASSERT_TRUE(orders.complete_line(fulfiller, o.id, std::nullopt, l.id));
  }

  static AssetRequest ask(AssetChange change) {
    AssetRequest r;
    r.change = change;
    return r;
  }

  std::vector<Interaction> web_interactions(std::int64_t customer) {
    std::vector<Interaction> out;
    (void)t.db().read([&](store::Tx& tx) -> Status {
      for (auto& i : store::InteractionRepository::of_customer(tx, Id<Customer>{customer}, 100))
        if (i.channel == InteractionChannel::web) out.push_back(std::move(i));
      return Ok{};
    });
    return out;
  }

  PortalRequests requests{t.db(), clock};
  PortalCustomer a, b;
};

TEST_F(PortalRequestsTest, ModifySuspendAndDisconnectMakeSubmittedChangeOrdersLoggedOnTheWeb) {
  const auto before = t.count("sales_orders");
  AssetRequest more = ask(AssetChange::modify);
  more.quantity = 3000;
  more.features = std::vector<ProductFeature>{{"Speed", "1 Gb/s"}};
  more.requested_date = ymd(2026, 3, 20);
  auto modified = requests.request(a.user, a.tv.id, more);
  ASSERT_TRUE(modified) << modified.error().key << " " << modified.error().field;
  EXPECT_EQ(modified->status, SalesOrderStatus::open);  // submitted for fulfilment
  EXPECT_EQ(modified->customer, a.customer);
  EXPECT_EQ(modified->requested_delivery, ymd(2026, 3, 20));
  ASSERT_EQ(modified->lines.size(), 1u);
  EXPECT_EQ(modified->lines[0].action, LineAction::update);
  EXPECT_EQ(modified->lines[0].target_asset, a.tv.id.value);
  EXPECT_EQ(modified->lines[0].quantity, 3000);
  EXPECT_EQ(modified->lines[0].unit_price, 990);  // the customer's list
  EXPECT_EQ(modified->lines[0].status, LineStatus::open);

  auto suspended = requests.request(a.user, a.fibre.id, ask(AssetChange::suspend));
  ASSERT_TRUE(suspended) << suspended.error().key;
  ASSERT_EQ(suspended->lines.size(), 1u);
  EXPECT_EQ(suspended->lines[0].action, LineAction::update);
  EXPECT_EQ(suspended->lines[0].target_status, AssetStatus::suspended);
  EXPECT_EQ(suspended->lines[0].unit_price, 3990);

  auto gone = requests.request(a.user, a.tv.id, ask(AssetChange::disconnect));
  ASSERT_TRUE(gone) << gone.error().key;
  ASSERT_EQ(gone->lines.size(), 1u);
  EXPECT_EQ(gone->lines[0].action, LineAction::remove);
  EXPECT_EQ(gone->lines[0].quantity, 3000);  // as it will be once the modify is done
  EXPECT_EQ(gone->lines[0].unit_price, 0);
  EXPECT_EQ(t.count("sales_orders"), before + 3);

  // The CSR sees each request on the customer, channel web, with its order.
  auto logged = web_interactions(a.customer);
  ASSERT_EQ(logged.size(), 3u);
  std::vector<std::string> outcomes;
  for (const auto& i : logged) outcomes.push_back(i.outcome);
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_EQ(outcomes, (std::vector<std::string>{"disconnect_requested", "modify_requested",
                                                "suspend_requested"}));
  for (const auto& i : logged) {
    EXPECT_EQ(i.related_type, "sales_order");
    EXPECT_EQ(i.user_name, "Élise Garnier");
    if (i.outcome == "disconnect_requested") {
      EXPECT_EQ(i.related_id, gone->id.value);
      EXPECT_EQ(i.summary, a.tv.number + " → " + gone->number);
    }
  }
  EXPECT_TRUE(web_interactions(b.customer).empty());
  // Staff log calls and notes; the web channel is the portal's.
  Interaction forged;
  forged.customer = Id<Customer>{b.customer};
  forged.channel = InteractionChannel::web;
  forged.summary = "Disconnect requested";
  EXPECT_EQ(customers.record_interaction(csr, forged).error().key, "interaction.channel_web");
  EXPECT_TRUE(web_interactions(b.customer).empty());

  // Fulfilled, the assets change.
  fulfil(*modified);
  fulfil(*suspended);
  fulfil(*gone);
  auto assets = orders.assets(csr, a.customer);
  EXPECT_EQ((*assets)[0].asset.status, AssetStatus::inactive);
  EXPECT_EQ((*assets)[1].asset.status, AssetStatus::suspended);
  // A suspended asset offers resume; a disconnected one nothing.
  EXPECT_EQ(requests.asset(a.user, a.fibre.id)->choices.front(), AssetChange::resume);
  EXPECT_TRUE(requests.asset(a.user, a.tv.id)->choices.empty());
}

TEST_F(PortalRequestsTest, AnotherCustomersAssetIsNotFoundLikeAnUnknownIdAndNothingIsMade) {
  const auto before = t.count("sales_orders");
  auto theirs = requests.request(a.user, b.tv.id, ask(AssetChange::disconnect));
  auto unknown = requests.request(a.user, Id<Asset>{999'999}, ask(AssetChange::disconnect));
  ASSERT_FALSE(theirs);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(theirs.error().code, ErrorCode::not_found);
  EXPECT_EQ(theirs.error().key, unknown.error().key);
  EXPECT_EQ(theirs.error().field, unknown.error().field);
  EXPECT_EQ(requests.asset(a.user, b.fibre.id).error().key, "asset.not_found");
  // Through the shared desk too: a change order for another customer, or
  // naming their asset on one's own customer.
  ChangeOrderDesk desk{t.db(), clock};
  RequestedChange c;
  c.change = AssetChange::disconnect;
  c.asset = b.tv.id.value;
  EXPECT_EQ(desk.create(a.user, {b.customer, {c}, {}, ""}).error().code, ErrorCode::not_found);
  FieldErrors errors;
  auto named = desk.create(a.user, {a.customer, {c}, {}, ""}, &errors);
  ASSERT_FALSE(named);
  EXPECT_EQ(errors.errors.at(0).key, "change_order.asset_unknown");
  EXPECT_EQ(t.count("sales_orders"), before);
  EXPECT_TRUE(web_interactions(a.customer).empty());
  // Staff use the CSR's change order, not the portal's requests.
  EXPECT_EQ(requests.request(csr, a.tv.id, ask(AssetChange::disconnect)).error().code,
            ErrorCode::forbidden);
}

TEST_F(PortalRequestsTest, ASecondDisconnectWhileOneIsPendingAndBadValuesAreRefusedOnTheirFields) {
  ASSERT_TRUE(requests.request(a.user, a.tv.id, ask(AssetChange::disconnect)));
  ASSERT_TRUE(requests.request(a.user, a.fibre.id, ask(AssetChange::suspend)));
  const auto before = t.count("sales_orders");
  const auto logged = web_interactions(a.customer).size();
  auto refused = [&](Id<Asset> asset, const AssetRequest& r) {
    FieldErrors errors;
    auto made = requests.request(a.user, asset, r, &errors);
    EXPECT_FALSE(made);
    if (made) return std::string();
    EXPECT_EQ(made.error().code, ErrorCode::invalid_input);
    return errors.errors.at(0).field + " " + errors.errors.at(0).key;
  };
  EXPECT_EQ(refused(a.tv.id, ask(AssetChange::disconnect)), "change change_order.asset_inactive");
  EXPECT_EQ(refused(a.fibre.id, ask(AssetChange::suspend)),
            "change change_order.asset_already_suspended");
  EXPECT_EQ(refused(a.tv.id, ask(AssetChange::add)), "change portal.request_change_invalid");
  AssetRequest none = ask(AssetChange::modify);
  none.quantity = 0;
  EXPECT_EQ(requests.request(a.user, b.fibre.id, none).error().code, ErrorCode::not_found);
  // A zero quantity; a resume once the suspend is pending, on a past date.
  AssetRequest zero = ask(AssetChange::modify);
  zero.quantity = 0;
  auto zero_refused = refused(a.fibre.id, zero);
  EXPECT_EQ(zero_refused.substr(0, 9), "quantity ");
  AssetRequest past = ask(AssetChange::resume);
  past.requested_date = ymd(2026, 3, 1);
  EXPECT_EQ(refused(a.fibre.id, past), "requested_date sales_order.delivery_past");
  EXPECT_EQ(t.count("sales_orders"), before);
  EXPECT_EQ(web_interactions(a.customer).size(), logged);
}

}  // namespace
}  // namespace rapport::app
