// The customer's cart and quotes in the portal on a real database (SQLite
// and PostgreSQL): the cart is the customer's draft quote made on the web,
// filled through QuoteDesk's own rules (a product not orderable, a quantity
// of 0 or over the limit refused, nothing changed); saved as a quote the
// customer may accept electronically (name, time, address kept); converted
// to an order repriced with today's catalog, the change report acknowledged
// first; submitted. Each step is a web interaction on the customer; a CSR
// continues the cart; another customer's quote is not found for every
// action, exactly like an unknown id.
#include "app/portal/portal_cart.h"

#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "app/catalog/advisor_desk.h"
#include "app/portal/portal_desk.h"
#include "app/quotes/quote_desk.h"
#include "support/portal_fixture.h"

namespace rapport::app {
namespace {

using namespace domain;
using rapport::testing::ymd;

class PortalCartTest : public testing::PortalFixture {
 protected:
  void SetUp() override {
    PortalFixture::SetUp();
    if (HasFatalFailure()) return;
    std_list = default_price_list("STD", "Standard");
    fibre = product("FIBRE-1G", "Fibre 1 Gb/s", 3'990, std::nullopt);
    old_box = product("OLD-BOX", "Old box", 1'000, ymd(2026, 2, 1));
    auto [ca, ka] = customer_with_contact("Arnaud", Language::en, "Arnaud@example.com");
    auto [cb, kb] = customer_with_contact("Bernard", Language::en, "Bernard@example.com");
    a = ca;
    b = cb;
    ua = bound_user("arnaud.web", a.id.value, ka, ka.given_name);
    ub = bound_user("bernard.web", b.id.value, kb, kb.given_name);
  }

  Id<Product> product(const std::string& code, const std::string& name, std::int64_t price,
                      std::optional<CivilDate> orderable_to) {
    return priced_product(std_list, code, name, price, false, orderable_to, name + " (fr)");
  }

  // The web interactions on the customer, oldest first: "outcome summary".
  std::vector<std::string> web_steps(const Customer& c) {
    auto v = customers.view(csr, c.id);
    EXPECT_TRUE(v);
    std::vector<std::string> out;
    if (!v) return out;
    for (const auto& i : v->interactions)
      if (i.channel == InteractionChannel::web)
        out.insert(out.begin(), i.outcome + " " + i.summary);
    return out;
  }

  // A's cart of one fibre line saved as a quote, and accepted.
  Quote accepted_quote() {
    EXPECT_TRUE(cart.add(ua, fibre, 2'000));
    auto saved = cart.save(ua);
    EXPECT_TRUE(saved) << (saved ? "" : saved.error().key);
    auto accepted = quotes.accept(ua, saved->id, saved->version,
                                  QuoteAcceptance{"Hélène Arnaud", "198.51.100.4"});
    EXPECT_TRUE(accepted) << (accepted ? "" : accepted.error().key);
    return accepted ? *accepted : Quote{};
  }

  QuoteDesk quotes{t.db(), clock};
  PortalCartDesk cart{t.db(), clock, i18n_catalog};
  Id<PriceList> std_list;
  Id<Product> fibre, old_box;
  Customer a, b;
  User ua, ub;
};

TEST_F(PortalCartTest, TheCatalogShowsWhatTheCustomerMayOrderAtTheirPrices) {
  auto c = cart.catalog(ua, "");
  ASSERT_TRUE(c) << c.error().key;
  EXPECT_EQ(c->price_list.code, "STD");
  ASSERT_EQ(c->items.size(), 1u);  // the old box is no longer orderable
  EXPECT_EQ(c->items[0].product.code, "FIBRE-1G");
  EXPECT_EQ(c->items[0].price.unit_price, 3'990);
  EXPECT_EQ(cart.catalog(ua, "fibre")->items.size(), 1u);
  EXPECT_TRUE(cart.catalog(ua, "nothing-like-it")->items.empty());
  EXPECT_EQ(cart.product(ua, old_box).error().code, ErrorCode::not_found);
  EXPECT_EQ(cart.product(ua, fibre)->product.features.size(), 1u);
  // Staff have no portal catalog.
  EXPECT_EQ(cart.catalog(csr, "").error().code, ErrorCode::forbidden);
}

TEST_F(PortalCartTest, ACartRefusesAProductNotOrderableAndBadQuantitiesChangingNothing) {
  // A refused first line leaves no empty cart behind.
  EXPECT_FALSE(cart.add(ub, old_box, 1'000));
  EXPECT_FALSE(cart.add(ub, fibre, 0));
  EXPECT_FALSE(*cart.cart(ub));
  EXPECT_TRUE(quotes.of_customer(csr, b.id.value)->empty());
  ASSERT_TRUE(cart.add(ua, fibre, 1'000));
  auto before = cart.cart(ua);
  ASSERT_TRUE(before && *before);
  const Version version = (*before)->quote.version;

  FieldErrors errors;
  auto not_orderable = cart.add(ua, old_box, 1'000, &errors);
  ASSERT_FALSE(not_orderable);
  EXPECT_EQ(not_orderable.error().key, "sales_order.line_product_not_orderable");
  EXPECT_EQ(not_orderable.error().field, "product");
  errors = {};
  auto zero = cart.add(ua, fibre, 0, &errors);
  ASSERT_FALSE(zero);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.errors[0].key, "sales_order.line_quantity_positive");
  EXPECT_EQ(errors.errors[0].field, "quantity");
  errors = {};
  auto huge = cart.add(ua, fibre, kMaxQuantity + 1, &errors);
  ASSERT_FALSE(huge);
  EXPECT_EQ(errors.errors.at(0).key, "sales_order.line_quantity_too_large");
  const auto line = (*before)->quote.lines.at(0).id;
  EXPECT_FALSE(cart.change(ua, line, -1'000));

  auto after = cart.cart(ua);
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->quote.version, version);
  ASSERT_EQ((*after)->quote.lines.size(), 1u);
  EXPECT_EQ((*after)->quote.lines[0].quantity, 1'000);

  // One open cart: adding again fills the same one; change and remove.
  ASSERT_TRUE(cart.add(ua, fibre, 3'000));
  auto two = cart.cart(ua);
  ASSERT_EQ((*two)->quote.id, (*before)->quote.id);
  ASSERT_EQ((*two)->quote.lines.size(), 2u);
  EXPECT_EQ((*two)->quote.origin, QuoteOrigin::web);
  EXPECT_EQ((*two)->quote.contact, ua.portal_contact);
  EXPECT_EQ((*two)->totals.net, 4 * 3'990);
  ASSERT_TRUE(cart.change(ua, line, 5'000));
  ASSERT_TRUE(cart.remove(ua, (*two)->quote.lines[1].id));
  EXPECT_EQ((*cart.cart(ua))->totals.net, 5 * 3'990);
  // B has no cart, and cannot touch A's lines.
  EXPECT_FALSE(*cart.cart(ub));
  EXPECT_EQ(cart.change(ub, line, 1'000).error().code, ErrorCode::not_found);
}

TEST_F(PortalCartTest, TheCsrContinuesTheCartAndTheCustomerSavesItAsAQuote) {
  ASSERT_TRUE(cart.add(ua, fibre, 1'000));
  auto started = cart.cart(ua);
  ASSERT_TRUE(started && *started);
  const auto id = (*started)->quote.id;
  // The CSR sees it with the customer's quotes and changes it on the desk.
  auto listed = quotes.of_customer(csr, a.id.value);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].quote.origin, QuoteOrigin::web);
  auto desk_view = quotes.view(csr, id);
  ASSERT_TRUE(desk_view);
  QuoteLineInput more;
  more.product = fibre;
  more.quantity = 2'000;
  auto changed = quotes.add_line(csr, id, desk_view->quote.version, more);
  ASSERT_TRUE(changed) << changed.error().key;
  EXPECT_EQ((*cart.cart(ua))->quote.lines.size(), 2u);
  // Drafts are not the customer's quotes yet.
  EXPECT_TRUE(cart.quotes(ua)->empty());
  EXPECT_EQ(cart.quote(ua, id).error().code, ErrorCode::not_found);

  auto saved = cart.save(ua);
  ASSERT_TRUE(saved) << saved.error().key;
  EXPECT_EQ(saved->id, id);
  EXPECT_EQ(saved->status, QuoteStatus::sent);
  EXPECT_EQ(saved->sent_channel, QuoteChannel::web);
  EXPECT_FALSE(*cart.cart(ua));
  auto mine = cart.quotes(ua);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].state, QuoteState::sent);
  auto pdf = cart.quote_pdf(ua, id);
  ASSERT_TRUE(pdf) << pdf.error().key;
  EXPECT_EQ(pdf->pdf.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf->file_name, saved->number + "-1.pdf");
  EXPECT_EQ(web_steps(a), std::vector<std::string>{"saved_as_quote " + saved->number + "-1"});
  // An empty cart is not a quote: Verify's problem, nothing saved.
  ASSERT_TRUE(cart.add(ua, fibre, 1'000));
  ASSERT_TRUE(cart.remove(ua, (*cart.cart(ua))->quote.lines[0].id));
  FieldErrors problems;
  auto empty = cart.save(ua, &problems);
  ASSERT_FALSE(empty);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.errors[0].key, "quote.no_lines");
  EXPECT_EQ((*cart.cart(ua))->quote.status, QuoteStatus::draft);
}

TEST_F(PortalCartTest, TheHomeListsTheQuotesSentAndTheCartButNotACsrsDraft) {
  PortalDesk portal{t.db(), clock, i18n_catalog};
  QuoteHeader h;
  h.customer = a.id.value;
  QuoteLineInput line;
  line.product = fibre;
  line.quantity = 1'000;
  // A CSR's draft, then a quote the CSR sent by letter.
  auto draft = quotes.create(csr, h);
  ASSERT_TRUE(draft) << draft.error().key;
  auto sent = quotes.create(csr, h);
  ASSERT_TRUE(sent);
  sent = quotes.add_line(csr, sent->id, sent->version, line);
  ASSERT_TRUE(sent) << sent.error().key;
  sent = quotes.mark_sent(csr, sent->id, sent->version, QuoteChannel::letter);
  ASSERT_TRUE(sent) << sent.error().key;
  // The customer's own cart.
  auto in_cart = cart.add(ua, fibre, 1'000);
  ASSERT_TRUE(in_cart);
  auto home = portal.home(ua);
  ASSERT_TRUE(home) << home.error().key;
  std::vector<std::int64_t> shown;
  for (const auto& q : home->quotes) shown.push_back(q.quote.id.value);
  std::sort(shown.begin(), shown.end());
  std::vector<std::int64_t> expected{sent->id.value, in_cart->id.value};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(shown, expected) << "the CSR's unsent draft is not the customer's";
  // The same as the portal's quotes, with the cart.
  auto listed = cart.quotes(ua);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].quote.id, sent->id);
  EXPECT_TRUE(portal.home(ub)->quotes.empty());
}

TEST_F(PortalCartTest, ABrochureIsReadOnlyForAProductTheCustomerMayOrder) {
  AdvisorDesk advisor{t.db(), clock};
  auto upload = [&](Id<Product> p, const std::string& text) {
    Literature l;
    l.product = p;
    l.title_en = "Leaflet";
    l.title_fr = "Dépliant";
    l.language = Language::en;
    l.file_name = "leaflet.txt";
    std::istringstream in(text);
    return advisor.upload_literature(manager, l, in, text.size(), "text/plain");
  };
  auto leaflet = upload(fibre, "Fibre 1 Gb/s: the leaflet.\n");
  ASSERT_TRUE(leaflet) << leaflet.error().key;
  auto old_leaflet = upload(old_box, "The old box.\n");
  ASSERT_TRUE(old_leaflet) << old_leaflet.error().key;
  auto item = cart.product(ua, fibre);
  ASSERT_TRUE(item);
  ASSERT_EQ(item->literature.size(), 1u);
  EXPECT_EQ(item->literature[0].id, leaflet->id);
  auto file = cart.literature_file(ua, fibre, leaflet->id);
  ASSERT_TRUE(file) << file.error().key;
  EXPECT_EQ(file->bytes, "Fibre 1 Gb/s: the leaflet.\n");
  // A product no longer orderable, another product's document, staff.
  EXPECT_EQ(cart.literature_file(ua, old_box, old_leaflet->id).error().key, "product.not_found");
  EXPECT_EQ(cart.literature_file(ua, fibre, old_leaflet->id).error().key, "literature.not_found");
  EXPECT_EQ(cart.literature_file(ua, fibre, Id<Literature>{999'999}).error().key,
            "literature.not_found");
  EXPECT_EQ(cart.literature_file(csr, fibre, leaflet->id).error().code, ErrorCode::forbidden);
}

TEST_F(PortalCartTest, AcceptanceKeepsTheTypedNameTheTimeAndTheAddress) {
  ASSERT_TRUE(cart.add(ua, fibre, 1'000));
  auto saved = cart.save(ua);
  ASSERT_TRUE(saved);
  auto nameless =
      quotes.accept(ua, saved->id, saved->version, QuoteAcceptance{"  ", "198.51.100.4"});
  ASSERT_FALSE(nameless);
  EXPECT_EQ(nameless.error().key, "quote.acceptance_name_required");
  EXPECT_EQ(nameless.error().field, "accepted_by");
  EXPECT_EQ(quotes.accept(ua, saved->id, saved->version).error().key,
            "quote.acceptance_name_required");
  EXPECT_EQ(quotes.view(csr, saved->id)->quote.status, QuoteStatus::sent);

  clock.advance(std::chrono::minutes(5));
  auto accepted = quotes.accept(ua, saved->id, saved->version,
                                QuoteAcceptance{" Hélène Arnaud ", "198.51.100.4"});
  ASSERT_TRUE(accepted) << accepted.error().key;
  auto v = quotes.view(csr, saved->id);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->quote.status, QuoteStatus::accepted);
  ASSERT_TRUE(v->quote.acceptance);
  EXPECT_EQ(v->quote.acceptance->name, "Hélène Arnaud");
  EXPECT_EQ(v->quote.acceptance->address, "198.51.100.4");
  EXPECT_EQ(v->quote.decided_at, clock.now());
  auto steps = web_steps(a);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1], "accepted " + saved->number + "-1");
}

TEST_F(PortalCartTest, ConversionIsRepricedAndItsChangeReportMustBeAcknowledged) {
  Quote q = accepted_quote();
  ASSERT_TRUE(q.id.value);
  // The price changes after the quote was accepted.
  auto list = catalog.price_list(manager, std_list);
  ASSERT_TRUE(list);
  ASSERT_TRUE(catalog.set_price(manager, std_list, {fibre, 4'490, {}}, list->list.version));
  auto preview = quotes.preview_conversion(ua, q.id);
  ASSERT_TRUE(preview) << preview.error().key;
  ASSERT_EQ(preview->changes.size(), 1u);
  EXPECT_EQ(preview->changes[0].kind, QuoteChangeKind::price);
  EXPECT_EQ(preview->changes[0].old_value, "3990");
  EXPECT_EQ(preview->changes[0].new_value, "4490");

  ConversionPreview report;
  auto unacknowledged = quotes.convert(ua, q.id, q.version, "", &report);
  ASSERT_FALSE(unacknowledged);
  EXPECT_EQ(unacknowledged.error().key, "quote.changes_to_acknowledge");
  EXPECT_EQ(report.fingerprint, preview->fingerprint);
  EXPECT_FALSE(quotes.view(csr, q.id)->quote.sales_order);

  auto order = quotes.convert(ua, q.id, q.version, preview->fingerprint);
  ASSERT_TRUE(order) << order.error().key;
  EXPECT_EQ(order->lines.at(0).unit_price, 4'490);
  EXPECT_EQ(order->status, SalesOrderStatus::pending);
  auto submitted = orders.submit(ub, order->id, order->version);
  EXPECT_EQ(submitted.error().code, ErrorCode::not_found);
  submitted = orders.submit(ua, order->id, order->version);
  ASSERT_TRUE(submitted) << submitted.error().key;
  EXPECT_EQ(submitted->status, SalesOrderStatus::open);
  auto steps = web_steps(a);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[2], "submitted " + order->number);
}

TEST_F(PortalCartTest, AnotherCustomersQuoteIsNotFoundForEveryActionLikeAnUnknownOne) {
  Quote q = accepted_quote();
  ASSERT_TRUE(q.id.value);
  const Id<Quote> unknown{q.id.value + 1000};
  auto same_as_unknown = [&](const Error& theirs, const Error& none) {
    EXPECT_EQ(theirs.code, ErrorCode::not_found);
    EXPECT_EQ(theirs.key, none.key);
    EXPECT_EQ(theirs.field, none.field);
  };
  same_as_unknown(quotes.view(ub, q.id).error(), quotes.view(ub, unknown).error());
  same_as_unknown(cart.quote(ub, q.id).error(), cart.quote(ub, unknown).error());
  same_as_unknown(cart.quote_pdf(ub, q.id).error(), cart.quote_pdf(ub, unknown).error());
  same_as_unknown(quotes.verify(ub, q.id).error(), quotes.verify(ub, unknown).error());
  same_as_unknown(quotes.accept(ub, q.id, q.version, QuoteAcceptance{"B", "x"}).error(),
                  quotes.accept(ub, unknown, q.version, QuoteAcceptance{"B", "x"}).error());
  same_as_unknown(quotes.preview_conversion(ub, q.id).error(),
                  quotes.preview_conversion(ub, unknown).error());
  same_as_unknown(quotes.convert(ub, q.id, q.version, "").error(),
                  quotes.convert(ub, unknown, q.version, "").error());
  same_as_unknown(quotes.change_line(ub, q.id, q.version, q.lines[0].id, 1'000, 0).error(),
                  quotes.change_line(ub, unknown, q.version, q.lines[0].id, 1'000, 0).error());
  same_as_unknown(quotes.remove_line(ub, q.id, q.version, q.lines[0].id).error(),
                  quotes.remove_line(ub, unknown, q.version, q.lines[0].id).error());
  EXPECT_EQ(quotes.of_customer(ub, a.id.value).error().code, ErrorCode::not_found);
  EXPECT_TRUE(cart.quotes(ub)->empty());
  // A quote for A made by B is refused the same way.
  QuoteHeader h;
  h.customer = a.id.value;
  EXPECT_EQ(quotes.create(ub, h).error().code, ErrorCode::not_found);
  // Nothing changed on A's quote; B's order actions likewise.
  EXPECT_EQ(quotes.view(ua, q.id)->quote.version, q.version);
  auto order = quotes.convert(ua, q.id, q.version, "");
  ASSERT_TRUE(order) << order.error().key;
  const Id<SalesOrder> no_order{order->id.value + 1000};
  same_as_unknown(orders.view(ub, order->id).error(), orders.view(ub, no_order).error());
  same_as_unknown(orders.submit(ub, order->id, order->version).error(),
                  orders.submit(ub, no_order, order->version).error());
  // Staff act on quotes at their desk, not through the portal's steps.
  EXPECT_EQ(cart.accept(csr, q.id, q.version, {"Cora", "x"}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(cart.preview_conversion(csr, q.id).error().code, ErrorCode::forbidden);
  EXPECT_EQ(cart.submit(csr, order->id, order->version).error().code, ErrorCode::forbidden);
  // Revising stays a staff action.
  EXPECT_EQ(quotes.revise(ua, q.id, q.version).error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace rapport::app
