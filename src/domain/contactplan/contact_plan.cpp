#include "domain/contactplan/contact_plan.h"

#include <algorithm>

#include "domain/record_code.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

// A date the form must give: missing (not a valid calendar date) → required.
bool check_required_date(FieldErrors& e, CivilDate d, const std::string& field) {
  if (d.ok()) return true;
  e.add(Error::invalid("field.required", field));
  return false;
}

void check_rule(FieldErrors& e, const std::optional<RecalculationRule>& rule,
                const std::string& prefix) {
  if (!rule) return;
  // The installation's limits and messages (settings.*), so both screens agree.
  if (rule->delay_minutes < 1 || rule->delay_minutes > kMaxDelayMinutes)
    e.add(Error::invalid("settings.delay_invalid", prefix + "_delay",
                         {{"max", std::to_string(kMaxDelayMinutes)}}));
  if (rule->max_attempts < 1 || rule->max_attempts > kMaxAttempts)
    e.add(Error::invalid("settings.attempts_invalid", prefix + "_attempts",
                         {{"max", std::to_string(kMaxAttempts)}}));
}

bool within_validity(CivilDate d, const ContactPlan& plan) {
  return d >= plan.valid_from && (!plan.valid_to || d <= *plan.valid_to);
}

}  // namespace

std::optional<Weekdays> Weekdays::parse(std::string_view iso_list) {
  Weekdays days;
  std::size_t pos = 0;
  while (pos <= iso_list.size()) {
    auto comma = iso_list.find(',', pos);
    if (comma == std::string_view::npos) comma = iso_list.size();
    auto item = iso_list.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) {
      // "" is no weekday (validation says so); "1,,3" or "1," is malformed.
      if (iso_list.find_first_not_of(' ') != std::string_view::npos) return std::nullopt;
    } else {
      if (item.size() != 1 || item[0] < '1' || item[0] > '7') return std::nullopt;
      days.add(date::weekday{static_cast<unsigned>(item[0] - '0') % 7});
    }
    pos = comma + 1;
  }
  return days;
}

std::string Weekdays::to_iso_list() const {
  std::string out;
  for (unsigned iso = 1; iso <= 7; ++iso) {
    if ((mask_ & (1u << (iso - 1))) == 0) continue;
    if (!out.empty()) out += ',';
    out += static_cast<char>('0' + iso);
  }
  return out;
}

bool Weekdays::contains(date::weekday d) const {
  return d.ok() && (mask_ & (1u << (d.iso_encoding() - 1))) != 0;
}

void Weekdays::add(date::weekday d) {
  if (d.ok()) mask_ = static_cast<std::uint8_t>(mask_ | (1u << (d.iso_encoding() - 1)));
}

const std::string& plan_name(const ContactPlan& plan, Language language) {
  const std::string& wanted = language == Language::fr ? plan.name_fr : plan.name_en;
  const std::string& other = language == Language::fr ? plan.name_en : plan.name_fr;
  return wanted.empty() ? other : wanted;
}

FieldErrors validate_plan(const ContactPlan& plan) {
  FieldErrors e;
  if (auto bad = check_code(plan.code, kMaxPlanCodeLength, "code")) e.add(std::move(*bad));
  if (plan.name_en.empty() && plan.name_fr.empty())
    e.add(Error::invalid("contact_plan.name_required", "name_en"));
  check_line(e, plan.name_en, kMaxPlanNameLength, "name_en");
  check_line(e, plan.name_fr, kMaxPlanNameLength, "name_fr");
  if (plan.weekdays.empty()) e.add(Error::invalid("contact_plan.weekdays_required", "weekdays"));
  if (plan.every_weeks < 1 || plan.every_weeks > kMaxEveryWeeks)
    e.add(Error::invalid("contact_plan.every_weeks_invalid", "every_weeks",
                         {{"max", std::to_string(kMaxEveryWeeks)}}));
  else if (plan.every_weeks > 1 && !plan.frequency_start)
    e.add(Error::invalid("contact_plan.frequency_start_required", "frequency_start"));
  if (plan.frequency_start && !plan.frequency_start->ok())
    e.add(Error::invalid("field.date_invalid", "frequency_start"));
  bool from_ok = check_required_date(e, plan.valid_from, "valid_from");
  if (plan.valid_to) {
    if (!plan.valid_to->ok())
      e.add(Error::invalid("field.date_invalid", "valid_to"));
    else if (from_ok && *plan.valid_to < plan.valid_from)
      e.add(Error::invalid("contact_plan.range_backwards", "valid_to"));
  }
  if (plan.lead_days < 0 || plan.lead_days > kMaxLeadDays)
    e.add(Error::invalid("contact_plan.lead_days_invalid", "lead_days",
                         {{"max", std::to_string(kMaxLeadDays)}}));
  if (!is_final(plan.default_status))
    e.add(Error::invalid("contact_plan.default_status_not_final", "default_status"));
  check_rule(e, plan.unavailable, "unavailable");
  check_rule(e, plan.busy, "busy");
  check_rule(e, plan.call_back, "call_back");
  return e;
}

FieldErrors validate_exception(const PlanException& exception, const ContactPlan& plan) {
  FieldErrors e;
  bool from_ok = check_required_date(e, exception.from, "from");
  bool to_ok = check_required_date(e, exception.to, "to");
  if (from_ok && to_ok) {
    if (exception.to < exception.from) {
      e.add(Error::invalid("contact_plan.range_backwards", "to"));
    } else if (plan.valid_from.ok()) {
      if (!within_validity(exception.from, plan))
        e.add(Error::invalid("contact_plan.exception_outside_validity", "from"));
      else if (!within_validity(exception.to, plan))
        e.add(Error::invalid("contact_plan.exception_outside_validity", "to"));
    }
  }
  if (exception.kind == ExceptionKind::moved) {
    if (from_ok && to_ok && exception.to != exception.from)
      e.add(Error::invalid("contact_plan.moved_single_day", "to"));
    if (!exception.moved_to || !exception.moved_to->ok())
      e.add(Error::invalid("contact_plan.moved_to_required", "moved_to"));
    else if (*exception.moved_to == exception.from)
      e.add(Error::invalid("contact_plan.moved_to_same_day", "moved_to"));
    else if (plan.valid_from.ok() && !within_validity(*exception.moved_to, plan))
      e.add(Error::invalid("contact_plan.moved_to_outside_validity", "moved_to"));
  }
  check_line(e, exception.reason, kMaxReasonLength, "reason");
  return e;
}

FieldErrors validate_contact_info(const ContactInfo& info) {
  FieldErrors e;
  bool earliest_ok = info.earliest >= 0 && info.earliest <= 1439;
  bool latest_ok = info.latest >= 1 && info.latest <= 1440;
  if (!earliest_ok) e.add(Error::invalid("contact_plan.time_invalid", "earliest"));
  if (!latest_ok) e.add(Error::invalid("contact_plan.time_invalid", "latest"));
  if (earliest_ok && latest_ok && info.latest <= info.earliest)
    e.add(Error::invalid("contact_plan.latest_before_earliest", "latest"));
  if (!info.time_zone.empty() && !is_valid_time_zone(info.time_zone))
    e.add(Error::invalid("field.time_zone_invalid", "time_zone"));
  if (info.sequence < 0 || info.sequence > 9999)
    e.add(Error::invalid("contact_plan.sequence_invalid", "sequence", {{"max", "9999"}}));
  check_length(e, info.note, kMaxNoteLength, "note");
  return e;
}

FieldErrors validate_non_activity(const NonActivityPeriod& period) {
  FieldErrors e;
  bool from_ok = check_required_date(e, period.from, "from");
  bool to_ok = check_required_date(e, period.to, "to");
  if (from_ok && to_ok && period.to < period.from)
    e.add(Error::invalid("contact_plan.range_backwards", "to"));
  if (period.reason.empty()) e.add(Error::invalid("field.required", "reason"));
  check_line(e, period.reason, kMaxReasonLength, "reason");
  return e;
}

FieldErrors validate_generation_range(CivilDate from, CivilDate to) {
  FieldErrors e;
  bool from_ok = check_required_date(e, from, "from");
  bool to_ok = check_required_date(e, to, "to");
  if (!from_ok || !to_ok) return e;
  if (to < from) {
    e.add(Error::invalid("contact_plan.range_backwards", "to"));
  } else if ((date::sys_days{to} - date::sys_days{from}).count() + 1 > kMaxGenerationDays) {
    e.add(Error::invalid("contact_plan.range_too_long", "to",
                         {{"max", std::to_string(kMaxGenerationDays)}}));
  }
  return e;
}

std::string_view to_code(PlanPurpose p) { return enum_code(p); }

std::optional<PlanPurpose> plan_purpose_from(std::string_view code) {
  return enum_from_code<PlanPurpose>(code);
}

std::string_view to_code(ContactMethod m) { return enum_code(m); }

std::optional<ContactMethod> contact_method_from(std::string_view code) {
  return enum_from_code<ContactMethod>(code);
}

std::string_view to_code(ExceptionKind k) { return enum_code(k); }

std::optional<ExceptionKind> exception_kind_from(std::string_view code) {
  return enum_from_code<ExceptionKind>(code);
}

std::optional<LocalMinutes> parse_local_minutes(std::string_view text) {
  // "H:MM" or "HH:MM".
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon < 1 || colon > 2 || text.size() != colon + 3)
    return std::nullopt;
  auto digits = [](std::string_view s) {
    int v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  int h = digits(text.substr(0, colon));
  int m = digits(text.substr(colon + 1));
  if (h < 0 || m < 0 || m > 59) return std::nullopt;
  if (h == 24 && m == 0) return 1440;
  if (h > 23) return std::nullopt;
  return h * 60 + m;
}

std::string format_local_minutes(LocalMinutes m) {
  m = std::clamp(m, 0, 1440);
  std::string out(5, ':');
  int h = m / 60, mm = m % 60;
  out[0] = static_cast<char>('0' + h / 10);
  out[1] = static_cast<char>('0' + h % 10);
  out[3] = static_cast<char>('0' + mm / 10);
  out[4] = static_cast<char>('0' + mm % 10);
  return out;
}

}  // namespace rapport::domain
