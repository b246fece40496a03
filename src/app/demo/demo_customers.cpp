#include "app/demo/demo_customers.h"

#include <algorithm>

#include "app/demo/demo_customer_data.h"
#include "app/demo/demo_phone_numbers.h"
#include "domain/customers/search_text.h"

namespace rapport::app {
namespace {

using demo::Region;
using demo::Town;
using domain::PhoneType;

// splitmix64: small, fast, and the same sequence on every platform (the
// standard distributions are not), which reproducible data needs.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // 0 … n − 1. Requires: n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  int between(int low, int high) { return low + static_cast<int>(below(high - low + 1)); }
  bool percent(int p) { return static_cast<int>(below(100)) < p; }
  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t state_;
};

std::size_t count_words(std::string_view list) {
  return static_cast<std::size_t>(std::count(list.begin(), list.end(), ' ')) + 1;
}

std::string_view nth_word(std::string_view list, std::size_t n) {
  for (; n > 0; --n) list.remove_prefix(list.find(' ') + 1);
  return list.substr(0, list.find(' '));
}

std::string_view pick_word(Rng& rng, std::string_view list) {
  return nth_word(list, rng.below(count_words(list)));
}

std::string replace(std::string_view pattern, std::string_view key, std::string_view value) {
  std::string out(pattern);
  if (auto at = out.find(key); at != std::string::npos) out.replace(at, key.size(), value);
  return out;
}

const Region& pick_region(Rng& rng) {
  int roll = static_cast<int>(rng.below(100));
  for (const auto& r : demo::regions()) {
    if (roll < r.weight) return r;
    roll -= r.weight;
  }
  return demo::regions().front();
}

// Letters Canada Post uses in postal codes, and those of British inward codes.
constexpr std::string_view kCanadianLetters = "ABCEGHJKLMNPRSTVWXYZ";
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

std::string postal_code(Rng& rng, const Region& region, const Town& town) {
  std::string first(pick_word(rng, town.postal));
  auto digit = [&] { return static_cast<char>('0' + rng.below(10)); };
  auto letter = [&](std::string_view letters) { return letters[rng.below(letters.size())]; };
  if (region.country == "CA") return first + " " + digit() + letter(kCanadianLetters) + digit();
  if (region.country == "GB")
    return first + " " + digit() + letter(kInwardLetters) + letter(kInwardLetters);
  return first;
}

domain::PostalAddress address(Rng& rng, const Region& region, const Town& town) {
  domain::PostalAddress a;
  int number = region.style == demo::AddressStyle::quebec || region.country == "US"
                   ? rng.between(100, 9999)
                   : rng.between(1, region.country == "FR" ? 150 : 250);
  a.line1 = std::to_string(number) + " " + std::string(rng.pick(region.streets));
  if (rng.percent(20))
    a.line2 = replace(rng.pick(region.line2), "{n}", std::to_string(rng.between(1, 40)));
  a.postal_code = postal_code(rng, region, town);
  a.city = town.name;
  a.region = town.region;
  a.country = region.country;
  return a;
}

CivilDate days_before(CivilDate day, int days) {
  return CivilDate{date::sys_days{day} - date::days{days}};
}

void add_service(Rng& rng, store::CustomerBundle& b, CivilDate today) {
  // What is delivered at the premise: electricity nearly everywhere, then
  // gas or broadband; an agreement for most points, pending while a point
  // waits for its installation.
  std::vector<std::string> types{rng.percent(85) ? "electric_meter" : "broadband_line"};
  if (rng.percent(50))
    types.push_back(types[0] == "electric_meter" && rng.percent(60) ? "gas_meter"
                    : types[0] == "electric_meter"                  ? "broadband_line"
                                                                    : "electric_meter");
  const int account_age =
      static_cast<int>((date::sys_days{today} - date::sys_days{b.account.start_date}).count());
  for (const auto& type : types) {
    domain::ServicePoint sp;
    sp.type = type;
    sp.installation_status = rng.percent(90) ? "installed" : "to_install";
    b.points.push_back(sp);
    if (!rng.percent(80)) continue;
    store::BundleAgreement sa;
    sa.point = b.points.size() - 1;
    sa.type = type == "electric_meter" ? "electricity" : type == "gas_meter" ? "gas" : "broadband";
    int roll = static_cast<int>(rng.below(100));
    using S = domain::ServiceAgreementStatus;
    sa.status = sp.installation_status == "to_install" ? S::pending_start
                : roll < 85                            ? S::active
                : roll < 90                            ? S::stopped
                : roll < 95                            ? S::proposal
                                                       : S::pending_start;
    sa.start_date = days_before(today, rng.between(0, std::max(0, account_age)));
    b.agreements.push_back(sa);
  }
}

}  // namespace

DemoCustomerGenerator::DemoCustomerGenerator(std::uint64_t seed, CivilDate today, DemoStaff staff)
    : seed_(seed), today_(today), staff_(std::move(staff)) {
  // Names fold once here, not a million times (ICU is the slow part).
  auto fold = [this](demo::Words names) {
    for (auto name : names) {
      if (folded_.contains(name)) continue;
      std::string f = domain::normalize_for_search(name);
      std::replace(f.begin(), f.end(), ' ', '-');
      folded_.emplace(name, std::move(f));
    }
  };
  for (const auto& r : demo::regions()) {
    fold(r.given_names);
    fold(r.family_names);
  }
}

std::string DemoCustomerGenerator::folded(std::string_view name) const {
  auto it = folded_.find(name);
  return it != folded_.end() ? it->second : domain::normalize_for_search(name);
}

store::CustomerBundle DemoCustomerGenerator::make(std::int64_t index) const {
  Rng rng(seed_ ^ (static_cast<std::uint64_t>(index) * 0xD1B54A32D192ED03ULL));
  const Region& region = index == 0   ? demo::regions()[0]
                         : index == 1 ? demo::regions()[1]
                                      : pick_region(rng);
  const Town& town = rng.pick(region.towns);
  const bool company = index > 1 && rng.percent(10);
  store::CustomerBundle b;
  auto& c = b.customer;
  c.language = region.language;
  c.address = address(rng, region, town);
  c.time_zone = town.zone;
  const std::string_view family = rng.pick(region.family_names);
  const std::string tag = std::to_string(index);
  if (company) {
    c.kind = domain::CustomerKind::company;
    c.address.line2.clear();  // the flats and apartments of the lists are homes
    c.company_name = replace(rng.pick(region.company_patterns), "{family}", family);
    int roll = static_cast<int>(rng.below(100));
    c.customer_class = roll < 85 ? "commercial" : roll < 95 ? "industrial" : "public";
    c.category = roll < 60 ? "retail" : rng.percent(25) ? "vip" : "standard";
    c.tax_id = std::to_string(100000000 + rng.below(900000000));
    c.emails.push_back("contact." + folded(family) + "." + tag + "@example.com");
    if (auto work = demo_landline(region, town, index))
      c.phones.push_back({PhoneType::work, *work, true});
    const int contacts = rng.between(1, 2);
    for (int k = 0; k < contacts; ++k) {
      domain::Contact person;
      person.given_name = rng.pick(region.given_names);
      person.family_name = rng.pick(region.family_names);
      person.role = rng.pick(region.contact_roles);
      person.phone_e164 = demo_mobile(region, town, index, k + 1).value_or("");
      person.email = folded(person.given_name) + "." + folded(person.family_name) + "." + tag +
                     "-" + std::to_string(k + 1) + "@example.org";
      b.contacts.push_back(std::move(person));
    }
  } else {
    c.given_name = rng.pick(region.given_names);
    c.family_name = family;
    c.category = rng.percent(5) ? "vip" : "standard";
    if (rng.percent(75)) c.date_of_birth = days_before(today_, 18 * 365 + rng.between(0, 72 * 365));
    // Domains reserved for examples (RFC 2606): demo mail never reaches anyone.
    static constexpr std::string_view kDomains[] = {"@example.com", "@example.net", "@example.org"};
    c.emails.push_back(folded(c.given_name) + "." + folded(family) + "." + tag +
                       std::string(kDomains[rng.below(3)]));
    if (rng.percent(90))
      if (auto mobile = demo_mobile(region, town, index, 0))
        c.phones.push_back({PhoneType::mobile, *mobile, true});
    if (c.phones.empty() || rng.percent(35))
      if (auto home = demo_landline(region, town, index))
        c.phones.push_back({PhoneType::home, *home, c.phones.empty()});
  }
  if (index == 0) {
    c.given_name = "Hélène";
    c.family_name = "Dupré";
    c.address = {"12 rue Victor-Hugo", "", "69002", "Lyon", "", "FR"};
    c.phones = {{PhoneType::mobile, std::string(kHeleneMobile), true}};
    c.emails = {"helene.dupre@exemple.fr"};
    c.time_zone = "Europe/Paris";
  } else if (index == 1) {
    c.given_name = "Robert";
    c.family_name = "Tremblay";
    c.address = {"250 Front St W", "", "M5V 3L9", "Toronto", "ON", "CA"};
    c.phones = {{PhoneType::mobile, std::string(kRobertPhone), true}};
    c.emails = {"robert.tremblay@example.ca"};
    c.time_zone = "America/Toronto";
  }

  b.account.customer_class = c.customer_class;
  b.account.currency = region.currency;
  b.account.start_date = days_before(today_, rng.between(30, 3650));
  b.premise.address = c.address;
  b.premise.time_zone = c.time_zone;
  b.premise.premise_type = company                   ? (rng.percent(60)   ? "shop"
                                                        : rng.percent(50) ? "office"
                                                                          : "site")
                           : c.address.line2.empty() ? "house"
                                                     : "apartment";
  add_service(rng, b, today_);

  // A third of the customers have called or been called, or have notes.
  const bool history = index < 2 || rng.percent(33);
  const int count = history ? rng.between(index < 2 ? 2 : 1, 3) : 0;
  const bool french = c.language == Language::fr;
  for (int k = 0; k < count; ++k) {
    store::BundleInteraction bi;
    auto& i = bi.interaction;
    const bool call = k == 0 || rng.percent(65);
    const auto& phrase =
        rng.pick(call ? demo::call_phrases(c.language) : demo::note_phrases(c.language));
    i.channel = call ? domain::InteractionChannel::call : domain::InteractionChannel::note;
    i.direction = !call             ? domain::InteractionDirection::none
                  : rng.percent(70) ? domain::InteractionDirection::inbound
                                    : domain::InteractionDirection::outbound;
    i.summary = phrase.summary;
    i.outcome = phrase.outcome;
    i.at = date::sys_days{days_before(today_, rng.between(1, 400))} +
           std::chrono::seconds{rng.between(8 * 3600, 18 * 3600)};
    i.user_name = french ? staff_.french_name : staff_.english_name;
    bi.user = french ? staff_.french : staff_.english;
    b.interactions.push_back(std::move(bi));
  }
  return b;
}

}  // namespace rapport::app
