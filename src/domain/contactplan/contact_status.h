// domain/contactplan/contact_status.h: the status of an active contact plan
// entry, with the seed's two-digit codes (contact-planning.md, Statuses).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace rapport::domain {

enum class ContactStatus {
  planned = 10,             // initial status of a generated entry
  unavailable = 11,         // no answer: next contact time recalculated
  busy = 20,                // line busy: recalculated
  call_back = 21,           // call back later: recalculated or the customer's time
  completed = 90,           // contact done (default when an order is entered)
  completed_no_order = 92,  // final
  cancelled = 93,           // final: cancelled / not reachable
};

inline int to_number(ContactStatus s) { return static_cast<int>(s); }
// nullopt unless `code` is one of 10, 11, 20, 21, 90, 92, 93.
std::optional<ContactStatus> contact_status_from(int code);
// Entries in 90, 92, 93 are locked: no longer offered, never changed again.
bool is_final(ContactStatus s);
// 10, 11, 20, 21: still to be contacted.
inline bool is_open(ContactStatus s) { return !is_final(s); }
// 11, 20, 21: the next contact time is recalculated.
bool needs_recalculation(ContactStatus s);
// A personal call-back (21, with a responsible CSR) still open
// `release_minutes` or more after its time goes back to the team: Next
// call offers it to every CSR. 0 never releases.
bool callback_released(ContactStatus status, bool has_responsible, Instant next_contact_at,
                       Instant now, int release_minutes);
// Next call holds the entry it offers for the CSR who asked this long (or
// until they set a status), so that another CSR's Next call skips it; after
// that, a CSR who walked away does not keep it from the team.
constexpr std::chrono::minutes kNextCallHold{15};
// A status set again by the same CSR within this time, with the same note
// (and the same call-back time, when one is given), on the entry it just
// changed, is one key pressed twice, not a second call: it is not recorded
// again (a key acts once per shown version).
constexpr std::chrono::seconds kRepeatedOutcomeWindow{10};
struct LastOutcome {
  std::optional<std::int64_t> user;
  Instant at{};
  ContactStatus status = ContactStatus::planned;
  std::string note;
  std::optional<Instant> next_contact_at;
};
bool is_repeated_outcome(const LastOutcome& last, std::int64_t user, ContactStatus requested,
                         const std::string& note, std::optional<Instant> callback_at, Instant now);
// The catalog key of the status's label: "contact_status.11".
std::string_view label_key(ContactStatus s);
// All statuses in code order.
const ContactStatus* all_contact_statuses(std::size_t& count);

}  // namespace rapport::domain
