// store/contactplan/plan_entry_repository.h: active contact plan entries [OIS056] and
// the log of statuses set on them.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "domain/contactplan/contact_plan.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

// An entry with what the list and the contact page show beside it.
struct PlanEntryRow {
  domain::PlanEntry entry;
  std::string plan_code;
  std::string plan_name_en;
  std::string plan_name_fr;
  std::string customer_name;
  std::string zone;  // the customer's effective zone
  domain::LocalMinutes earliest = 0;
  domain::LocalMinutes latest = 0;
  std::string responsible_name;
  // The contact info's sequence within the day's list, read with the
  // entry (a change of sequence applies at once); 0 without contact info.
  int sequence = 0;
  // Next call's hold as stored (offered_to, their name, offered_until): it
  // may have lapsed — ContactPlanner::entries() keeps only a current one.
  struct Hold {
    std::int64_t user = 0;
    std::string user_name;
    Instant until{};
  };
  std::optional<Hold> hold;
};

// Where a page of the list ends: the sort keys of its last row.
struct PlanEntryListKey {
  Instant next_contact_at{};
  int sequence = 0;
  std::int64_t id = 0;
};
PlanEntryListKey list_key(const PlanEntryRow& row);

struct PlanEntryFilter {
  std::vector<std::int64_t> plans;  // any when empty
  // The days whose calls are listed: entries whose next contact time falls
  // on them in `zone` (an entry moved from Tuesday to Thursday is on
  // Thursday's list), not their original contact date.
  std::optional<CivilDate> from;
  std::optional<CivilDate> to;
  std::string zone = "UTC";
  std::vector<int> statuses;  // any when empty
  std::optional<std::int64_t> responsible_user;
  std::optional<std::int64_t> customer;
  // The lists behind the supervisor's figures (issue 18), decided in app/:
  // due at or before this time (overdue: with the open statuses)…
  std::optional<Instant> due_by;
  // …and a window that closed at or before this time;
  std::optional<Instant> window_closed_by;
  // personal call-backs only (a responsible user set);
  bool personal_only = false;
  // entries on which this user set a status (a call, not a reopening)
  // during the days from/to — which then select the calls' days, not the
  // entries' due days.
  std::optional<std::int64_t> called_by;
  // Keyset paging by the list's order (next_contact_at, sequence, id):
  // the rows after this key.
  std::optional<PlanEntryListKey> after;
  int limit = 50;
};

struct PlanEntryEvent {
  Instant at{};
  std::optional<std::int64_t> user_id;
  std::string user_name;
  domain::ContactStatus status = domain::ContactStatus::planned;
  int attempt = 1;
  std::optional<Instant> next_contact_at;
  std::string note;
};

// An entry to create; the batch writes many at once.
struct NewPlanEntry {
  std::int64_t plan = 0;
  std::int64_t customer = 0;
  CivilDate contact_date{};
  Instant planned_at{};
  Instant window_ends_at{};
  std::string phone_e164;
  std::optional<std::int64_t> responsible_user;
};

class PlanEntryRepository {
 public:
  // Inserts the entries not already present (same plan, customer and date)
  // with status 10; returns how many were inserted. SQLite: one prepared
  // statement stepped per entry; PostgreSQL: one statement per up to 200.
  static long long insert_new(Tx& tx, const std::vector<NewPlanEntry>& entries,
                              std::optional<std::int64_t> actor, Instant now);
  // How many of these (plan, customer, date) keys exist already.
  static long long count_existing(Tx& tx, const std::vector<NewPlanEntry>& entries);
  // The open entries (domain's open statuses) of `plan` dated before
  // `before`, of `customers` only when not empty: how many there are (what
  // a simulation reports), and their deletion, one audit row per entry
  // (record "plan_entry", field "deleted_by_generation", the old value
  // "<date> <status>"); returns how many were deleted.
  static long long count_open_before(Tx& tx, Id<domain::ContactPlan> plan, CivilDate before,
                                     const std::vector<std::int64_t>& customers);
  static long long delete_open_before(Tx& tx, Id<domain::ContactPlan> plan, CivilDate before,
                                      const std::vector<std::int64_t>& customers,
                                      const Actor& actor, Instant now);
  // Errors: not_found ("plan_entry.not_found").
  static Result<PlanEntryRow> find(Tx& tx, Id<domain::PlanEntry> id);
  // Sorted by next contact time, then the contact info's sequence, then id.
  static std::vector<PlanEntryRow> list(Tx& tx, const PlanEntryFilter& filter);
  // How many open entries are due in [from, to) for `user`: theirs and the
  // team's (no responsible CSR), as Next call offers them.
  static long long count_due(Tx& tx, std::int64_t user, Instant from, Instant to);
  // The first open entry due now whose window is open, for `user`: theirs,
  // the team's (no responsible), and — when `released_before` is set — any
  // CSR's call-back (21) due before it (released to the team); in the
  // list's order (next contact time, sequence, id) — skipping entries held
  // for another CSR — and holds it for `user` until `hold_until`. Runs in a
  // write transaction.
  static std::optional<PlanEntryRow> next_call(Tx& tx, std::int64_t user, Instant now,
                                               std::optional<Instant> released_before,
                                               Instant hold_until);
  // Writes status, attempt, times and note; logs the event. Optimistic on
  // entry.version. Returns the new version.
  static Result<Version> save_status(Tx& tx, const domain::PlanEntry& entry, const Actor& actor,
                                     Instant now);
  // The conflict for an entry changed since it was read ("record.stale",
  // naming who changed it and when; its columns are changed_at/changed_by,
  // so stale_record_error does not fit); not_found when it is gone.
  static Error stale_error(Tx& tx, Id<domain::PlanEntry> id);
  static std::vector<PlanEntryEvent> events(Tx& tx, Id<domain::PlanEntry> id);
  // Links the entry to the sales order taken on its call (nullopt: the
  // order was deleted); audited on the entry.
  static void link_sales_order(Tx& tx, Id<domain::PlanEntry> id, std::optional<std::int64_t> order,
                               const Actor& actor, Instant now);
  // The entries of one plan and customer, newest contact date first.
  static std::vector<PlanEntryRow> of_plan_customer(Tx& tx, Id<domain::ContactPlan> plan,
                                                    std::int64_t customer, int limit);
  // Scheduled (open) entries of a plan or a user from `from` on, for a calendar.
  static std::vector<PlanEntryRow> scheduled(Tx& tx, std::optional<std::int64_t> plan,
                                             std::optional<std::int64_t> user, Instant from,
                                             int limit);
};

}  // namespace rapport::store
