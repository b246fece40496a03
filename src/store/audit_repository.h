// store/audit_repository.h: the audit trail — who changed which field of
// which record, when, from what to what. Written in the caller's
// transaction, so a change and its audit rows commit or vanish together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/id.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::domain {
struct User;
}

namespace rapport::store {

// Who makes a change: a user, or the system (a CLI command, a batch job).
struct Actor {
  std::optional<Id<domain::User>> user;
  std::string name;
};

struct FieldChange {
  std::string field;
  std::optional<std::string> old_value;  // nullopt: the record was created
  std::optional<std::string> new_value;  // nullopt: the value was removed
};

// Appends a change of `field` to `changes` when old and new differ.
void note_change(std::vector<FieldChange>& changes, std::string field, const std::string& old_value,
                 const std::string& new_value);

// A record's audited fields and their text, in a fixed order.
using AuditedFields = std::vector<std::pair<std::string, std::string>>;
// One change per non-empty field of a record just created.
void note_created(std::vector<FieldChange>& changes, const AuditedFields& fields);
// One change per field whose text differs (`before` and `after` list the
// same fields in the same order).
void note_changes(std::vector<FieldChange>& changes, const AuditedFields& before,
                  const AuditedFields& after);

struct AuditRow {
  Instant at;
  std::string user_name;
  std::string field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
};

class AuditRepository {
 public:
  // Writes one row per change. Requires: inside a write transaction.
  static void record(Tx& tx, const Actor& actor, Instant at, std::string_view record_type,
                     std::int64_t record_id, const std::vector<FieldChange>& changes);
  // The record's history, newest first, at most `limit` rows.
  static std::vector<AuditRow> history(Tx& tx, std::string_view record_type, std::int64_t record_id,
                                       int limit = 200);
};

// The error for an update that found the row at another version: "changed
// by {name} at {changed_at} since you opened it". `table` is a constant of
// the calling repository, never user input.
Error stale_record_error(Tx& tx, std::string_view table, std::int64_t id);

}  // namespace rapport::store
