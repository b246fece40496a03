#include "domain/customers/phone.h"

#include <algorithm>
#include <map>

#include <phonenumbers/phonenumberutil.h>

namespace rapport::domain {
namespace {

using i18n::phonenumbers::PhoneNumberUtil;
using PhoneNumberProto = i18n::phonenumbers::PhoneNumber;

const PhoneNumberUtil& util() { return *PhoneNumberUtil::GetInstance(); }

std::optional<PhoneNumberProto> parse_e164(std::string_view e164) {
  PhoneNumberProto number;
  if (util().Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return std::nullopt;
  return number;
}

// Countries of a single zone, where Rapport's customers live.
const std::map<std::string, std::string>& country_zones() {
  static const std::map<std::string, std::string> zones{
      {"FR", "Europe/Paris"},      {"BE", "Europe/Brussels"},    {"CH", "Europe/Zurich"},
      {"LU", "Europe/Luxembourg"}, {"MC", "Europe/Monaco"},      {"GB", "Europe/London"},
      {"IE", "Europe/Dublin"},     {"DE", "Europe/Berlin"},      {"ES", "Europe/Madrid"},
      {"IT", "Europe/Rome"},       {"NL", "Europe/Amsterdam"},   {"NZ", "Pacific/Auckland"},
      {"RE", "Indian/Reunion"},    {"GP", "America/Guadeloupe"}, {"MQ", "America/Martinique"},
      {"GF", "America/Cayenne"},   {"YT", "Indian/Mayotte"},     {"PM", "America/Miquelon"},
      {"MA", "Africa/Casablanca"}, {"SN", "Africa/Dakar"},       {"CI", "Africa/Abidjan"},
  };
  return zones;
}

// North American area codes of the main cities, by zone.
const std::map<int, std::string>& area_code_zones() {
  static const std::map<int, std::string> zones = [] {
    std::map<int, std::string> m;
    auto add = [&m](std::initializer_list<int> codes, const char* zone) {
      for (int c : codes) m.emplace(c, zone);
    };
    add({416, 647, 437, 905, 289, 365, 613, 343, 705, 249, 519, 226,
         548, 807, 514, 438, 450, 579, 418, 581, 819, 873, 367},
        "America/Toronto");
    add({204, 431}, "America/Winnipeg");
    add({306, 639}, "America/Regina");
    add({403, 587, 780, 825, 368}, "America/Edmonton");
    add({604, 778, 236, 250, 672}, "America/Vancouver");
    add({902, 782}, "America/Halifax");
    add({506}, "America/Moncton");
    add({709}, "America/St_Johns");
    add({212, 646, 332, 718, 917, 347, 929, 516, 631, 914, 201, 973, 617, 857, 215,
         267, 202, 305, 786, 404, 470, 678, 770, 313, 412, 704, 919, 813, 407},
        "America/New_York");
    add({312, 773, 872, 214, 469, 972, 713, 281, 832, 512, 737, 210, 612, 651, 314, 504, 615},
        "America/Chicago");
    add({303, 720, 801, 385, 505}, "America/Denver");
    add({602, 480, 623, 520}, "America/Phoenix");
    add({213, 310, 323, 424, 818, 626, 415, 628, 510, 408, 669,
         650, 619, 858, 916, 206, 253, 425, 503, 971, 702, 725},
        "America/Los_Angeles");
    add({808}, "Pacific/Honolulu");
    add({907}, "America/Anchorage");
    return m;
  }();
  return zones;
}

}  // namespace

Result<Phone> parse_phone(std::string_view typed, std::string_view default_region) {
  if (typed.empty() || typed.size() > kMaxPhoneInput)
    return Error::invalid("phone.invalid", "phone", {{"phone", std::string(typed.substr(0, 40))}});
  PhoneNumberProto number;
  auto error = util().Parse(std::string(typed), std::string(default_region), &number);
  if (error != PhoneNumberUtil::NO_PARSING_ERROR || !util().IsValidNumber(number))
    return Error::invalid("phone.invalid", "phone", {{"phone", std::string(typed)}});
  Phone phone;
  util().Format(number, PhoneNumberUtil::E164, &phone.e164);
  util().GetRegionCodeForNumber(number, &phone.region);
  return phone;
}

std::string format_phone_national(std::string_view e164) {
  auto number = parse_e164(e164);
  if (!number) return std::string(e164);
  std::string out;
  util().Format(*number, PhoneNumberUtil::NATIONAL, &out);
  return out;
}

std::string format_phone_international(std::string_view e164) {
  auto number = parse_e164(e164);
  if (!number) return std::string(e164);
  std::string out;
  util().Format(*number, PhoneNumberUtil::INTERNATIONAL, &out);
  return out;
}

std::optional<std::string> guess_time_zone(const Phone& phone) {
  if (phone.region == "CA" || phone.region == "US") {
    // +1 NPA NXX XXXX: the area code is the three digits after "+1".
    if (phone.e164.size() < 5) return std::nullopt;
    int area = std::stoi(phone.e164.substr(2, 3));
    auto it = area_code_zones().find(area);
    if (it != area_code_zones().end()) return it->second;
    return std::nullopt;
  }
  return country_time_zone(phone.region);
}

std::optional<std::string> country_time_zone(std::string_view country) {
  auto it = country_zones().find(std::string(country));
  if (it != country_zones().end()) return it->second;
  return std::nullopt;
}

bool looks_like_phone(std::string_view text) {
  int digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+' && i == 0) {
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 6;
}

}  // namespace rapport::domain
