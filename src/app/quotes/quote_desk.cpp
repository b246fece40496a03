#include "app/quotes/quote_desk.h"

#include <algorithm>

#include "app/access.h"
#include "app/catalog/line_product.h"
#include "app/field_errors.h"
#include "app/portal/web_interaction.h"
#include "app/today.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/customers/account_repository.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "store/quotes/quote_repository.h"
#include "store/sales/asset_repository.h"
#include "store/sales/sales_order_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

using domain::Quote;
using domain::QuoteLine;

QuoteHeader quote_header_of(const Quote& q) {
  QuoteHeader h;
  h.customer = q.customer;
  h.account = q.account;
  h.contact = q.contact;
  h.price_list = q.price_list;
  h.valid_until = q.valid_until;
  h.notes = q.notes;
  return h;
}

namespace {

CivilDate quote_days_after(CivilDate day, int days) {
  return CivilDate{date::sys_days{day} + date::days{days}};
}

// Fills `q`'s header from `h`: the account and contact the customer's, the
// list (named, kept, or the customer's) in the account's currency and, once
// lines are priced, in the quote's.
void apply_quote_header(store::Tx& tx, Quote& q, const QuoteHeader& h,
                        const domain::Customer& customer, FieldErrors& errors) {
  q.account = h.account;
  q.contact = h.contact;
  q.notes = h.notes;
  if (h.valid_until) q.valid_until = *h.valid_until;
  auto parties =
      order_parties_of(tx, customer, h.account, h.contact, h.price_list, q.price_list, errors);
  if (!parties.list) return;
  const auto& account = parties.account;
  const auto& list = parties.list;
  // The currency the customer is billed in: the account's, else that of
  // the customer's accounts priced by the customer's list.
  std::string billed = account ? account->currency : std::string();
  if (!account)
    if (auto holders = store::PriceListRepository::holders_of(tx, customer.id.value))
      for (std::size_t i = 1; i < holders->size(); ++i)
        if (!(*holders)[i].list && !(*holders)[i].currency.empty()) billed = (*holders)[i].currency;
  if (!billed.empty() && billed != list->currency)
    errors.add(Error::invalid("quote.currency_mismatch", "price_list",
                              {{"customer", billed}, {"list", list->currency}}));
  else if (!q.lines.empty() && list->currency != q.currency)
    errors.add(Error::invalid("quote.currency_mismatch", "price_list",
                              {{"customer", q.currency}, {"list", list->currency}}));
  q.price_list = list->id;
  q.currency = list->currency;
}

// Loads the quote at `version` in a write transaction, runs `change`, and
// saves it; the change sees today in the installation's calendar.
template <class Change>
Result<Quote> change_quote(store::Database& db, const Clock& clock, const domain::User& actor,
                           Id<Quote> id, Version version, Change&& change) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  const Instant now = clock.now();
  const store::Actor who = actor_of(actor);
  return db.write([&](store::Tx& tx) -> Result<Quote> {
    auto quote = store::QuoteRepository::find(tx, id);
    if (!quote) return quote.error();
    // Another customer's quote reads as an unknown one.
    if (!require_own(actor, quote->customer)) return Error::not_found("quote.not_found");
    if (quote->version != version) return stale_record_error(tx, "quotes", id.value);
    const CivilDate today = business_today(clock, store::SettingsRepository::load(tx));
    const Quote before = *quote;
    if (auto ok = change(tx, *quote, today, now); !ok) return ok.error();
    auto saved = store::QuoteRepository::save(tx, *quote, before, who, now);
    if (!saved) return saved.error();
    return std::move(*quote);
  });
}

std::vector<std::int64_t> quote_product_ids(const Quote& q) {
  std::vector<std::int64_t> ids;
  for (const auto& l : q.lines) ids.push_back(l.product.value);
  return ids;
}

domain::Repricing quote_repricing(store::Tx& tx, const Quote& q, CivilDate today) {
  auto ids = quote_product_ids(q);
  return domain::reprice(q, store::ProductRepository::of_ids(tx, ids),
                         store::PriceListRepository::prices(tx, q.price_list, ids), today);
}

// A change quote's update and remove lines act on assets that must still
// be there: one disconnected since ("change_order.asset_inactive" {number}
// on lines.N) makes the conversion refused.
Status check_quote_assets(store::Tx& tx, const Quote& q) {
  std::vector<std::int64_t> ids;
  for (const auto& l : q.lines)
    if (l.asset &&
        (l.action == domain::LineAction::update || l.action == domain::LineAction::remove))
      ids.push_back(*l.asset);
  if (ids.empty()) return Ok{};
  const auto assets = store::AssetRepository::of_ids(tx, ids);
  for (std::size_t i = 0; i < q.lines.size(); ++i) {
    const auto& l = q.lines[i];
    if (!l.asset || l.action == domain::LineAction::add || l.action == domain::LineAction::none)
      continue;
    for (const auto& a : assets)
      if (a.id.value == *l.asset && a.status == domain::AssetStatus::inactive)
        return Error::invalid("change_order.asset_inactive", "lines." + std::to_string(i),
                              {{"number", a.number}});
  }
  return Ok{};
}

// Every problem Verify finds in `q` today.
Result<FieldErrors> quote_problems(store::Tx& tx, const Quote& q, CivilDate today) {
  auto list = store::PriceListRepository::find(tx, q.price_list);
  if (!list) return list.error();
  auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{q.customer});
  if (!customer) return customer.error();
  auto ids = quote_product_ids(q);
  domain::QuoteContext context{store::ProductRepository::of_ids(tx, ids),
                               store::PriceListRepository::prices(tx, q.price_list, ids),
                               *list,
                               customer->display_name(),
                               customer->address,
                               today};
  return domain::verify_quote(q, context);
}

// Reads the quote `id` for `actor`: another customer's is not_found for a
// portal user (require_own).
Result<Quote> own_quote(store::Tx& tx, const domain::User& actor, Id<Quote> id) {
  auto q = store::QuoteRepository::find(tx, id);
  if (!q) return q.error();
  if (!require_own(actor, q->customer)) return Error::not_found("quote.not_found");
  return q;
}

// A new quote (not stored) for the header: valid for the installation's
// days from today, addressed to a company's only contact when none is
// named, its list and currency found; a customer's own is their cart.
Result<Quote> new_quote(store::Tx& tx, const domain::User& actor, const QuoteHeader& h,
                        const Clock& clock, FieldErrors* errors_out) {
  auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{h.customer});
  if (!customer) return customer.error();
  const auto settings = store::SettingsRepository::load(tx);
  const CivilDate today = business_today(clock, settings);
  Quote q;
  q.customer = h.customer;
  if (is_portal_user(actor)) q.origin = domain::QuoteOrigin::web;
  q.valid_until = quote_days_after(today, settings.quote_validity_days);
  // A company with one contact: the quote is addressed to that person
  // (the sending's e-mail goes to them); with several, the CSR chooses.
  QuoteHeader header = h;
  if (!header.contact)
    if (auto contacts = store::ContactRepository::of_customer(tx, customer->id);
        contacts.size() == 1)
      header.contact = contacts.front().id.value;
  FieldErrors errors;
  apply_quote_header(tx, q, header, *customer, errors);
  for (auto& e : domain::validate_quote_header(q, today, true).errors) errors.add(std::move(e));
  if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
  return q;
}

// Adds the line to the editable quote `q`, priced from its list at the
// product's VAT rate with its features.
Status add_quote_line(store::Tx& tx, Quote& q, const QuoteLineInput& input, CivilDate today,
                      FieldErrors* errors_out) {
  if (auto ok = domain::check_editable(q); !ok) return ok;
  if (q.lines.size() >= domain::kMaxQuoteLines)
    return Error::invalid("sales_order.too_many_lines", "product",
                          {{"max", std::to_string(domain::kMaxQuoteLines)}});
  auto priced = priced_line(tx, q.price_list, input.product, input.product_code, input.quantity,
                            today, errors_out);
  if (!priced) return priced.error();
  QuoteLine line;
  line.product = priced->product.id;
  line.product_code = priced->product.code;
  line.quantity = input.quantity;
  line.unit_price = priced->unit_price;
  line.discount = input.discount;
  line.vat_rate = priced->product.vat_rate;
  line.features = priced->product.features;
  line.action = input.action;
  line.asset = input.asset;
  q.lines.push_back(std::move(line));
  return check_priced_line(domain::validate_quote_line(q.lines.back(), "line"),
                           domain::totals_of(q).has_value(), errors_out);
}

std::optional<std::string> quote_order_number(store::Tx& tx, const Quote& q) {
  if (!q.sales_order) return std::nullopt;
  auto order = store::SalesOrderRepository::find(tx, Id<domain::SalesOrder>{*q.sales_order});
  if (!order) return std::nullopt;
  return order->number;
}

}  // namespace

Result<Quote> QuoteDesk::create(const domain::User& actor, const QuoteHeader& h,
                                FieldErrors* errors_out) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  if (auto own = require_own(actor, h.customer); !own) return own.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<Quote> {
    auto q = new_quote(tx, actor, h, clock_, errors_out);
    if (!q) return q.error();
    return store::QuoteRepository::insert(tx, std::move(*q), actor_of(actor), now);
  });
}

Result<Quote> QuoteDesk::add_to_cart(const domain::User& actor, const QuoteHeader& h,
                                     const QuoteLineInput& line, FieldErrors* errors_out) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  if (auto own = require_own(actor, h.customer); !own) return own.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<Quote> {
    const CivilDate today = business_today(clock_, store::SettingsRepository::load(tx));
    if (auto cart = store::QuoteRepository::cart_of(tx, h.customer)) {
      const Quote before = *cart;
      if (auto ok = add_quote_line(tx, *cart, line, today, errors_out); !ok) return ok.error();
      if (auto saved = store::QuoteRepository::save(tx, *cart, before, who, now); !saved)
        return saved.error();
      return std::move(*cart);
    }
    auto q = new_quote(tx, actor, h, clock_, errors_out);
    if (!q) return q.error();
    q->origin = domain::QuoteOrigin::web;
    if (auto ok = add_quote_line(tx, *q, line, today, errors_out); !ok) return ok.error();
    return store::QuoteRepository::insert(tx, std::move(*q), who, now);
  });
}

Result<Quote> QuoteDesk::update_header(const domain::User& actor, Id<Quote> id, Version version,
                                       const QuoteHeader& h, FieldErrors* errors_out) {
  return change_quote(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, Quote& q, CivilDate today, Instant) -> Status {
        if (auto ok = domain::check_editable(q); !ok) return ok;
        auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{q.customer});
        if (!customer) return customer.error();
        const CivilDate before = q.valid_until;
        FieldErrors errors;
        apply_quote_header(tx, q, h, *customer, errors);
        for (auto& e : domain::validate_quote_header(q, today, q.valid_until != before).errors)
          errors.add(std::move(e));
        if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
        return Ok{};
      });
}

Result<Quote> QuoteDesk::add_line(const domain::User& actor, Id<Quote> id, Version version,
                                  const QuoteLineInput& input, FieldErrors* errors_out) {
  return change_quote(db_, clock_, actor, id, version,
                      [&](store::Tx& tx, Quote& q, CivilDate today, Instant) -> Status {
                        return add_quote_line(tx, q, input, today, errors_out);
                      });
}

Result<Quote> QuoteDesk::change_line(const domain::User& actor, Id<Quote> id, Version version,
                                     Id<QuoteLine> line_id, std::int64_t quantity,
                                     std::int64_t discount, FieldErrors* errors_out) {
  return change_quote(
      db_, clock_, actor, id, version, [&](store::Tx& tx, Quote& q, CivilDate, Instant) -> Status {
        if (auto ok = domain::check_editable(q); !ok) return ok;
        auto it = std::find_if(q.lines.begin(), q.lines.end(),
                               [&](const auto& l) { return l.id == line_id; });
        if (it == q.lines.end()) return Error::not_found("quote.line_not_found");
        if (it->action == domain::LineAction::remove || it->action == domain::LineAction::none)
          return refuse_fields({{Error::invalid("quote.change_line_fixed", "quantity")}},
                               errors_out);
        auto product = store::ProductRepository::find(tx, it->product);
        if (!product) return product.error();
        auto price = list_unit_price(tx, q.price_list, *product, quantity);
        if (!price) return refuse_fields({{price.error()}}, errors_out);
        it->quantity = quantity;
        it->discount = discount;
        it->unit_price = *price;
        it->vat_rate = product->vat_rate;
        it->features = product->features;
        return check_priced_line(domain::validate_quote_line(*it, "line"),
                                 domain::totals_of(q).has_value(), errors_out);
      });
}

Result<Quote> QuoteDesk::remove_line(const domain::User& actor, Id<Quote> id, Version version,
                                     Id<QuoteLine> line_id) {
  return change_quote(db_, clock_, actor, id, version,
                      [&](store::Tx&, Quote& q, CivilDate, Instant) -> Status {
                        if (auto ok = domain::check_editable(q); !ok) return ok;
                        auto it = std::find_if(q.lines.begin(), q.lines.end(),
                                               [&](const auto& l) { return l.id == line_id; });
                        if (it == q.lines.end()) return Error::not_found("quote.line_not_found");
                        q.lines.erase(it);
                        return Ok{};
                      });
}

Result<FieldErrors> QuoteDesk::verify(const domain::User& actor, Id<Quote> id) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<FieldErrors> {
    auto q = own_quote(tx, actor, id);
    if (!q) return q.error();
    return quote_problems(tx, *q, business_today(clock_, store::SettingsRepository::load(tx)));
  });
}

Result<Quote> QuoteDesk::save_cart(const domain::User& actor, Id<Quote> id, Version version,
                                   FieldErrors* errors_out) {
  return change_quote(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, Quote& q, CivilDate today, Instant now) -> Status {
        if (!domain::is_cart(q)) return Error::invalid("quote.not_cart");
        // Valid from the day it is saved, as a quote made on the desk.
        q.valid_until =
            quote_days_after(today, store::SettingsRepository::load(tx).quote_validity_days);
        auto problems = quote_problems(tx, q, today);
        if (!problems) return problems.error();
        if (!problems->empty()) return refuse_fields(std::move(*problems), errors_out);
        if (auto ok = domain::mark_sent(q, domain::QuoteChannel::web, now); !ok) return ok;
        if (is_portal_user(actor))
          log_web_interaction(tx, actor, q.customer, q.number + "-" + std::to_string(q.revision),
                              "saved_as_quote", "quote", q.id.value, now);
        return Ok{};
      });
}

Result<Quote> QuoteDesk::revise(const domain::User& actor, Id<Quote> id, Version version) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<Quote> {
    auto quote = store::QuoteRepository::find(tx, id);
    if (!quote) return quote.error();
    if (quote->version != version) return stale_record_error(tx, "quotes", id.value);
    const auto settings = store::SettingsRepository::load(tx);
    const CivilDate today = business_today(clock_, settings);
    auto next =
        domain::revised(*quote, today, quote_days_after(today, settings.quote_validity_days));
    if (!next) return next.error();
    const Quote before = *quote;
    quote->active = false;
    if (auto saved = store::QuoteRepository::save(tx, *quote, before, who, now); !saved)
      return saved.error();
    return store::QuoteRepository::insert(tx, std::move(*next), who, now);
  });
}

Result<Quote> QuoteDesk::accept(const domain::User& actor, Id<Quote> id, Version version,
                                const std::optional<domain::QuoteAcceptance>& acceptance) {
  // A customer accepts electronically: the typed name is required.
  const bool web = is_portal_user(actor);
  std::optional<domain::QuoteAcceptance> given = acceptance;
  if (web && !given) given = domain::QuoteAcceptance{};
  return change_quote(db_, clock_, actor, id, version,
                      [&](store::Tx& tx, Quote& q, CivilDate today, Instant now) -> Status {
                        if (auto ok = domain::accept(q, today, now, given); !ok) return ok;
                        if (web)
                          log_web_interaction(tx, actor, q.customer,
                                              q.number + "-" + std::to_string(q.revision),
                                              "accepted", "quote", q.id.value, now);
                        return Ok{};
                      });
}

Result<Quote> QuoteDesk::reject(const domain::User& actor, Id<Quote> id, Version version) {
  return change_quote(db_, clock_, actor, id, version,
                      [&](store::Tx&, Quote& q, CivilDate, Instant now) -> Status {
                        return domain::reject(q, now);
                      });
}

Result<Quote> QuoteDesk::mark_sent(const domain::User& actor, Id<Quote> id, Version version,
                                   domain::QuoteChannel channel) {
  return change_quote(db_, clock_, actor, id, version,
                      [&](store::Tx&, Quote& q, CivilDate, Instant now) -> Status {
                        return domain::mark_sent(q, channel, now);
                      });
}

Result<ConversionPreview> QuoteDesk::preview_conversion(const domain::User& actor, Id<Quote> id) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<ConversionPreview> {
    auto q = own_quote(tx, actor, id);
    if (!q) return q.error();
    if (auto ok = domain::check_convertible(*q); !ok) return ok.error();
    auto r = quote_repricing(tx, *q, business_today(clock_, store::SettingsRepository::load(tx)));
    ConversionPreview p;
    p.fingerprint = domain::fingerprint_of(r.changes);
    p.changes = std::move(r.changes);
    p.lines = std::move(r.lines);
    return p;
  });
}

Result<domain::SalesOrder> QuoteDesk::convert(const domain::User& actor, Id<Quote> id,
                                              Version version, const std::string& acknowledged,
                                              ConversionPreview* preview_out) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<domain::SalesOrder> {
    auto quote = own_quote(tx, actor, id);
    if (!quote) return quote.error();
    if (quote->version != version) return stale_record_error(tx, "quotes", id.value);
    if (auto ok = domain::check_convertible(*quote); !ok) return ok.error();
    if (auto ok = check_quote_assets(tx, *quote); !ok) return ok.error();
    auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{quote->customer});
    if (!customer) return customer.error();
    auto list_today = store::PriceListRepository::for_customer(tx, quote->customer, quote->account);
    if (list_today && list_today->currency != quote->currency)
      return Error::invalid("quote.currency_changed", "price_list",
                            {{"quote", quote->currency}, {"list", list_today->currency}});
    const CivilDate today = business_today(clock_, store::SettingsRepository::load(tx));
    auto r = quote_repricing(tx, *quote, today);
    const std::string fingerprint = domain::fingerprint_of(r.changes);
    if (!r.changes.empty() && acknowledged != fingerprint) {
      if (preview_out) *preview_out = {r.changes, fingerprint, r.lines};
      return Error::conflict("quote.changes_to_acknowledge", {{"fingerprint", fingerprint}});
    }
    if (r.lines.empty()) return Error::invalid("quote.nothing_to_order", "lines");
    domain::SalesOrder o;
    o.customer = quote->customer;
    o.account = quote->account;
    o.contact = quote->contact;
    o.ship_to = customer->address;
    o.price_list = quote->price_list;
    o.currency = quote->currency;
    o.notes = quote->notes;
    for (const auto& line : r.lines) o.lines.push_back(domain::order_line_of(line));
    auto order = store::SalesOrderRepository::insert(tx, std::move(o), who, now);
    store::QuoteRepository::link_order(tx, quote->id, order.id.value);
    order.quote = quote->id.value;
    const Quote before = *quote;
    quote->sales_order = order.id.value;
    if (auto saved = store::QuoteRepository::save(tx, *quote, before, who, now); !saved)
      return saved.error();
    return order;
  });
}

Result<QuoteView> QuoteDesk::view(const domain::User& actor, Id<Quote> id) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<QuoteView> {
    auto q = own_quote(tx, actor, id);
    if (!q) return q.error();
    auto list = store::PriceListRepository::find(tx, q->price_list);
    if (!list) return list.error();
    auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{q->customer});
    if (!customer) return customer.error();
    QuoteView v;
    v.today = business_today(clock_, store::SettingsRepository::load(tx));
    v.totals = domain::totals_of(*q).value_or(domain::OrderTotals{});
    v.state = domain::state_on(*q, v.today);
    v.customer = std::move(*customer);
    v.accounts = store::AccountRepository::of_customer(tx, v.customer.id);
    v.contacts = store::ContactRepository::of_customer(tx, v.customer.id);
    for (const auto& a : v.accounts)
      if (q->account && a.id.value == *q->account) v.account = a;
    for (const auto& c : v.contacts)
      if (q->contact && c.id.value == *q->contact) v.contact = c;
    v.price_list = *list;
    v.products = store::ProductRepository::of_ids(tx, quote_product_ids(*q));
    v.revisions = store::QuoteRepository::revisions(tx, q->number);
    v.order_number = quote_order_number(tx, *q);
    std::vector<std::int64_t> assets;
    for (const auto& l : q->lines)
      if (l.asset) assets.push_back(*l.asset);
    if (!assets.empty())
      for (const auto& a : store::AssetRepository::of_ids(tx, assets))
        v.asset_numbers[a.id.value] = a.number;
    v.quote = std::move(*q);
    return v;
  });
}

Result<std::optional<Quote>> QuoteDesk::quote_of_order(const domain::User& actor,
                                                       std::int64_t order) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::optional<Quote>> {
    auto id = store::QuoteRepository::quote_of_order(tx, order);
    if (!id) return std::optional<Quote>{};
    auto q = own_quote(tx, actor, Id<Quote>{*id});
    if (!q) return std::optional<Quote>{};
    return std::optional<Quote>{std::move(*q)};
  });
}

Result<std::vector<QuoteSummary>> QuoteDesk::of_customer(const domain::User& actor,
                                                         std::int64_t customer, int limit,
                                                         int offset) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  if (auto own = require_own(actor, customer); !own) return own.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<QuoteSummary>> {
    const CivilDate today = business_today(clock_, store::SettingsRepository::load(tx));
    std::vector<QuoteSummary> out;
    for (auto& q : store::QuoteRepository::of_customer(tx, customer, limit, offset)) {
      QuoteSummary s;
      s.totals = domain::totals_of(q).value_or(domain::OrderTotals{});
      s.state = domain::state_on(q, today);
      s.order_number = quote_order_number(tx, q);
      s.quote = std::move(q);
      out.push_back(std::move(s));
    }
    return out;
  });
}

}  // namespace rapport::app
