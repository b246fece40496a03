#include "domain/sales/sales_order.h"

#include <algorithm>
#include <type_traits>

#include "domain/text_length.h"

namespace rapport::domain {

PricedLine priced(const SalesOrderLine& line) {
  return {line.quantity, line.unit_price, line.discount, line.vat_rate};
}

std::optional<OrderTotals> totals_of(const SalesOrder& order) {
  std::vector<PricedLine> lines;
  lines.reserve(order.lines.size());
  for (const auto& l : order.lines) lines.push_back(priced(l));
  return order_totals(lines);
}

FieldErrors validate_header(const SalesOrder& order, CivilDate today, bool delivery_changed) {
  FieldErrors e;
  if (order.requested_delivery && delivery_changed) {
    if (!order.requested_delivery->ok())
      e.add(Error::invalid("field.date_invalid", "requested_delivery"));
    else if (*order.requested_delivery < today)
      e.add(Error::invalid("sales_order.delivery_past", "requested_delivery"));
  }
  check_length(e, order.notes, kMaxOrderNotesLength, "notes");
  check_line(e, order.departure, kMaxDepartureLength, "departure");
  check_line(e, order.ship_to.line1, 200, "ship_to.line1");
  check_line(e, order.ship_to.line2, 200, "ship_to.line2");
  check_line(e, order.ship_to.postal_code, 20, "ship_to.postal_code");
  check_line(e, order.ship_to.city, 100, "ship_to.city");
  check_line(e, order.ship_to.region, 100, "ship_to.region");
  return e;
}

FieldErrors validate_line(const SalesOrderLine& line, const std::string& at) {
  FieldErrors e;
  if (line.quantity <= 0)
    e.add(Error::invalid("sales_order.line_quantity_positive", at + ".quantity"));
  else if (line.quantity > kMaxQuantity)
    e.add(Error::invalid("sales_order.line_quantity_too_large", at + ".quantity"));
  if (line.unit_price < 0 || line.unit_price > kMaxUnitPrice)
    e.add(Error::invalid("money.too_large", at + ".unit_price"));
  if (!e.empty()) return e;
  if (line.discount < 0 ||
      line.discount > scale_rounded(line.quantity, line.unit_price, kQuantityScale))
    e.add(Error::invalid("sales_order.line_discount_invalid", at + ".discount"));
  else if (!line_net(priced(line)))
    e.add(Error::invalid("money.too_large", at + ".quantity"));
  return e;
}

namespace {

template <class T>
const T* by_product(const std::vector<T>& items, Id<Product> product) {
  for (const auto& item : items) {
    if constexpr (std::is_same_v<T, Product>) {
      if (item.id == product) return &item;
    } else {
      if (item.product == product) return &item;
    }
  }
  return nullptr;
}

}  // namespace

FieldErrors verify_for_submit(const SalesOrder& order, const SubmitContext& context) {
  FieldErrors e;
  const CivilDate day = order.requested_delivery ? *order.requested_delivery : context.today;
  if (order.lines.empty()) e.add(Error::invalid("sales_order.no_lines", "lines"));
  if (order.requested_delivery && *order.requested_delivery < context.today)
    e.add(Error::invalid("sales_order.delivery_past", "requested_delivery"));
  if (!is_valid_on(context.price_list, day))
    e.add(Error::invalid("sales_order.price_list_expired", "price_list",
                         {{"code", context.price_list.code}}));
  if (context.price_list.currency != order.currency)
    e.add(Error::invalid("sales_order.currency_mismatch", "price_list",
                         {{"order", order.currency}, {"list", context.price_list.currency}}));
  if (order.ship_to.line1.empty())
    e.add(Error::invalid("sales_order.address_incomplete", "ship_to.line1"));
  if (order.ship_to.postal_code.empty())
    e.add(Error::invalid("sales_order.address_incomplete", "ship_to.postal_code"));
  if (order.ship_to.city.empty())
    e.add(Error::invalid("sales_order.address_incomplete", "ship_to.city"));
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const auto& line = order.lines[i];
    const std::string at = "lines." + std::to_string(i);
    // A change line on an asset (update, remove, none) keeps what the
    // customer has: its product need not be orderable any more, and only an
    // update is charged, so only it needs a price.
    const Product* product = by_product(context.products, line.product);
    if (line.action == LineAction::add && (!product || !is_orderable(*product, day)))
      e.add(Error::invalid("sales_order.line_product_not_orderable", at + ".product",
                           {{"code", line.product_code}}));
    const bool charged = line.action == LineAction::add || line.action == LineAction::update;
    if (charged && !by_product(context.prices, line.product))
      e.add(Error::invalid("sales_order.line_price_missing", at + ".unit_price",
                           {{"code", line.product_code}}));
    for (auto& error : validate_line(line, at).errors) e.add(std::move(error));
  }
  if (e.empty() && !totals_of(order)) e.add(Error::invalid("money.too_large", "lines"));
  return e;
}

Status submit(SalesOrder& order, Instant now) {
  if (order.status != SalesOrderStatus::pending) return Error::invalid("sales_order.not_pending");
  order.status = SalesOrderStatus::open;
  order.submitted_at = now;
  for (auto& line : order.lines) line.status = LineStatus::open;
  return Ok{};
}

Status cancel(SalesOrder& order) {
  const bool final =
      order.status == SalesOrderStatus::complete || order.status == SalesOrderStatus::canceled;
  const bool fulfilled = std::any_of(order.lines.begin(), order.lines.end(), [](const auto& l) {
    return l.status == LineStatus::complete;
  });
  if (final || fulfilled) return Error::invalid("sales_order.cancel_not_allowed");
  order.status = SalesOrderStatus::canceled;
  for (auto& line : order.lines)
    if (line.status == LineStatus::open || line.status == LineStatus::pending)
      line.status = LineStatus::failed;
  return Ok{};
}

namespace {

Result<SalesOrderLine*> open_line(SalesOrder& order, Id<SalesOrderLine> line_id) {
  auto it = std::find_if(order.lines.begin(), order.lines.end(),
                         [&](const auto& l) { return l.id == line_id; });
  if (it == order.lines.end()) return Error::not_found("sales_order.line_not_found");
  if (order.status != SalesOrderStatus::open || it->status != LineStatus::open)
    return Error::invalid("sales_order.line_not_open");
  return &*it;
}

void complete_when_done(SalesOrder& order, Instant now) {
  const bool done = std::all_of(order.lines.begin(), order.lines.end(), [](const auto& l) {
    return l.status == LineStatus::complete || l.status == LineStatus::failed;
  });
  if (!done) return;
  order.status = SalesOrderStatus::complete;
  order.completed_at = now;
}

}  // namespace

Status complete_line(SalesOrder& order, Id<SalesOrderLine> line_id, Instant now) {
  auto line = open_line(order, line_id);
  if (!line) return line.error();
  (*line)->status = LineStatus::complete;
  complete_when_done(order, now);
  return Ok{};
}

Status fail_line(SalesOrder& order, Id<SalesOrderLine> line_id, const std::string& reason,
                 Instant now) {
  if (reason.empty()) return Error::invalid("sales_order.line_fail_reason_required", "reason");
  FieldErrors e;
  check_line(e, reason, kMaxFailReasonLength, "reason");
  if (!e.empty()) return e.errors.front();
  auto line = open_line(order, line_id);
  if (!line) return line.error();
  (*line)->status = LineStatus::failed;
  (*line)->fail_reason = reason;
  complete_when_done(order, now);
  return Ok{};
}

bool may_edit_lines(const SalesOrder& order) { return order.status == SalesOrderStatus::pending; }

Status may_revise_lines(const SalesOrder& order) {
  if (order.status == SalesOrderStatus::pending || order.status == SalesOrderStatus::open)
    return Ok{};
  return Error::invalid("sales_order.not_revisable");
}

Status may_revise_line(const SalesOrder& order, const SalesOrderLine& line) {
  if (auto ok = may_revise_lines(order); !ok) return ok;
  if (line.status == LineStatus::complete)
    return Error::invalid("sales_order.line_complete_change_asset", "line",
                          {{"line", std::to_string(line.line_number)}});
  if (line.status == LineStatus::failed) return Error::invalid("sales_order.line_not_open", "line");
  return Ok{};
}

void close_when_fulfilled(SalesOrder& order, Instant now) {
  if (order.status == SalesOrderStatus::open && !order.lines.empty())
    complete_when_done(order, now);
}

const SalesOrder* existing_order_on(const std::vector<SalesOrder>& orders, CivilDate delivery) {
  const SalesOrder* found = nullptr;
  for (const auto& o : orders) {
    if (o.status == SalesOrderStatus::canceled) continue;
    if (!o.requested_delivery || *o.requested_delivery != delivery) continue;
    if (!found || o.id.value > found->id.value) found = &o;
  }
  return found;
}

}  // namespace rapport::domain
