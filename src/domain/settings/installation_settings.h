// domain/settings/installation_settings.h: the installation-wide choices
// (platform.md) that later desks read: language, currency, time zone,
// territory, mail and fax, and the contact-plan recalculation defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/id.h"
#include "core/language.h"

namespace rapport::domain {

// Delay before the next attempt and the most attempts for one contact
// status (11 unavailable, 20 busy, 21 call back), the plans' defaults.
struct RecalculationRule {
  int delay_minutes = 60;
  int max_attempts = 5;
  bool operator==(const RecalculationRule&) const = default;
};

struct InstallationSettings {
  std::string company_name = "Rapport";
  Language default_language = Language::en;
  std::string currency = "EUR";
  std::string time_zone = "Europe/Paris";
  std::string country = "FR";  // ISO 3166: assumed for phone numbers and addresses
  bool territory_predefined = false;
  // The campaign of a new service order (seed 000): a generic campaign or a
  // dummy one without packages. None: the CSR picks one.
  std::optional<std::int64_t> default_campaign;
  std::string smtp_host = "localhost";
  int smtp_port = 25;
  std::string smtp_sender = "rapport@localhost";
  std::string fax_gateway_domain;
  RecalculationRule unavailable{60, 5};
  RecalculationRule busy{15, 10};
  RecalculationRule call_back{120, 5};
  // A personal call-back (21) still open this long after its time goes back
  // to the team: Next call offers it to every CSR, marked as released.
  // 0: never released.
  int callback_release_minutes = 30;
  // The call centre's opening hours, minutes since midnight in time_zone
  // (0–1440; 0 and 1440: always open). A recalculated attempt (busy,
  // unavailable, reopened) lands inside them, so a customer reachable at any
  // time (00:00–24:00) is not called back at midnight. -1: a time that could
  // not be read (validate_settings reports it).
  int opens_minutes = 0;
  int closes_minutes = 24 * 60;
  // How long a new quote is valid, in days from the day it is made.
  int quote_validity_days = 30;
  // The letterhead of quote documents: the company's address (one line per
  // line), phone, e-mail and VAT number; empty parts are left out.
  std::string letterhead_address;
  std::string letterhead_phone;
  std::string letterhead_email;
  std::string letterhead_vat_number;
  Version version = 0;
};

// Limits enforced by validate_settings.
constexpr int kMaxDelayMinutes = 7 * 24 * 60;
constexpr int kMaxAttempts = 99;
constexpr int kMaxReleaseMinutes = 24 * 60;
constexpr int kMaxQuoteValidityDaysSetting = 365;
constexpr std::size_t kMaxLetterheadAddressLines = 6;

// Every field at fault: company name 1–100 characters, a known ISO 4217
// currency, an IANA time zone, a country of two capital letters, an SMTP host name and a port
// 1–65535, a sender e-mail address, a fax domain that is empty or a host name, delays 1 minute to 7
// days, attempts 1–99, a call-back release of 0 (never) to 1440 minutes,
// opening hours within the day with opening before closing, a quote validity
// of 1–365 days, a letterhead address of at most 6 lines of 100 characters,
// a phone and VAT number on one line of at most 40, an e-mail that is empty or
// an address.
FieldErrors validate_settings(const InstallationSettings& s);

// A plausible e-mail address: one @, a local part, a domain with a dot or
// "localhost". Not a full RFC 5322 parser: the SMTP server has the last word.
bool looks_like_email(std::string_view address);
// Letters, digits, hyphens and dots, 1–253 characters.
bool looks_like_host_name(std::string_view host);

}  // namespace rapport::domain
