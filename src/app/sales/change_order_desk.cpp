#include "app/sales/change_order_desk.h"

#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/events/outbox.h"
#include "app/field_errors.h"
#include "app/today.h"
#include "domain/ascii.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/interaction_repository.h"
#include "store/quotes/quote_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

Result<std::vector<domain::DeltaLine>> change_delta_in(store::Tx& tx, std::int64_t customer,
                                                       std::vector<domain::RequestedChange> changes,
                                                       FieldErrors* errors_out) {
  FieldErrors errors;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto& c = changes[i];
    if (c.change != domain::AssetChange::add) continue;
    std::optional<domain::Product> product;
    if (c.product.valid()) {
      if (auto p = store::ProductRepository::find(tx, c.product)) product = *p;
    } else if (!c.product_code.empty()) {
      product = store::ProductRepository::find_by_code(tx, domain::ascii_upper(c.product_code));
    } else {
      continue;  // the delta says it is required
    }
    if (!product) {
      errors.add(Error::invalid("product.not_found", "changes." + std::to_string(i) + ".product"));
      continue;
    }
    c.product = product->id;
    c.product_code = product->code;
  }
  auto delta = domain::change_delta(
      store::AssetRepository::all_of_customer(tx, customer),
      store::SalesOrderRepository::unfulfilled_of_customer(tx, customer), changes);
  for (auto& e : delta.errors.errors) errors.add(std::move(e));
  if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
  std::vector<std::int64_t> ids;
  for (const auto& l : delta.lines) ids.push_back(l.product.value);
  std::map<std::int64_t, std::string> codes;
  for (const auto& p : store::ProductRepository::of_ids(tx, ids)) codes[p.id.value] = p.code;
  for (auto& l : delta.lines) l.product_code = codes[l.product.value];
  return std::move(delta.lines);
}

namespace {

// The change order `request` makes, not stored.
Result<domain::SalesOrder> change_order_of(store::Tx& tx, const Clock& clock,
                                           const ChangeOrderRequest& request,
                                           FieldErrors* errors_out) {
  const CivilDate today = business_today(clock, store::SettingsRepository::load(tx));
  SalesOrderHeader h;
  h.customer = request.customer;
  h.requested_delivery = request.requested_delivery;
  h.notes = request.notes;
  FieldErrors errors;
  auto order = new_sales_order(tx, h, today, errors);
  if (!order) return order.error();
  FieldErrors delta_errors;
  auto lines = change_delta_in(tx, request.customer, request.changes, &delta_errors);
  if (!lines) {
    if (delta_errors.empty()) return lines.error();
    for (auto& e : delta_errors.errors) errors.add(std::move(e));
  }
  if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
  if (lines->size() > domain::kMaxOrderLines)
    return refuse_fields({{Error::invalid("sales_order.too_many_lines", "changes",
                                          {{"max", std::to_string(domain::kMaxOrderLines)}})}},
                         errors_out);
  std::vector<std::int64_t> ids;
  for (const auto& l : *lines) ids.push_back(l.product.value);
  std::map<std::int64_t, domain::Product> products;
  for (auto& p : store::ProductRepository::of_ids(tx, ids)) products.emplace(p.id.value, p);
  std::map<std::int64_t, domain::ProductPrice> prices;
  for (auto& p : store::PriceListRepository::prices(tx, order->price_list, ids))
    prices.emplace(p.product.value, p);
  for (const auto& d : *lines) {
    const std::string at = "changes." + std::to_string(d.change);
    domain::SalesOrderLine line;
    line.product = d.product;
    line.product_code = d.product_code;
    line.quantity = d.quantity;
    line.action = d.action;
    line.target_asset = d.target_asset;
    line.features = d.features;
    line.target_status = d.target_status;
    line.vat_rate = products.count(d.product.value) ? products.at(d.product.value).vat_rate : 0;
    if (d.action == domain::LineAction::add || d.action == domain::LineAction::update) {
      auto price = prices.find(d.product.value);
      if (price == prices.end()) {
        errors.add(Error::invalid("sales_order.line_price_missing", at + ".product",
                                  {{"code", d.product_code}}));
        continue;
      }
      line.unit_price = domain::unit_price_for(price->second, d.quantity);
    }
    for (auto& e : domain::validate_line(line, at).errors) errors.add(std::move(e));
    order->lines.push_back(std::move(line));
  }
  if (errors.empty() && !domain::totals_of(*order))
    errors.add(Error::invalid("money.too_large", "changes"));
  if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
  return order;
}

// Staff who take orders, or a customer for their own customer (another's
// answers not_found, as an unknown customer).
Status may_change_for(const domain::User& actor, const ChangeOrderRequest& request) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok;
  if (auto ok = require_own(actor, request.customer); !ok)
    return Error::not_found("customer.not_found");
  return Ok{};
}

// Submits `order` (not stored yet) as SalesOrderDesk::submit does, with the
// same checks (domain::verify_for_submit).
Status submit_checked(store::Tx& tx, const Clock& clock, domain::SalesOrder& order, Instant now,
                      FieldErrors* errors_out) {
  const CivilDate today = business_today(clock, store::SettingsRepository::load(tx));
  auto list = store::PriceListRepository::find(tx, order.price_list);
  if (!list) return list.error();
  std::vector<std::int64_t> ids;
  for (const auto& l : order.lines) ids.push_back(l.product.value);
  domain::SubmitContext context{store::ProductRepository::of_ids(tx, ids),
                                store::PriceListRepository::prices(tx, order.price_list, ids),
                                *list, today};
  if (auto problems = domain::verify_for_submit(order, context); !problems.empty())
    return refuse_fields(std::move(problems), errors_out);
  return domain::submit(order, now);
}

// One interaction per requested change on an asset: "disconnect_requested"
// with the asset's number and the order's, linked to the order.
void log_requested_changes(store::Tx& tx, const domain::SalesOrder& order,
                           const std::vector<domain::RequestedChange>& changes,
                           domain::InteractionChannel channel, const store::Actor& who,
                           Instant now) {
  for (const auto& c : changes) {
    domain::Interaction i;
    i.customer = Id<domain::Customer>{order.customer};
    i.at = now;
    i.user_name = who.name;
    i.channel = channel;
    i.direction = domain::InteractionDirection::inbound;
    i.summary = c.asset ? store::asset_number_of(*c.asset) + " → " + order.number : order.number;
    i.outcome = std::string(enum_code(c.change)) + "_requested";
    i.related_type = "sales_order";
    i.related_id = order.id.value;
    store::InteractionRepository::insert(tx, i, who);
  }
}

}  // namespace

Result<ChangeOrderPreview> ChangeOrderDesk::preview(const domain::User& actor,
                                                    const ChangeOrderRequest& request,
                                                    FieldErrors* errors_out) {
  if (auto ok = may_change_for(actor, request); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<ChangeOrderPreview> {
    auto order = change_order_of(tx, clock_, request, errors_out);
    if (!order) return order.error();
    ChangeOrderPreview p;
    p.totals = domain::totals_of(*order).value_or(domain::OrderTotals{});
    p.order = std::move(*order);
    p.assets = store::AssetRepository::of_customer(tx, request.customer, 1000);
    return p;
  });
}

Result<domain::SalesOrder> ChangeOrderDesk::create(const domain::User& actor,
                                                   const ChangeOrderRequest& request,
                                                   FieldErrors* errors_out) {
  if (auto ok = may_change_for(actor, request); !ok) return ok.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::SalesOrder> {
    auto order = change_order_of(tx, clock_, request, errors_out);
    if (!order) return order.error();
    return store::SalesOrderRepository::insert(tx, std::move(*order), actor_of(actor), now);
  });
}

Result<domain::SalesOrder> ChangeOrderDesk::request(const domain::User& actor,
                                                    const ChangeOrderRequest& request,
                                                    FieldErrors* errors_out) {
  if (auto ok = may_change_for(actor, request); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<domain::SalesOrder> {
    auto order = change_order_of(tx, clock_, request, errors_out);
    if (!order) return order.error();
    if (auto ok = submit_checked(tx, clock_, *order, now, errors_out); !ok) return ok.error();
    auto stored = store::SalesOrderRepository::insert(tx, std::move(*order), who, now);
    const auto channel =
        is_portal_user(actor) ? domain::InteractionChannel::web : domain::InteractionChannel::note;
    log_requested_changes(tx, stored, request.changes, channel, who, now);
    record_sales_order_event(tx, domain::EventType::sales_order_submitted, stored, now);
    return stored;
  });
}

Result<domain::Quote> ChangeOrderDesk::create_quote(const domain::User& actor,
                                                    const ChangeOrderRequest& request,
                                                    FieldErrors* errors_out) {
  if (auto ok = may_change_for(actor, request); !ok) return ok.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::Quote> {
    auto order = change_order_of(tx, clock_, request, errors_out);
    if (!order) return order.error();
    const auto settings = store::SettingsRepository::load(tx);
    const CivilDate today = business_today(clock_, settings);
    std::vector<std::int64_t> ids;
    for (const auto& l : order->lines) ids.push_back(l.product.value);
    std::map<std::int64_t, std::vector<domain::ProductFeature>> features;
    for (auto& p : store::ProductRepository::of_ids(tx, ids))
      features.emplace(p.id.value, std::move(p.features));
    domain::Quote q;
    q.customer = order->customer;
    q.account = order->account;
    q.contact = order->contact;
    q.price_list = order->price_list;
    q.currency = order->currency;
    q.notes = order->notes;
    q.valid_until = CivilDate{date::sys_days{today} + date::days{settings.quote_validity_days}};
    for (const auto& l : order->lines) {
      domain::QuoteLine line;
      line.product = l.product;
      line.product_code = l.product_code;
      line.quantity = l.quantity;
      line.unit_price = l.unit_price;
      line.discount = l.discount;
      line.vat_rate = l.vat_rate;
      line.features = features[l.product.value];  // the product's, as priced today
      line.action = l.action;
      line.asset = l.target_asset;
      line.target_features = l.features;
      line.target_status = l.target_status;
      q.lines.push_back(std::move(line));
    }
    return store::QuoteRepository::insert(tx, std::move(q), actor_of(actor), now);
  });
}

Result<AssetView> ChangeOrderDesk::asset(const domain::User& actor, Id<domain::Asset> id) {
  if (auto ok = require(actor, Capability::read_customers); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<AssetView> {
    auto asset = store::AssetRepository::find(tx, id);
    if (!asset) return asset.error();
    auto product = store::ProductRepository::find(tx, asset->product);
    if (!product) return product.error();
    auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{asset->customer});
    if (!customer) return customer.error();
    AssetView v;
    v.asset = {std::move(*asset), product->code, product->name_en, product->name_fr};
    v.customer_name = customer->display_name();
    v.history = store::SalesOrderRepository::lines_on_asset(tx, id.value);
    return v;
  });
}

}  // namespace rapport::app
