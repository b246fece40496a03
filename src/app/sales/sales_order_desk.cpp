#include "app/sales/sales_order_desk.h"

#include <algorithm>

#include "app/access.h"
#include "app/catalog/line_product.h"
#include "app/events/outbox.h"
#include "app/field_errors.h"
#include "app/portal/web_interaction.h"
#include "app/sales/fulfilment.h"
#include "app/today.h"
#include "domain/sales/change_delta.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/customers/account_repository.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "store/events/outbox_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

app::SalesOrderHeader header_of(const domain::SalesOrder& o) {
  app::SalesOrderHeader h;
  h.customer = o.customer;
  h.account = o.account;
  h.contact = o.contact;
  h.requested_delivery = o.requested_delivery;
  h.ship_to = o.ship_to;
  h.departure = o.departure;
  h.price_list = o.price_list;
  h.notes = o.notes;
  return h;
}
namespace {

using domain::SalesOrder;
using domain::SalesOrderLine;

Status may_read_sales(const domain::User& actor) {
  if (allowed(actor, Capability::take_orders) || allowed(actor, Capability::fulfil_orders))
    return Ok{};
  return Error::forbidden();
}

// The order page and the customer's assets: the desk's readers, and a
// portal user for their own customer (require_own once the record is known).
Status may_read_own_sales(const domain::User& actor) {
  if (auto ok = may_read_sales(actor); ok) return ok;
  return require_desk(actor, Capability::take_orders);
}

// Fills `o`'s header from `h`, checking that the account and contact are
// the customer's and the price list exists.
void apply_sales_header(store::Tx& tx, SalesOrder& o, const SalesOrderHeader& h,
                        const domain::Customer& customer, FieldErrors& errors) {
  o.account = h.account;
  o.contact = h.contact;
  o.requested_delivery = h.requested_delivery;
  o.ship_to = h.ship_to ? *h.ship_to : customer.address;
  o.departure = h.departure;
  o.notes = h.notes;
  auto parties =
      order_parties_of(tx, customer, h.account, h.contact, h.price_list, o.price_list, errors);
  if (!parties.list) return;
  const auto& list = parties.list;
  // A list in another currency would misprice the lines already entered.
  if (!o.lines.empty() && list->currency != o.currency)
    errors.add(Error::invalid("sales_order.currency_mismatch", "price_list",
                              {{"order", o.currency}, {"list", list->currency}}));
  o.price_list = list->id;
  o.currency = list->currency;
}

}  // namespace

Result<SalesOrder> new_sales_order(store::Tx& tx, const SalesOrderHeader& h, CivilDate today,
                                   FieldErrors& errors) {
  auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{h.customer});
  if (!customer) return customer.error();
  SalesOrder o;
  o.customer = h.customer;
  apply_sales_header(tx, o, h, *customer, errors);
  for (auto& e : domain::validate_header(o, today, true).errors) errors.add(std::move(e));
  o.plan_entry = h.plan_entry;
  return o;
}

Result<SalesOrder> SalesOrderDesk::create(const domain::User& actor, const SalesOrderHeader& h,
                                          FieldErrors* errors_out) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<SalesOrder> {
    const CivilDate today = business_today(clock_, store::SettingsRepository::load(tx));
    FieldErrors errors;
    auto o = new_sales_order(tx, h, today, errors);
    if (!o) return o.error();
    if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
    auto stored = store::SalesOrderRepository::insert(tx, std::move(*o), actor_of(actor), now);
    if (h.plan_entry)
      store::PlanEntryRepository::link_sales_order(tx, Id<domain::PlanEntry>{*h.plan_entry},
                                                   stored.id.value, actor_of(actor), now);
    return stored;
  });
}

namespace {

// Loads the order at `version` in a write transaction, runs `change`, and
// saves it; the change sees today in the installation's calendar.
template <class Change>
Result<SalesOrder> change_sales_order(store::Database& db, const Clock& clock,
                                      const domain::User& actor, Id<SalesOrder> id,
                                      std::optional<Version> version, Change&& change) {
  const Instant now = clock.now();
  const store::Actor who = actor_of(actor);
  return db.write([&](store::Tx& tx) -> Result<SalesOrder> {
    auto order = store::SalesOrderRepository::find(tx, id);
    if (!order) return order.error();
    // Another customer's order reads as an unknown one.
    if (!require_own(actor, order->customer)) return Error::not_found("sales_order.not_found");
    if (version && order->version != *version)
      return stale_record_error(tx, "sales_orders", id.value);
    const CivilDate today = business_today(clock, store::SettingsRepository::load(tx));
    const SalesOrder before = *order;
    if (auto ok = change(tx, *order, today, who, now); !ok) return ok.error();
    auto saved = store::SalesOrderRepository::save(tx, *order, before, who, now);
    if (!saved) return saved.error();
    return std::move(*order);
  });
}

}  // namespace

Result<SalesOrder> SalesOrderDesk::update_header(const domain::User& actor, Id<SalesOrder> id,
                                                 Version version, const SalesOrderHeader& h,
                                                 FieldErrors* errors_out) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return change_sales_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, SalesOrder& o, CivilDate today, const store::Actor&, Instant) -> Status {
        if (!domain::may_edit_lines(o)) return Error::invalid("sales_order.not_pending");
        auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{o.customer});
        if (!customer) return customer.error();
        const auto delivery_before = o.requested_delivery;
        FieldErrors errors;
        apply_sales_header(tx, o, h, *customer, errors);
        for (auto& e :
             domain::validate_header(o, today, o.requested_delivery != delivery_before).errors)
          errors.add(std::move(e));
        if (!errors.empty()) return refuse_fields(std::move(errors), errors_out);
        return Ok{};
      });
}

Result<SalesOrder> SalesOrderDesk::add_line(const domain::User& actor, Id<SalesOrder> id,
                                            Version version, const LineInput& input,
                                            FieldErrors* errors_out) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return change_sales_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, SalesOrder& o, CivilDate today, const store::Actor&, Instant) -> Status {
        if (auto ok = domain::may_revise_lines(o); !ok) return ok;
        if (o.lines.size() >= domain::kMaxOrderLines)
          return Error::invalid("sales_order.too_many_lines", "product",
                                {{"max", std::to_string(domain::kMaxOrderLines)}});
        auto priced = priced_line(tx, o.price_list, input.product, input.product_code,
                                  input.quantity, o.requested_delivery.value_or(today), errors_out);
        if (!priced) return priced.error();
        SalesOrderLine line;
        line.product = priced->product.id;
        line.product_code = priced->product.code;
        line.quantity = input.quantity;
        line.unit_price = priced->unit_price;
        line.discount = input.discount;
        line.vat_rate = priced->product.vat_rate;
        // A line added to an open order (a revision) goes to fulfilment.
        if (o.status == domain::SalesOrderStatus::open) line.status = domain::LineStatus::open;
        o.lines.push_back(std::move(line));
        return check_priced_line(domain::validate_line(o.lines.back(), "line"),
                                 domain::totals_of(o).has_value(), errors_out);
      });
}

Result<SalesOrder> SalesOrderDesk::change_line(const domain::User& actor, Id<SalesOrder> id,
                                               Version version, Id<SalesOrderLine> line_id,
                                               std::int64_t quantity, std::int64_t discount,
                                               FieldErrors* errors_out) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return change_sales_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, SalesOrder& o, CivilDate, const store::Actor&, Instant) -> Status {
        if (auto ok = domain::may_revise_lines(o); !ok) return ok;
        auto it = std::find_if(o.lines.begin(), o.lines.end(),
                               [&](const auto& l) { return l.id == line_id; });
        if (it == o.lines.end()) return Error::not_found("sales_order.line_not_found");
        if (auto ok = domain::may_revise_line(o, *it); !ok)
          return refuse_fields({{ok.error()}}, errors_out);
        auto product = store::ProductRepository::find(tx, it->product);
        if (!product) return product.error();
        auto price = list_unit_price(tx, o.price_list, *product, quantity);
        if (!price) return refuse_fields({{price.error()}}, errors_out);
        it->quantity = quantity;
        it->discount = discount;
        // A line that changes an asset without a charge stays free.
        const bool charged =
            it->action == domain::LineAction::add || it->action == domain::LineAction::update;
        if (charged) it->unit_price = *price;
        return check_priced_line(domain::validate_line(*it, "line"),
                                 domain::totals_of(o).has_value(), errors_out);
      });
}

Result<SalesOrder> SalesOrderDesk::remove_line(const domain::User& actor, Id<SalesOrder> id,
                                               Version version, Id<SalesOrderLine> line_id) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return change_sales_order(
      db_, clock_, actor, id, version,
      [&](store::Tx&, SalesOrder& o, CivilDate, const store::Actor&, Instant now) -> Status {
        if (auto ok = domain::may_revise_lines(o); !ok) return ok;
        auto it = std::find_if(o.lines.begin(), o.lines.end(),
                               [&](const auto& l) { return l.id == line_id; });
        if (it == o.lines.end()) return Error::not_found("sales_order.line_not_found");
        if (auto ok = domain::may_revise_line(o, *it); !ok) return ok;
        const bool open = o.status == domain::SalesOrderStatus::open;
        o.lines.erase(it);
        // An open order keeps a line to fulfil: cancel it rather.
        if (open &&
            std::none_of(o.lines.begin(), o.lines.end(),
                         [](const auto& l) { return domain::is_unfulfilled(l); }) &&
            std::none_of(o.lines.begin(), o.lines.end(),
                         [](const auto& l) { return l.status == domain::LineStatus::complete; }))
          return Error::invalid("sales_order.revise_last_line", "line");
        domain::close_when_fulfilled(o, now);
        return Ok{};
      });
}

Result<SalesOrder> SalesOrderDesk::submit(const domain::User& actor, Id<SalesOrder> id,
                                          Version version, FieldErrors* errors_out) {
  if (auto ok = require_desk(actor, Capability::take_orders); !ok) return ok.error();
  return change_sales_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, SalesOrder& o, CivilDate today, const store::Actor& who,
          Instant now) -> Status {
        if (o.status != domain::SalesOrderStatus::pending)
          return Error::invalid("sales_order.not_pending");
        auto list = store::PriceListRepository::find(tx, o.price_list);
        if (!list) return list.error();
        std::vector<std::int64_t> ids;
        for (const auto& l : o.lines) ids.push_back(l.product.value);
        domain::SubmitContext context{store::ProductRepository::of_ids(tx, ids),
                                      store::PriceListRepository::prices(tx, o.price_list, ids),
                                      *list, today};
        if (auto problems = domain::verify_for_submit(o, context); !problems.empty())
          return refuse_fields(std::move(problems), errors_out);
        if (auto ok = domain::submit(o, now); !ok) return ok;
        log_sales_interaction(tx, o, who, now, "submitted",
                              interaction_channel_of(actor, domain::InteractionChannel::note));
        record_sales_order_event(tx, domain::EventType::sales_order_submitted, o, now);
        return Ok{};
      });
}

Result<SalesOrder> SalesOrderDesk::cancel(const domain::User& actor, Id<SalesOrder> id,
                                          Version version) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return change_sales_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, SalesOrder& o, CivilDate, const store::Actor& who, Instant now) -> Status {
        if (auto ok = domain::cancel(o); !ok) return ok;
        log_sales_interaction(tx, o, who, now, "canceled");
        return Ok{};
      });
}

namespace {

// One line completed or failed through the fulfilment path (fulfilment.h).
Result<SalesOrder> fulfil_one_line(store::Database& db, const Clock& clock,
                                   const domain::User& actor, Id<SalesOrder> id,
                                   std::optional<Version> version, LineDecision decision) {
  if (auto ok = require(actor, Capability::fulfil_orders); !ok) return ok.error();
  return change_sales_order(db, clock, actor, id, version,
                            [&](store::Tx& tx, SalesOrder& o, CivilDate today,
                                const store::Actor& who, Instant now) -> Status {
                              EventBatch events(tx);
                              auto done =
                                  fulfil_order_lines(tx, o, {decision}, products_of_lines(tx, {o}),
                                                     today, who, now, events);
                              if (!done) return done.error();
                              events.write(tx);
                              return Ok{};
                            });
}

}  // namespace

Result<SalesOrder> SalesOrderDesk::complete_line(const domain::User& actor, Id<SalesOrder> id,
                                                 std::optional<Version> version,
                                                 Id<SalesOrderLine> line_id) {
  return fulfil_one_line(db_, clock_, actor, id, version, {line_id, LineOutcome::complete, {}});
}

Result<SalesOrder> SalesOrderDesk::fail_line(const domain::User& actor, Id<SalesOrder> id,
                                             std::optional<Version> version,
                                             Id<SalesOrderLine> line_id,
                                             const std::string& reason) {
  return fulfil_one_line(db_, clock_, actor, id, version, {line_id, LineOutcome::fail, reason});
}

Result<SalesOrderView> SalesOrderDesk::view(const domain::User& actor, Id<SalesOrder> id) {
  if (auto ok = may_read_own_sales(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<SalesOrderView> {
    auto order = store::SalesOrderRepository::find(tx, id);
    if (!order) return order.error();
    if (!require_own(actor, order->customer)) return Error::not_found("sales_order.not_found");
    auto list = store::PriceListRepository::find(tx, order->price_list);
    if (!list) return list.error();
    auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{order->customer});
    if (!customer) return customer.error();
    std::vector<std::int64_t> ids;
    for (const auto& l : order->lines) ids.push_back(l.product.value);
    SalesOrderView v;
    v.totals = domain::totals_of(*order).value_or(domain::OrderTotals{});
    v.order = std::move(*order);
    v.customer_name = customer->display_name();
    v.price_list = *list;
    v.products = store::ProductRepository::of_ids(tx, ids);
    std::vector<std::int64_t> assets;
    for (const auto& l : v.order.lines) {
      if (l.asset) assets.push_back(*l.asset);
      if (l.target_asset) assets.push_back(*l.target_asset);
    }
    for (const auto& a : store::AssetRepository::of_ids(tx, assets))
      v.asset_numbers[a.id.value] = a.number;
    return v;
  });
}

Result<std::vector<SalesOrder>> SalesOrderDesk::list(const domain::User& actor,
                                                     const store::SalesOrderFilter& filter) {
  if (auto ok = may_read_sales(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<SalesOrder>> {
    return store::SalesOrderRepository::list(tx, filter);
  });
}

Result<std::map<std::int64_t, std::string>> SalesOrderDesk::customer_names(
    const domain::User& actor, const std::vector<SalesOrder>& orders) {
  if (auto ok = may_read_sales(actor); !ok) return ok.error();
  std::vector<std::int64_t> ids;
  for (const auto& o : orders) ids.push_back(o.customer);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return db_.read([&](store::Tx& tx) -> Result<std::map<std::int64_t, std::string>> {
    std::map<std::int64_t, std::string> out;
    for (const auto& c : store::CustomerRepository::find_many(tx, ids))
      out.emplace(c.id.value, c.display_name());
    return out;
  });
}

Result<std::optional<SalesOrder>> SalesOrderDesk::existing_order(const domain::User& actor,
                                                                 std::int64_t customer,
                                                                 CivilDate delivery) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::optional<SalesOrder>> {
    store::SalesOrderFilter filter;
    filter.customer = customer;
    filter.requested_delivery = delivery;
    auto orders = store::SalesOrderRepository::list(tx, filter);
    const SalesOrder* found = domain::existing_order_on(orders, delivery);
    if (!found) return std::optional<SalesOrder>{};
    return std::optional<SalesOrder>{*found};
  });
}

Result<std::vector<store::QueueLine>> SalesOrderDesk::fulfilment_queue(const domain::User& actor,
                                                                       int limit, int offset) {
  if (auto ok = require(actor, Capability::fulfil_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::QueueLine>> {
    return store::SalesOrderRepository::fulfilment_queue(tx, limit, offset);
  });
}

Result<std::vector<store::AssetRow>> SalesOrderDesk::assets(const domain::User& actor,
                                                            std::int64_t customer) {
  if (auto ok = require_desk(actor, Capability::read_customers); !ok) return ok.error();
  if (auto own = require_own(actor, customer); !own) return own.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::AssetRow>> {
    return store::AssetRepository::of_customer(tx, customer);
  });
}

}  // namespace rapport::app
