// domain/contactplan/contact_plan.h: the objects of contact planning
// (contact-planning.md, seeds 001/003/004): a contact plan [OIS052], its
// exceptions [OIS053], a customer's contact info on a plan [OIS054], a
// customer's non-activity periods [OIS051] and the active contact plan
// entries [OIS056] that generation makes from them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/language.h"
#include "core/time.h"
#include "domain/contactplan/contact_status.h"
#include "domain/settings/installation_settings.h"

namespace rapport::domain {

struct ContactPlan;
struct PlanException;
struct ContactInfo;
struct NonActivityPeriod;
struct PlanEntry;

enum class PlanPurpose { order_intake, other_contact };
BOOST_DESCRIBE_ENUM(PlanPurpose, order_intake, other_contact)
enum class ContactMethod { phone, email, visit };
BOOST_DESCRIBE_ENUM(ContactMethod, phone, email, visit)
enum class ExceptionKind { no_contact, moved };
BOOST_DESCRIBE_ENUM(ExceptionKind, no_contact, moved)

// Monday … Sunday as bits 0 … 6 (ISO 8601 order).
class Weekdays {
 public:
  Weekdays() = default;
  explicit Weekdays(std::uint8_t mask) : mask_(mask & 0x7f) {}
  // "1,3" style list of ISO weekday numbers (1 = Monday … 7 = Sunday).
  static std::optional<Weekdays> parse(std::string_view iso_list);
  std::string to_iso_list() const;
  bool contains(date::weekday d) const;
  void add(date::weekday d);
  bool empty() const { return mask_ == 0; }
  std::uint8_t mask() const { return mask_; }
  bool operator==(const Weekdays&) const = default;

 private:
  std::uint8_t mask_ = 0;
};

struct ContactPlan {
  Id<ContactPlan> id;
  std::string code;     // unique, 1–10 characters, A–Z 0–9 - _
  std::string name_en;  // description in each language; one may be empty
  std::string name_fr;
  PlanPurpose purpose = PlanPurpose::order_intake;
  Weekdays weekdays;
  int every_weeks = 1;  // 1 = every week; N: every N weeks from frequency_start
  std::optional<CivilDate> frequency_start;  // required when every_weeks > 1
  CivilDate valid_from{};
  std::optional<CivilDate> valid_to;
  std::string departure;  // delivery route for orders taken from the plan (optional)
  int lead_days = 0;      // requested delivery date = contact date + lead_days
  std::optional<std::int64_t> responsible_user;
  ContactStatus default_status = ContactStatus::completed;
  bool active = true;
  // nullopt: the installation's rule for that status.
  std::optional<RecalculationRule> unavailable;
  std::optional<RecalculationRule> busy;
  std::optional<RecalculationRule> call_back;
  Version version = 0;
};

// The name in `language`, else the other one.
const std::string& plan_name(const ContactPlan& plan, Language language);

struct PlanException {
  Id<PlanException> id;
  Id<ContactPlan> plan;
  CivilDate from{};
  CivilDate to{};  // == from for a single day
  ExceptionKind kind = ExceptionKind::no_contact;
  std::optional<CivilDate> moved_to;  // only for kind == moved (then from == to)
  std::string reason;
};

// Minutes since local midnight, 0–1439 (earliest) or 1–1440 (latest).
using LocalMinutes = int;

struct ContactInfo {
  Id<ContactInfo> id;
  Id<ContactPlan> plan;
  std::int64_t customer = 0;
  std::optional<std::int64_t> contact;  // a contact of that customer
  std::string phone_e164;               // may be empty: the batch reports it
  std::string time_zone;                // override; empty: the customer's own zone
  LocalMinutes earliest = 9 * 60;
  LocalMinutes latest = 17 * 60;
  ContactMethod method = ContactMethod::phone;
  int sequence = 0;
  std::string note;
  Version version = 0;
};

struct NonActivityPeriod {
  Id<NonActivityPeriod> id;
  std::int64_t customer = 0;
  CivilDate from{};
  CivilDate to{};
  std::string reason;
};

struct PlanEntry {
  Id<PlanEntry> id;
  Id<ContactPlan> plan;
  std::int64_t customer = 0;
  CivilDate contact_date{};
  Instant planned_at{};       // the window's start on contact_date, UTC
  Instant next_contact_at{};  // when to call next (== planned_at until a recalculation)
  Instant window_ends_at{};   // end of the window on next_contact_at's local day
  std::string phone_e164;
  ContactStatus status = ContactStatus::planned;
  int attempt = 1;
  std::optional<std::int64_t> responsible_user;
  std::optional<std::int64_t> sales_order;
  std::string result_note;
  Version version = 0;
  std::int64_t changed_by = 0;
  Instant changed_at{};
};

// Limits enforced by the validators.
constexpr std::size_t kMaxPlanCodeLength = 10;
constexpr std::size_t kMaxPlanNameLength = 100;
constexpr int kMaxEveryWeeks = 52;
constexpr int kMaxLeadDays = 365;
constexpr std::size_t kMaxReasonLength = 200;
constexpr std::size_t kMaxNoteLength = 1000;
constexpr int kMaxGenerationDays = 92;  // one batch covers at most a quarter

// Every field at fault, each naming its form field ("code", "weekdays",
// "valid_to", "frequency_start", "unavailable_delay", …): code 1–10 of
// A–Z 0–9 - _ (callers upper-case first), at least one name, at least one
// weekday, every_weeks 1–52 with a frequency start when > 1, valid_to not
// before valid_from, lead days 0–365, default status final, recalculation
// delays and attempts within the installation limits.
FieldErrors validate_plan(const ContactPlan& plan);
// from ≤ to, within the plan's validity, moved: single day, moved_to given,
// not equal to from and within validity; reason ≤ 200.
FieldErrors validate_exception(const PlanException& exception, const ContactPlan& plan);
// earliest < latest, both within the day, a valid zone when given, note ≤
// 1000, sequence 0–9999. The phone is checked by the caller (libphonenumber).
FieldErrors validate_contact_info(const ContactInfo& info);
// from ≤ to, reason 1–200 characters.
FieldErrors validate_non_activity(const NonActivityPeriod& period);
// from ≤ to, at most kMaxGenerationDays days.
FieldErrors validate_generation_range(CivilDate from, CivilDate to);

std::string_view to_code(PlanPurpose p);
std::optional<PlanPurpose> plan_purpose_from(std::string_view code);
std::string_view to_code(ContactMethod m);
std::optional<ContactMethod> contact_method_from(std::string_view code);
std::string_view to_code(ExceptionKind k);
std::optional<ExceptionKind> exception_kind_from(std::string_view code);

// "HH:MM" ↔ minutes; "24:00" is accepted as 1440 for a window's end.
std::optional<LocalMinutes> parse_local_minutes(std::string_view text);
std::string format_local_minutes(LocalMinutes m);

}  // namespace rapport::domain
