// domain/catalog/pricing.h: the arithmetic of an order's money, exact and
// in integers (README, "Money"):
//   line net   = quantity × unit price − discount, rounded to the minor unit
//                half away from zero, once per line;
//   VAT        = per rate, on the sum of the lines' nets at that rate,
//                rounded the same way, once per rate;
//   total      = the nets' sum (excluding VAT) and that plus every rate's VAT.
// Quantities are in thousandths of the product's unit (2.5 hours is 2500),
// so a quantity is exact too. Amounts beyond kMaxAmount are refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog/product.h"

namespace rapport::domain {

constexpr std::int64_t kQuantityScale = 1000;
// 9,999,999.999 units on a line.
constexpr std::int64_t kMaxQuantity = 9'999'999'999;
// 100 million in major units (10^10 minor units of a two-decimal currency):
// the most one unit, one line or one order may amount to.
constexpr std::int64_t kMaxUnitPrice = 10'000'000'000;
constexpr std::int64_t kMaxAmount = 10'000'000'000;

struct PricedLine {
  std::int64_t quantity = 0;    // thousandths
  std::int64_t unit_price = 0;  // minor units
  std::int64_t discount = 0;    // minor units off the line
  VatRate vat_rate = 0;
};

// quantity × unit price (rounded) − discount; nullopt beyond kMaxAmount.
std::optional<std::int64_t> line_net(const PricedLine& line);

struct VatAmount {
  VatRate rate = 0;
  std::int64_t base = 0;  // the nets at that rate
  std::int64_t vat = 0;
  bool operator==(const VatAmount&) const = default;
};

struct OrderTotals {
  std::int64_t net = 0;        // excluding VAT
  std::vector<VatAmount> vat;  // one per rate, by rate
  std::int64_t gross = 0;      // including VAT
  bool operator==(const OrderTotals&) const = default;
};

// The totals of `lines`; nullopt when a line or the order goes beyond
// kMaxAmount.
std::optional<OrderTotals> order_totals(const std::vector<PricedLine>& lines);

// `value` × `numerator` / `denominator`, rounded half away from zero
// (denominator > 0).
std::int64_t scale_rounded(std::int64_t value, std::int64_t numerator, std::int64_t denominator);

// "2.5", "1 000", "3,25": a quantity typed by a user in thousandths (at
// most three decimals, a dot or a comma); nullopt otherwise.
std::optional<std::int64_t> parse_quantity(std::string_view text);
// 2500 → "2.5" (a dot; pages format per language).
std::string quantity_text(std::int64_t quantity);

}  // namespace rapport::domain
