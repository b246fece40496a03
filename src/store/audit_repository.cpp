#include "store/audit_repository.h"

#include <soci/soci.h>

#include "store/bulk_insert.h"

namespace rapport::store {

void note_change(std::vector<FieldChange>& changes, std::string field, const std::string& old_value,
                 const std::string& new_value) {
  if (old_value != new_value) changes.push_back({std::move(field), old_value, new_value});
}

void note_created(std::vector<FieldChange>& changes, const AuditedFields& fields) {
  for (const auto& [field, value] : fields)
    if (!value.empty()) changes.push_back({field, std::nullopt, value});
}

void note_changes(std::vector<FieldChange>& changes, const AuditedFields& before,
                  const AuditedFields& after) {
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i)
    note_change(changes, after[i].first, before[i].second, after[i].second);
}

void AuditRepository::record(Tx& tx, const Actor& actor, Instant at, std::string_view record_type,
                             std::int64_t record_id, const std::vector<FieldChange>& changes) {
  if (changes.empty()) return;
  std::string when = format_instant(at);
  // Many rows (an order's lines fulfilled by a batch): in bulk, one round
  // trip on PostgreSQL instead of one per row.
  if (changes.size() > 1) {
    BulkInsert bulk(tx);
    const auto rows = bulk.table("audit_log", {"at", "user_id", "user_name", "record_type",
                                               "record_id", "field", "old_value", "new_value"});
    const BulkValue by = actor.user ? BulkValue{static_cast<long long>(actor.user->value)}
                                    : BulkValue{std::monostate{}};
    auto text = [](const std::optional<std::string>& v) {
      return v ? BulkValue{std::string_view(*v)} : BulkValue{std::monostate{}};
    };
    for (const auto& c : changes)
      bulk.row(rows, {std::string_view(when), by, std::string_view(actor.name), record_type,
                      static_cast<long long>(record_id), std::string_view(c.field),
                      text(c.old_value), text(c.new_value)});
    bulk.finish();
    return;
  }
  std::string type(record_type);
  long long user_id = actor.user ? actor.user->value : 0;
  soci::indicator user_ind = actor.user ? soci::i_ok : soci::i_null;
  std::string field, old_value, new_value;
  soci::indicator old_ind = soci::i_null, new_ind = soci::i_null;
  long long rid = record_id;
  soci::statement st =
      (tx.sql().prepare << "INSERT INTO audit_log (at, user_id, user_name, record_type, record_id, "
                           "field, old_value, new_value) VALUES (:at, :uid, :uname, :rtype, :rid, "
                           ":field, :old, :new)",
       soci::use(when), soci::use(user_id, user_ind), soci::use(actor.name), soci::use(type),
       soci::use(rid), soci::use(field), soci::use(old_value, old_ind),
       soci::use(new_value, new_ind));
  for (const auto& c : changes) {
    field = c.field;
    old_value = c.old_value.value_or("");
    old_ind = c.old_value ? soci::i_ok : soci::i_null;
    new_value = c.new_value.value_or("");
    new_ind = c.new_value ? soci::i_ok : soci::i_null;
    st.execute(true);
  }
}

std::vector<AuditRow> AuditRepository::history(Tx& tx, std::string_view record_type,
                                               std::int64_t record_id, int limit) {
  std::vector<AuditRow> rows;
  std::string type(record_type);
  long long rid = record_id;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT at, user_name, field, old_value, new_value FROM audit_log "
                           "WHERE record_type = :t AND record_id = :r ORDER BY id DESC LIMIT :l",
       soci::use(type), soci::use(rid), soci::use(limit));
  for (const auto& r : rs) {
    AuditRow row;
    row.at = parse_instant(r.get<std::string>(0)).value_or(Instant{});
    row.user_name = r.get<std::string>(1);
    row.field = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) row.old_value = r.get<std::string>(3);
    if (r.get_indicator(4) == soci::i_ok) row.new_value = r.get<std::string>(4);
    rows.push_back(std::move(row));
  }
  return rows;
}

Error stale_record_error(Tx& tx, std::string_view table, std::int64_t id) {
  std::string at, name;
  soci::indicator name_ind = soci::i_null, at_ind = soci::i_null;
  long long rid = id;
  tx.sql() << "SELECT t.updated_at, u.display_name FROM " << table
           << " t LEFT JOIN users u ON u.id = t.updated_by WHERE t.id = :id",
      soci::use(rid), soci::into(at, at_ind), soci::into(name, name_ind);
  if (!tx.sql().got_data()) return Error::not_found();
  return Error::conflict("record.stale", {{"name", name_ind == soci::i_ok ? name : "?"},
                                          {"changed_at", at_ind == soci::i_ok ? at : ""}});
}

}  // namespace rapport::store
