#include "domain/catalog/pricing.h"

#include <map>

namespace rapport::domain {

std::int64_t scale_rounded(std::int64_t value, std::int64_t numerator, std::int64_t denominator) {
  // 128 bits: quantity × price reaches 10^20 before the division.
  __int128 product = static_cast<__int128>(value) * numerator;
  __int128 half = denominator / 2;
  __int128 q = product >= 0 ? (product + half) / denominator : (product - half) / denominator;
  return static_cast<std::int64_t>(q);
}

std::optional<std::int64_t> line_net(const PricedLine& line) {
  if (line.quantity < 0 || line.quantity > kMaxQuantity) return std::nullopt;
  if (line.unit_price < 0 || line.unit_price > kMaxUnitPrice) return std::nullopt;
  __int128 gross = static_cast<__int128>(line.quantity) * line.unit_price;
  if (gross > static_cast<__int128>(kMaxAmount) * kQuantityScale) return std::nullopt;
  std::int64_t amount = scale_rounded(line.quantity, line.unit_price, kQuantityScale);
  if (line.discount < 0 || line.discount > amount) return std::nullopt;
  return amount - line.discount;
}

std::optional<OrderTotals> order_totals(const std::vector<PricedLine>& lines) {
  std::map<VatRate, std::int64_t> bases;
  std::int64_t net = 0;
  for (const auto& line : lines) {
    auto amount = line_net(line);
    if (!amount) return std::nullopt;
    net += *amount;
    if (net > kMaxAmount) return std::nullopt;
    bases[line.vat_rate] += *amount;
  }
  OrderTotals totals;
  totals.net = net;
  totals.gross = net;
  for (const auto& [rate, base] : bases) {
    std::int64_t vat = scale_rounded(base, rate, 10'000);
    totals.vat.push_back({rate, base, vat});
    totals.gross += vat;
  }
  return totals;
}

std::optional<std::int64_t> parse_quantity(std::string_view text) {
  std::int64_t whole = 0;
  int decimals = -1;
  std::int64_t fraction = 0;
  bool digit = false;
  for (char c : text) {
    if (c == ' ') continue;
    if ((c == '.' || c == ',') && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digit = true;
    if (decimals < 0) {
      whole = whole * 10 + (c - '0');
      if (whole > kMaxQuantity / kQuantityScale) return std::nullopt;
    } else {
      if (++decimals > 3) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    }
  }
  if (!digit) return std::nullopt;
  for (int d = decimals < 0 ? 0 : decimals; d < 3; ++d) fraction *= 10;
  return whole * kQuantityScale + fraction;
}

std::string quantity_text(std::int64_t quantity) {
  std::string out = std::to_string(quantity / kQuantityScale);
  std::int64_t fraction = quantity % kQuantityScale;
  if (fraction == 0) return out;
  std::string digits = std::to_string(kQuantityScale + fraction).substr(1);
  while (digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

}  // namespace rapport::domain
