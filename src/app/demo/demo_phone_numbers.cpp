#include "app/demo/demo_phone_numbers.h"

#include <algorithm>
#include <array>
#include <vector>

#include "domain/customers/phone.h"

namespace rapport::app {
namespace {

constexpr std::uint64_t kSlotStride = 1'000'000;  // kMaxDemoCustomers
constexpr int kAttempts = 40;

// A bijection of [0, size): multiplying by a prime above size permutes the
// residues, so distinct indexes below size give distinct values, spread
// over the whole range rather than counting up.
std::uint64_t scatter(std::uint64_t index, std::uint64_t size, std::uint64_t salt) {
  constexpr std::uint64_t kPrime = 4'294'967'291ULL;  // the largest prime below 2^32
  return ((index % size) * (kPrime % size) + salt) % size;
}

std::string padded(std::uint64_t value, std::size_t width) {
  std::string s = std::to_string(value);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

std::uint64_t power10(int n) {
  std::uint64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string_view country_code(std::string_view country) {
  if (country == "FR") return "+33";
  if (country == "GB") return "+44";
  return "+1";
}

std::string_view cyclic_word(std::string_view list, std::size_t n) {
  const auto count = static_cast<std::size_t>(std::count(list.begin(), list.end(), ' ')) + 1;
  for (n %= count; n > 0; --n) list.remove_prefix(list.find(' ') + 1);
  return list.substr(0, list.find(' '));
}

// North American exchanges (the three digits after the area code): not
// N11 (service codes), not 555 (directory and fiction), not 950, 958, 959
// or 976 (carrier and premium codes).
const std::vector<int>& exchanges() {
  static const std::vector<int> all = [] {
    std::vector<int> v;
    for (int nxx = 200; nxx <= 999; ++nxx)
      if (nxx % 100 != 11 && nxx != 555 && nxx != 950 && nxx != 958 && nxx != 959 && nxx != 976)
        v.push_back(nxx);
    return v;
  }();
  return all;
}

// The first candidate libphonenumber accepts for `region`; `candidate`
// gives the national significant number of attempt 0, 1, …
// The candidate of `attempt` for the number at `k` in [0, size): k itself,
// then numbers spread over the whole range, for when k falls in a block
// libphonenumber rejects or gives to another region (Guernsey's 07781…).
std::uint64_t attempt_at(std::uint64_t k, std::uint64_t size, int attempt) {
  const std::uint64_t step = size / kAttempts + 7919;
  return (k + static_cast<std::uint64_t>(attempt) * step) % size;
}

template <typename Candidate>
std::optional<std::string> first_valid(const demo::Region& region, Candidate candidate) {
  const std::string country(region.country);
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::string e164 = std::string(country_code(region.country)) + candidate(attempt);
    if (e164 == kHeleneMobile || e164 == kRobertPhone) continue;
    auto phone = domain::parse_phone(e164, country);
    if (phone && phone->e164 == e164 && phone->region == country) return e164;
  }
  return std::nullopt;
}

// +1 area code, exchange, line: the slot-th of the numbers of `index`.
std::optional<std::string> north_american(const demo::Region& region, const demo::Town& town,
                                          std::uint64_t index, std::uint64_t salt) {
  const auto& nxx = exchanges();
  const std::uint64_t size = nxx.size() * 10'000;
  const std::uint64_t k = scatter(index, size, salt);
  const std::string area(cyclic_word(town.landline, index / 7));
  return first_valid(region, [&](int attempt) {
    const std::uint64_t n = attempt_at(k, size, attempt);
    return area + std::to_string(nxx[n / 10'000]) + padded(n % 10'000, 4);
  });
}

}  // namespace

std::optional<std::string> demo_mobile(const demo::Region& region, const demo::Town& town,
                                       std::int64_t index, int slot) {
  const std::uint64_t i = static_cast<std::uint64_t>(index) + slot * kSlotStride;
  if (region.mobile_prefixes.empty()) return north_american(region, town, i, 0x5EED);
  // France: 9 digits after the 0 ("6 12 34 56 78"); the UK: 10 ("7400 123456").
  const int rest = region.country == "FR" ? 7 : 8;
  const std::uint64_t block = power10(rest), size = region.mobile_prefixes.size() * block;
  const std::uint64_t k = scatter(i, size, 0x0B11E);
  return first_valid(region, [&](int attempt) {
    const std::uint64_t n = attempt_at(k, size, attempt);
    return std::string(region.mobile_prefixes[n / block]) + padded(n % block, rest);
  });
}

std::optional<std::string> demo_landline(const demo::Region& region, const demo::Town& town,
                                         std::int64_t index) {
  const auto i = static_cast<std::uint64_t>(index);
  if (region.country != "FR" && region.country != "GB")
    return north_american(region, town, i, 0x1A9D);
  // The town's prefix, then digits up to the national length (9 in France,
  // 10 in the UK), the first of them 1–9 (France) or 2–9 (the UK).
  const std::string prefix(cyclic_word(town.landline, i / 5));
  const int length = region.country == "FR" ? 9 : 10;
  const int rest = length - static_cast<int>(prefix.size());
  const std::uint64_t low = (region.country == "FR" ? 1 : 2) * power10(rest - 1);
  const std::uint64_t size = power10(rest) - low;
  const std::uint64_t k = scatter(i, size, 0x1A9D);
  return first_valid(region, [&](int attempt) {
    const std::uint64_t n = attempt_at(k, size, attempt);
    return prefix + std::to_string(low + n);
  });
}

}  // namespace rapport::app
