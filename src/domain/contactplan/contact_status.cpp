#include "domain/contactplan/contact_status.h"

#include <array>

namespace rapport::domain {
namespace {

constexpr std::array<ContactStatus, 7> kStatuses{
    ContactStatus::planned,   ContactStatus::unavailable, ContactStatus::busy,
    ContactStatus::call_back, ContactStatus::completed,   ContactStatus::completed_no_order,
    ContactStatus::cancelled};

}  // namespace

std::optional<ContactStatus> contact_status_from(int code) {
  for (ContactStatus s : kStatuses)
    if (to_number(s) == code) return s;
  return std::nullopt;
}

bool is_final(ContactStatus s) {
  return s == ContactStatus::completed || s == ContactStatus::completed_no_order ||
         s == ContactStatus::cancelled;
}

bool needs_recalculation(ContactStatus s) {
  return s == ContactStatus::unavailable || s == ContactStatus::busy ||
         s == ContactStatus::call_back;
}

std::string_view label_key(ContactStatus s) {
  // Literal keys, so the catalog check (tests/check_catalogs.py) sees them.
  switch (s) {
    case ContactStatus::planned:
      return "contact_status.10";
    case ContactStatus::unavailable:
      return "contact_status.11";
    case ContactStatus::busy:
      return "contact_status.20";
    case ContactStatus::call_back:
      return "contact_status.21";
    case ContactStatus::completed:
      return "contact_status.90";
    case ContactStatus::completed_no_order:
      return "contact_status.92";
    case ContactStatus::cancelled:
      return "contact_status.93";
  }
  return "contact_status.10";
}

const ContactStatus* all_contact_statuses(std::size_t& count) {
  count = kStatuses.size();
  return kStatuses.data();
}

bool callback_released(ContactStatus status, bool has_responsible, Instant next_contact_at,
                       Instant now, int release_minutes) {
  return status == ContactStatus::call_back && has_responsible && release_minutes > 0 &&
         now - next_contact_at >= std::chrono::minutes{release_minutes};
}

bool is_repeated_outcome(const LastOutcome& last, std::int64_t user, ContactStatus requested,
                         const std::string& note, std::optional<Instant> callback_at, Instant now) {
  return last.user == user && last.status == requested && last.note == note &&
         (!callback_at || callback_at == last.next_contact_at) && now >= last.at &&
         now - last.at <= kRepeatedOutcomeWindow;
}

}  // namespace rapport::domain
