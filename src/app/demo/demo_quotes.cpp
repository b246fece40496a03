#include "app/demo/demo_quotes.h"

#include <algorithm>

#include <soci/soci.h>

#include "app/access.h"
#include "app/quotes/quote_desk.h"
#include "app/sales/change_order_desk.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/row_values.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

using domain::Quote;

// The clock of a quote made in the past (the expired one).
class DemoQuoteClock final : public Clock {
 public:
  DemoQuoteClock(const Clock& base, std::chrono::seconds back) : base_(base), back_(back) {}
  Instant now() const override { return base_.now() - back_; }

 private:
  const Clock& base_;
  std::chrono::seconds back_;
};

enum class DemoQuoteFate { draft, sent, accepted, rejected, expired, revised, converted };

struct DemoQuotePlan {
  std::vector<std::pair<const char*, std::int64_t>> lines;  // code, quantity (thousandths)
  DemoQuoteFate fate;
};

// Customers with a complete address billed in euros (the demo lists'
// currency), the newest first (those the demo sales orders leave alone
// when there are enough).
std::vector<std::int64_t> demo_quote_customers(store::Tx& tx) {
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rs =
      tx.sql().prepare << "SELECT c.id FROM customers c WHERE c.status = 'active' AND c.line1 <> "
                          "'' AND c.city <> '' AND c.postal_code <> '' AND NOT EXISTS (SELECT 1 "
                          "FROM accounts a WHERE a.customer_id = c.id AND a.currency <> 'EUR') "
                          "ORDER BY c.id DESC LIMIT 7";
  for (const auto& r : rs) out.push_back(store::int64_at(r, 0));
  return out;
}

Result<Quote> take_demo_quote(const Clock& clock, store::Database& db, const domain::User& csr,
                              std::int64_t customer, const DemoQuotePlan& plan, int& made) {
  QuoteDesk desk(db, clock);
  QuoteHeader h;
  h.customer = customer;
  h.notes = "Asked for by phone / Demandé par téléphone";
  auto q = desk.create(csr, h);
  if (!q) return q.error();
  ++made;
  for (const auto& [code, quantity] : plan.lines) {
    QuoteLineInput line;
    line.product_code = code;
    line.quantity = quantity;
    auto added = desk.add_line(csr, q->id, q->version, line);
    if (!added) return added.error();
    *q = std::move(*added);
  }
  if (plan.fate == DemoQuoteFate::draft) return q;
  auto sent = desk.mark_sent(csr, q->id, q->version,
                             plan.fate == DemoQuoteFate::rejected ? domain::QuoteChannel::letter
                                                                  : domain::QuoteChannel::email);
  if (!sent) return sent.error();
  switch (plan.fate) {
    case DemoQuoteFate::accepted:
    case DemoQuoteFate::converted: {
      auto accepted = desk.accept(csr, sent->id, sent->version);
      if (!accepted) return accepted.error();
      if (plan.fate == DemoQuoteFate::accepted) return accepted;
      auto order = desk.convert(csr, accepted->id, accepted->version, "");
      if (!order) return order.error();
      auto view = desk.view(csr, accepted->id);
      if (!view) return view.error();
      return view->quote;
    }
    case DemoQuoteFate::rejected:
      return desk.reject(csr, sent->id, sent->version);
    case DemoQuoteFate::revised: {
      auto next = desk.revise(csr, sent->id, sent->version);
      if (next) ++made;
      return next;
    }
    default:
      return sent;
  }
}

// The price of `code` in the quote's list, 10 % up (at least one cent).
Status raise_demo_price(store::Database& db, const Clock& clock, const Quote& q, const char* code) {
  return db.write([&](store::Tx& tx) -> Status {
    auto product = store::ProductRepository::find_by_code(tx, code);
    if (!product) return Ok{};
    auto prices = store::PriceListRepository::prices(tx, q.price_list, {product->id.value});
    if (prices.empty()) return Ok{};
    auto price = prices.front();
    price.unit_price += std::max<std::int64_t>(1, price.unit_price / 10);
    store::PriceListRepository::set_price(tx, q.price_list, price, system_actor("demo"),
                                          clock.now());
    return Ok{};
  });
}

// A draft change quote on the assets of a demo customer whose order was
// fulfilled: their Wi-Fi box (else their newest active asset) disconnected
// and a Wi-Fi repeater added, ready to send, accept and convert. None when
// no customer has an active asset.
Result<int> add_demo_change_quote(store::Database& db, const Clock& clock,
                                  const domain::User& csr) {
  auto picked = db.read([](store::Tx& tx) -> Result<std::pair<long long, long long>> {
    long long customer = 0, asset = 0;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT a.customer_id, a.id FROM assets a JOIN products p ON p.id = a.product_id "
                "WHERE a.status = 'active' ORDER BY CASE WHEN p.code = 'BOX-WIFI7' THEN 0 ELSE 1 "
                "END, a.id DESC LIMIT 1",
        soci::into(customer, ind), soci::into(asset);
    if (!tx.sql().got_data() || ind != soci::i_ok) return std::make_pair(0LL, 0LL);
    return std::make_pair(customer, asset);
  });
  if (!picked) return picked.error();
  if (picked->first == 0) return 0;
  ChangeOrderRequest request;
  request.customer = picked->first;
  request.notes = "Moving the Wi-Fi to a repeater / Passage à un répéteur Wi-Fi";
  domain::RequestedChange disconnect;
  disconnect.change = domain::AssetChange::disconnect;
  disconnect.asset = picked->second;
  domain::RequestedChange repeater;
  repeater.change = domain::AssetChange::add;
  repeater.product_code = "WIFI-REPEATER";
  repeater.quantity = 1000;
  request.changes = {disconnect, repeater};
  auto made = ChangeOrderDesk(db, clock).create_quote(csr, request);
  if (!made) return made.error();
  return 1;
}

}  // namespace

Result<int> add_demo_quotes(store::Database& db, const Clock& clock) {
  std::vector<std::int64_t> customers;
  auto quotes = db.read([&](store::Tx& tx) -> Result<long long> {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM quotes", soci::into(n);
    if (n == 0) customers = demo_quote_customers(tx);
    return n;
  });
  if (!quotes) return quotes.error();
  if (*quotes > 0 || customers.empty()) return 0;
  auto csr = db.read([](store::Tx& tx) -> Result<domain::User> {
    auto u = store::UserRepository::find_by_login(tx, "csr");
    if (!u) return Error::not_found("user.not_found");
    return u->user;
  });
  if (!csr) return csr.error();
  using F = DemoQuoteFate;
  const std::vector<DemoQuotePlan> plans = {
      {{{"FIBRE-1G", 1000}, {"BOX-WIFI7", 1000}}, F::draft},
      {{{"THERMOSTAT", 2000}, {"ELEC-HPHC", 1000}}, F::sent},
      {{{"MOBILE-100GB", 2000}}, F::accepted},
      {{{"TV-ESSENTIAL", 1000}, {"TV-DECODER-4K", 1000}}, F::rejected},
      {{{"GAS-B1", 1000}, {"BOILER-SERVICE", 1000}}, F::expired},
      {{{"FIBRE-500", 1000}, {"LANDLINE", 1000}}, F::revised},
      {{{"SOLAR-3KWP", 1000}, {"ENERGY-AUDIT", 1000}}, F::converted},
  };
  const DemoQuoteClock past(clock, std::chrono::hours{24 * 45});
  int made = 0;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto& plan = plans[i];
    const Clock& when = plan.fate == F::expired ? static_cast<const Clock&>(past) : clock;
    auto q = take_demo_quote(when, db, *csr, customers[i % customers.size()], plan, made);
    if (!q) return q.error();
    // After the sent quote the thermostat costs more: converting it shows
    // the change report.
    if (plan.fate == F::sent)
      if (auto raised = raise_demo_price(db, clock, *q, "THERMOSTAT"); !raised)
        return raised.error();
  }
  auto change = add_demo_change_quote(db, clock, *csr);
  if (!change) return change.error();
  return made + *change;
}

}  // namespace rapport::app
