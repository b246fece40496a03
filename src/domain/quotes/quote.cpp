#include "domain/quotes/quote.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "domain/text_length.h"

namespace rapport::domain {

PricedLine priced(const QuoteLine& line) {
  return {line.quantity, line.unit_price, line.discount, line.vat_rate};
}

std::optional<OrderTotals> totals_of(const Quote& quote) {
  std::vector<PricedLine> lines;
  lines.reserve(quote.lines.size());
  for (const auto& l : quote.lines) lines.push_back(priced(l));
  return order_totals(lines);
}

bool is_expired(const Quote& quote, CivilDate today) {
  const bool open = quote.status == QuoteStatus::draft || quote.status == QuoteStatus::sent;
  return open && !quote.sales_order && quote.valid_until < today;
}

QuoteState state_on(const Quote& quote, CivilDate today) {
  if (is_expired(quote, today)) return QuoteState::expired;
  switch (quote.status) {
    case QuoteStatus::draft:
      return QuoteState::draft;
    case QuoteStatus::sent:
      return QuoteState::sent;
    case QuoteStatus::accepted:
      return QuoteState::accepted;
    case QuoteStatus::rejected:
      return QuoteState::rejected;
  }
  return QuoteState::draft;
}

Status check_editable(const Quote& quote) {
  if (!quote.active) return Error::invalid("quote.not_newest");
  if (quote.sales_order) return Error::invalid("quote.converted");
  if (quote.status != QuoteStatus::draft) return Error::invalid("quote.not_draft");
  return Ok{};
}

bool is_cart(const Quote& quote) {
  return quote.origin == QuoteOrigin::web && quote.status == QuoteStatus::draft && quote.active &&
         !quote.sales_order;
}

bool may_edit(const Quote& quote) { return static_cast<bool>(check_editable(quote)); }

FieldErrors validate_quote_header(const Quote& quote, CivilDate today, bool valid_until_changed) {
  FieldErrors e;
  if (!quote.valid_until.ok())
    e.add(Error::invalid("field.date_invalid", "valid_until"));
  else if (valid_until_changed && quote.valid_until < today)
    e.add(Error::invalid("quote.valid_until_past", "valid_until"));
  check_length(e, quote.notes, kMaxQuoteNotesLength, "notes");
  return e;
}

SalesOrderLine order_line_of(const QuoteLine& line) {
  SalesOrderLine out;
  out.product = line.product;
  out.product_code = line.product_code;
  out.quantity = line.quantity;
  out.unit_price = line.unit_price;
  out.discount = line.discount;
  out.vat_rate = line.vat_rate;
  // A change quote's line keeps what it does and to which asset.
  out.action = line.action;
  out.target_asset = line.asset;
  out.features = line.target_features;
  out.target_status = line.target_status;
  return out;
}

FieldErrors validate_quote_line(const QuoteLine& line, const std::string& at) {
  return validate_line(order_line_of(line), at);
}

namespace {

const Product* quote_product_by_id(const std::vector<Product>& products, Id<Product> id) {
  for (const auto& p : products)
    if (p.id == id) return &p;
  return nullptr;
}

// Add and update lines are priced from the list; a disconnect (remove) or
// a kept asset (none) is free and keeps the product it had.
bool is_priced_action(LineAction action) {
  return action == LineAction::add || action == LineAction::update;
}

const ProductPrice* quote_price_by_product(const std::vector<ProductPrice>& prices,
                                           Id<Product> id) {
  for (const auto& p : prices)
    if (p.product == id) return &p;
  return nullptr;
}

}  // namespace

FieldErrors verify_quote(const Quote& quote, const QuoteContext& context) {
  FieldErrors e;
  if (quote.lines.empty()) e.add(Error::invalid("quote.no_lines", "lines"));
  if (is_expired(quote, context.today))
    e.add(
        Error::invalid("quote.expired", "valid_until", {{"date", format_date(quote.valid_until)}}));
  if (!is_valid_on(context.price_list, context.today))
    e.add(Error::invalid("sales_order.price_list_expired", "price_list",
                         {{"code", context.price_list.code}}));
  if (context.price_list.currency != quote.currency)
    e.add(Error::invalid("sales_order.currency_mismatch", "price_list",
                         {{"order", quote.currency}, {"list", context.price_list.currency}}));
  if (context.customer_name.empty()) e.add(Error::invalid("quote.customer_incomplete", "customer"));
  if (context.address.line1.empty())
    e.add(Error::invalid("quote.address_incomplete", "address.line1"));
  if (context.address.postal_code.empty())
    e.add(Error::invalid("quote.address_incomplete", "address.postal_code"));
  if (context.address.city.empty())
    e.add(Error::invalid("quote.address_incomplete", "address.city"));
  for (std::size_t i = 0; i < quote.lines.size(); ++i) {
    const auto& line = quote.lines[i];
    const std::string at = "lines." + std::to_string(i);
    const Product* product = quote_product_by_id(context.products, line.product);
    if (!is_priced_action(line.action)) {
      for (auto& error : validate_quote_line(line, at).errors) e.add(std::move(error));
      continue;
    }
    if (!product || !is_orderable(*product, context.today))
      e.add(Error::invalid("sales_order.line_product_not_orderable", at + ".product",
                           {{"code", line.product_code}}));
    if (!quote_price_by_product(context.prices, line.product))
      e.add(Error::invalid("sales_order.line_price_missing", at + ".unit_price",
                           {{"code", line.product_code}}));
    for (auto& error : validate_quote_line(line, at).errors) e.add(std::move(error));
  }
  if (e.empty() && !totals_of(quote)) e.add(Error::invalid("money.too_large", "lines"));
  return e;
}

bool may_be_sent(const Quote& quote) {
  return quote.active && !quote.sales_order &&
         (quote.status == QuoteStatus::draft || quote.status == QuoteStatus::sent);
}

Status mark_sent(Quote& quote, QuoteChannel channel, Instant now) {
  if (!quote.active) return Error::invalid("quote.not_newest");
  if (quote.sales_order) return Error::invalid("quote.converted");
  if (quote.status != QuoteStatus::draft && quote.status != QuoteStatus::sent)
    return Error::invalid("quote.not_sendable");
  if (quote.lines.empty()) return Error::invalid("quote.no_lines", "lines");
  quote.status = QuoteStatus::sent;
  quote.sent_at = now;
  quote.sent_channel = channel;
  return Ok{};
}

Status accept(Quote& quote, CivilDate today, Instant now,
              const std::optional<QuoteAcceptance>& acceptance) {
  if (!quote.active) return Error::invalid("quote.not_newest");
  if (quote.status != QuoteStatus::sent) return Error::invalid("quote.not_sent");
  if (quote.lines.empty()) return Error::invalid("quote.no_lines", "lines");
  if (is_expired(quote, today))
    return Error::invalid("quote.expired", "", {{"date", format_date(quote.valid_until)}});
  if (acceptance) {
    const auto first = acceptance->name.find_first_not_of(" \t");
    if (first == std::string::npos)
      return Error::invalid("quote.acceptance_name_required", "accepted_by");
    const std::string name =
        acceptance->name.substr(first, acceptance->name.find_last_not_of(" \t") - first + 1);
    FieldErrors errors;
    check_line(errors, name, kMaxAcceptanceNameLength, "accepted_by");
    if (!errors.empty()) return errors.errors.front();
    quote.acceptance = QuoteAcceptance{name, acceptance->address};
  }
  quote.status = QuoteStatus::accepted;
  quote.decided_at = now;
  return Ok{};
}

Status reject(Quote& quote, Instant now) {
  if (!quote.active) return Error::invalid("quote.not_newest");
  if (quote.status != QuoteStatus::sent) return Error::invalid("quote.not_sent");
  quote.status = QuoteStatus::rejected;
  quote.decided_at = now;
  return Ok{};
}

Result<Quote> revised(const Quote& quote, CivilDate today, CivilDate valid_until) {
  if (quote.sales_order) return Error::invalid("quote.converted");
  if (!quote.active) return Error::invalid("quote.not_newest");
  if (quote.status == QuoteStatus::draft && !is_expired(quote, today))
    return Error::invalid("quote.revise_draft");
  Quote next = quote;
  next.id = {};
  next.revision = quote.revision + 1;
  next.active = true;
  next.status = QuoteStatus::draft;
  next.valid_until = valid_until;
  next.created_at = {};
  next.sent_at.reset();
  next.sent_channel.reset();
  next.decided_at.reset();
  next.acceptance.reset();
  next.origin = QuoteOrigin::desk;  // a revision is the CSR's, not the customer's cart
  next.version = 0;
  for (auto& line : next.lines) line.id = {};
  return next;
}

Status check_convertible(const Quote& quote) {
  if (quote.sales_order) return Error::invalid("quote.converted");
  if (!quote.active) return Error::invalid("quote.not_newest");
  if (quote.status != QuoteStatus::sent && quote.status != QuoteStatus::accepted)
    return Error::invalid("quote.not_convertible");
  if (quote.lines.empty()) return Error::invalid("quote.no_lines", "lines");
  return Ok{};
}

namespace {

std::string quote_feature_text(const ProductFeature& f) { return f.name + ": " + f.value; }

// The features that differ between the quote's snapshot and today's, by
// name: changed, gone or new.
void compare_quote_features(const QuoteLine& line, const std::vector<ProductFeature>& today,
                            std::vector<QuoteChange>& changes) {
  std::map<std::string, const ProductFeature*> before, now;
  for (const auto& f : line.features) before[f.name] = &f;
  for (const auto& f : today) now[f.name] = &f;
  auto add = [&](std::string old_value, std::string new_value) {
    changes.push_back({line.line_number, line.product_code, QuoteChangeKind::feature,
                       std::move(old_value), std::move(new_value)});
  };
  for (const auto& f : line.features) {
    auto it = now.find(f.name);
    if (it == now.end())
      add(quote_feature_text(f), "");
    else if (it->second->value != f.value)
      add(quote_feature_text(f), quote_feature_text(*it->second));
  }
  for (const auto& f : today)
    if (!before.count(f.name)) add("", quote_feature_text(f));
}

}  // namespace

Repricing reprice(const Quote& quote, const std::vector<Product>& products,
                  const std::vector<ProductPrice>& prices, CivilDate today) {
  Repricing out;
  for (const auto& line : quote.lines) {
    if (!is_priced_action(line.action)) {
      out.lines.push_back(line);
      continue;
    }
    auto change = [&](QuoteChangeKind kind, std::string old_value, std::string new_value) {
      out.changes.push_back(
          {line.line_number, line.product_code, kind, std::move(old_value), std::move(new_value)});
    };
    const Product* product = quote_product_by_id(products, line.product);
    if (!product || !is_orderable(*product, today)) {
      change(QuoteChangeKind::orderable, "yes", "no");
      continue;
    }
    const ProductPrice* price = quote_price_by_product(prices, line.product);
    if (!price) {
      change(QuoteChangeKind::price, std::to_string(line.unit_price), "");
      continue;
    }
    QuoteLine now = line;
    now.unit_price = unit_price_for(*price, line.quantity);
    now.vat_rate = product->vat_rate;
    now.features = product->features;
    if (now.unit_price != line.unit_price)
      change(QuoteChangeKind::price, std::to_string(line.unit_price),
             std::to_string(now.unit_price));
    if (now.vat_rate != line.vat_rate)
      change(QuoteChangeKind::vat_rate, vat_rate_text(line.vat_rate), vat_rate_text(now.vat_rate));
    compare_quote_features(line, product->features, out.changes);
    now.discount =
        std::min(now.discount, scale_rounded(now.quantity, now.unit_price, kQuantityScale));
    out.lines.push_back(std::move(now));
  }
  return out;
}

std::string fingerprint_of(const std::vector<QuoteChange>& changes) {
  if (changes.empty()) return "";
  // FNV-1a, 64 bits, over every field with separators.
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&](const std::string& text) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;
    h *= 1099511628211ull;
  };
  for (const auto& c : changes) {
    mix(std::to_string(c.line_number));
    mix(c.product_code);
    mix(std::string(enum_code(c.kind)));
    mix(c.old_value);
    mix(c.new_value);
  }
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

std::string quote_number(std::int64_t id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "Q-%06lld", static_cast<long long>(id));
  return buffer;
}

}  // namespace rapport::domain
