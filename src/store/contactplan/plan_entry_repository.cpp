#include "store/contactplan/plan_entry_repository.h"

#include <memory>
#include <stdexcept>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "domain/contactplan/contact_status.h"
#include "domain/contactplan/schedule.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::PlanEntry;

constexpr const char* kSelect =
    "SELECT e.id, e.plan_id, e.customer_id, e.contact_date, e.planned_at, e.next_contact_at, "
    "e.window_ends_at, e.phone_e164, e.status, e.attempt, e.responsible_user, e.sales_order_id, "
    "e.result_note, e.version, e.changed_by, e.changed_at, p.code, p.name_en, p.name_fr, "
    "c.display_name, COALESCE(NULLIF(ci.time_zone, ''), NULLIF(c.time_zone, ''), (SELECT "
    "time_zone FROM installation_settings WHERE id = 1)), COALESCE(ci.earliest, 540), "
    "COALESCE(ci.latest, 1020), COALESCE(u.display_name, ''), "
    "e.sequence, e.offered_to, e.offered_until, COALESCE(h.display_name, '') "
    "FROM plan_entries e JOIN contact_plans p ON p.id = e.plan_id "
    "JOIN customers c ON c.id = e.customer_id "
    "LEFT JOIN contact_infos ci ON ci.plan_id = e.plan_id AND ci.customer_id = e.customer_id "
    "LEFT JOIN users u ON u.id = e.responsible_user "
    "LEFT JOIN users h ON h.id = e.offered_to ";

// The day's list order [OIS056/B]: next contact time, then the contact
// info's sequence — kept on the entry (migration 0032; written again when
// the contact info changes, so a changed sequence applies at once); an
// entry whose customer is no longer on the plan (no contact info) sorts as
// sequence 0 — then id, which makes the order total for paging. The index
// plan_entries_call_order reads entries in this order.
constexpr const char* kSequence = "e.sequence";
const std::string kListOrder = std::string(" ORDER BY e.next_contact_at, ") + kSequence + ", e.id";

// "<alias>.status IN (10, 11, 20, 21)": the open statuses as domain/ defines them.
std::string open_condition(std::string_view alias) {
  std::string list;
  std::size_t count = 0;
  const domain::ContactStatus* all = domain::all_contact_statuses(count);
  for (std::size_t i = 0; i < count; ++i)
    if (domain::is_open(all[i]))
      list += (list.empty() ? "" : ", ") + std::to_string(domain::to_number(all[i]));
  return (alias.empty() ? std::string() : std::string(alias) + ".") + "status IN (" + list + ")";
}
const std::string kOpen = open_condition("e");

Instant instant_at(const soci::row& r, std::size_t i) {
  return parse_instant(text_at(r, i)).value_or(Instant{});
}

PlanEntryRow row_from(const soci::row& r) {
  PlanEntryRow out;
  PlanEntry& e = out.entry;
  e.id = Id<PlanEntry>{int64_at(r, 0)};
  e.plan = Id<domain::ContactPlan>{int64_at(r, 1)};
  e.customer = int64_at(r, 2);
  e.contact_date = parse_date(text_at(r, 3)).value_or(CivilDate{});
  e.planned_at = instant_at(r, 4);
  e.next_contact_at = instant_at(r, 5);
  e.window_ends_at = instant_at(r, 6);
  e.phone_e164 = text_at(r, 7);
  e.status = domain::contact_status_from(int_at(r, 8)).value_or(domain::ContactStatus::planned);
  e.attempt = int_at(r, 9);
  e.responsible_user = optional_int64_at(r, 10);
  e.sales_order = optional_int64_at(r, 11);
  e.result_note = text_at(r, 12);
  e.version = int64_at(r, 13);
  e.changed_by = int64_at(r, 14);
  e.changed_at = instant_at(r, 15);
  out.plan_code = text_at(r, 16);
  out.plan_name_en = text_at(r, 17);
  out.plan_name_fr = text_at(r, 18);
  out.customer_name = text_at(r, 19);
  out.zone = text_at(r, 20);
  // Zones are checked when stored; an imported or hand-edited row must
  // still not break the pages that compute local times.
  if (!is_valid_time_zone(out.zone)) out.zone = "UTC";
  out.earliest = int_at(r, 21);
  out.latest = int_at(r, 22);
  out.responsible_name = text_at(r, 23);
  out.sequence = int_at(r, 24);
  auto held_by = optional_int64_at(r, 25);
  auto held_until = optional_text_at(r, 26);
  if (held_by && held_until)
    if (auto until = parse_instant(*held_until))
      out.hold = PlanEntryRow::Hold{*held_by, text_at(r, 27), *until};
  return out;
}

std::vector<PlanEntryRow> select_rows(Tx& tx, const std::string& where_and_order) {
  std::vector<PlanEntryRow> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << kSelect + where_and_order;
  for (const auto& r : rs) out.push_back(row_from(r));
  return out;
}

// A text literal for SQL we build from values the store formatted itself
// (dates, instants, E.164 numbers); quotes are doubled all the same.
std::string quoted(std::string_view text) {
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

constexpr std::size_t kRowsPerStatement = 200;

// The texts format_date and format_instant make ("2026-11-23",
// "2026-11-23T10:21:54Z"), written without the stream they go through: the
// batch writes three per entry. Years outside 0–9999 go through them.
void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

void date_text(std::string& out, CivilDate d) {
  const int y = static_cast<int>(d.year());
  if (!d.ok() || y < 0 || y > 9999) {
    out = format_date(d);
    return;
  }
  out.assign("0000-00-00");
  put_digits(&out[0], static_cast<unsigned>(y), 4);
  put_digits(&out[5], static_cast<unsigned>(d.month()), 2);
  put_digits(&out[8], static_cast<unsigned>(d.day()), 2);
}

void instant_text(std::string& out, Instant t) {
  const auto day = date::floor<date::days>(t);
  date_text(out, CivilDate{day});
  if (out.size() != 10) {
    out = format_instant(t);
    return;
  }
  const auto seconds = static_cast<unsigned>((t - day).count());
  out.append("T00:00:00Z");
  put_digits(&out[11], seconds / 3600, 2);
  put_digits(&out[14], seconds / 60 % 60, 2);
  put_digits(&out[17], seconds % 60, 2);
}

std::string date_text(CivilDate d) {
  std::string out;
  date_text(out, d);
  return out;
}

std::string instant_text(Instant t) {
  std::string out;
  instant_text(out, t);
  return out;
}

// SQLite: one prepared statement stepped for each entry, through SQLite's
// own API (as BulkInsert does). A statement of many rows would cost more:
// SQLite parses it, and keeps a statement journal of every page it touches
// (it may abort half-way), which spills to a temporary file.
long long insert_new_sqlite(Tx& tx, const std::vector<NewPlanEntry>& entries,
                            const std::string& when, std::optional<std::int64_t> actor) {
  using sqlite_api::sqlite3_destructor_type;  // for SQLITE_STATIC
  auto* db = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
  auto fail = [&](const char* what) {
    throw std::runtime_error(std::string("plan entries: ") + what + ": " +
                             sqlite_api::sqlite3_errmsg(db));
  };
  sqlite_api::sqlite3_stmt* raw = nullptr;
  if (sqlite_api::sqlite3_prepare_v2(
          db,
          "INSERT INTO plan_entries (plan_id, customer_id, contact_date, planned_at, "
          "next_contact_at, window_ends_at, phone_e164, status, attempt, responsible_user, "
          "result_note, version, changed_at, changed_by, sequence) VALUES (?1, ?2, ?3, ?4, ?4, "
          "?5, ?6, 10, 1, ?7, '', 1, ?8, ?9, (SELECT COALESCE(MAX(ci.sequence), 0) FROM "
          "contact_infos ci WHERE ci.plan_id = ?1 AND ci.customer_id = ?2)) ON CONFLICT "
          "(plan_id, customer_id, contact_date) DO NOTHING",
          -1, &raw, nullptr) != SQLITE_OK)
    fail("prepare");
  std::unique_ptr<sqlite_api::sqlite3_stmt, int (*)(sqlite_api::sqlite3_stmt*)> st(
      raw, sqlite_api::sqlite3_finalize);
  // Bound without a copy: SQLite reads them only while stepping, and each
  // row formats and binds its own before its step.
  std::string day, planned, ends;
  int rc = sqlite_api::sqlite3_bind_text(st.get(), 8, when.data(), static_cast<int>(when.size()),
                                         SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = actor ? sqlite_api::sqlite3_bind_int64(st.get(), 9, *actor)
               : sqlite_api::sqlite3_bind_null(st.get(), 9);
  if (rc != SQLITE_OK) fail("bind");
  long long inserted = 0;
  for (const NewPlanEntry& e : entries) {
    date_text(day, e.contact_date);
    instant_text(planned, e.planned_at);
    instant_text(ends, e.window_ends_at);
    rc = sqlite_api::sqlite3_bind_int64(st.get(), 1, e.plan);
    if (rc == SQLITE_OK) rc = sqlite_api::sqlite3_bind_int64(st.get(), 2, e.customer);
    if (rc == SQLITE_OK)
      rc = sqlite_api::sqlite3_bind_text(st.get(), 3, day.data(), static_cast<int>(day.size()),
                                         SQLITE_STATIC);
    if (rc == SQLITE_OK)
      rc = sqlite_api::sqlite3_bind_text(st.get(), 4, planned.data(),
                                         static_cast<int>(planned.size()), SQLITE_STATIC);
    if (rc == SQLITE_OK)
      rc = sqlite_api::sqlite3_bind_text(st.get(), 5, ends.data(), static_cast<int>(ends.size()),
                                         SQLITE_STATIC);
    if (rc == SQLITE_OK)
      rc = sqlite_api::sqlite3_bind_text(st.get(), 6, e.phone_e164.data(),
                                         static_cast<int>(e.phone_e164.size()), SQLITE_STATIC);
    if (rc == SQLITE_OK)
      rc = e.responsible_user ? sqlite_api::sqlite3_bind_int64(st.get(), 7, *e.responsible_user)
                              : sqlite_api::sqlite3_bind_null(st.get(), 7);
    if (rc != SQLITE_OK) fail("bind");
    if (sqlite_api::sqlite3_step(st.get()) != SQLITE_DONE) fail("insert");
    inserted += sqlite_api::sqlite3_changes(db);
    sqlite_api::sqlite3_reset(st.get());
  }
  return inserted;
}

}  // namespace

PlanEntryListKey list_key(const PlanEntryRow& row) {
  return {row.entry.next_contact_at, row.sequence, row.entry.id.value};
}

// SQLite: see insert_new_sqlite. PostgreSQL: one statement per up to
// kRowsPerStatement rows, each a round trip.
long long PlanEntryRepository::insert_new(Tx& tx, const std::vector<NewPlanEntry>& entries,
                                          std::optional<std::int64_t> actor, Instant now) {
  if (entries.empty()) return 0;
  if (tx.dialect() == Dialect::sqlite)
    return insert_new_sqlite(tx, entries, instant_text(now), actor);
  long long inserted = 0;
  std::string when = quoted(instant_text(now)),
              by = actor ? std::to_string(*actor) : std::string("NULL");
  for (std::size_t start = 0; start < entries.size(); start += kRowsPerStatement) {
    std::string sql =
        "INSERT INTO plan_entries (plan_id, customer_id, contact_date, planned_at, "
        "next_contact_at, window_ends_at, phone_e164, status, attempt, responsible_user, "
        "result_note, version, changed_at, changed_by, sequence) VALUES ";
    std::size_t end = std::min(entries.size(), start + kRowsPerStatement);
    for (std::size_t i = start; i < end; ++i) {
      const NewPlanEntry& e = entries[i];
      std::string planned = quoted(instant_text(e.planned_at));
      sql += (i == start ? "(" : ",(") + std::to_string(e.plan) + "," + std::to_string(e.customer) +
             "," + quoted(date_text(e.contact_date)) + "," + planned + "," + planned + "," +
             quoted(instant_text(e.window_ends_at)) + "," + quoted(e.phone_e164) + ",10,1," +
             (e.responsible_user ? std::to_string(*e.responsible_user) : std::string("NULL")) +
             ",'',1," + when + "," + by +
             ",(SELECT COALESCE(MAX(ci.sequence), 0) FROM contact_infos ci WHERE ci.plan_id = " +
             std::to_string(e.plan) + " AND ci.customer_id = " + std::to_string(e.customer) + "))";
    }
    sql += " ON CONFLICT (plan_id, customer_id, contact_date) DO NOTHING";
    soci::statement st = tx.sql().prepare << sql;
    st.execute(true);
    inserted += st.get_affected_rows();
  }
  return inserted;
}

long long PlanEntryRepository::count_existing(Tx& tx, const std::vector<NewPlanEntry>& entries) {
  long long total = 0;
  for (std::size_t start = 0; start < entries.size(); start += kRowsPerStatement) {
    std::size_t end = std::min(entries.size(), start + kRowsPerStatement);
    std::string sql = "SELECT COUNT(*) FROM plan_entries WHERE ";
    for (std::size_t i = start; i < end; ++i)
      sql += std::string(i == start ? "" : " OR ") +
             "(plan_id = " + std::to_string(entries[i].plan) +
             " AND customer_id = " + std::to_string(entries[i].customer) +
             " AND contact_date = " + quoted(format_date(entries[i].contact_date)) + ")";
    long long n = 0;
    tx.sql() << sql, soci::into(n);
    total += n;
  }
  return total;
}

namespace {

std::string open_before_where(Id<domain::ContactPlan> plan, CivilDate before,
                              const std::vector<std::int64_t>& customers) {
  std::string where = " WHERE plan_id = " + std::to_string(plan.value) + " AND " +
                      open_condition("") + " AND contact_date < " + quoted(format_date(before));
  if (!customers.empty()) where += " AND customer_id IN (" + id_list(customers) + ")";
  return where;
}

}  // namespace

long long PlanEntryRepository::count_open_before(Tx& tx, Id<domain::ContactPlan> plan,
                                                 CivilDate before,
                                                 const std::vector<std::int64_t>& customers) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM plan_entries" + open_before_where(plan, before, customers),
      soci::into(n);
  return n;
}

long long PlanEntryRepository::delete_open_before(Tx& tx, Id<domain::ContactPlan> plan,
                                                  CivilDate before,
                                                  const std::vector<std::int64_t>& customers,
                                                  const Actor& actor, Instant now) {
  const std::string where = open_before_where(plan, before, customers);
  soci::rowset<soci::row> rs = tx.sql().prepare
                               << "SELECT id, contact_date, status FROM plan_entries" + where;
  std::vector<std::pair<std::int64_t, std::string>> gone;
  for (const auto& r : rs)
    gone.emplace_back(int64_at(r, 0), text_at(r, 1) + " " + std::to_string(int_at(r, 2)));
  if (gone.empty()) return 0;
  tx.sql() << "DELETE FROM plan_entries" + where;
  for (const auto& [id, was] : gone)
    AuditRepository::record(tx, actor, now, "plan_entry", id,
                            {{"deleted_by_generation", was, std::nullopt}});
  return static_cast<long long>(gone.size());
}

Result<PlanEntryRow> PlanEntryRepository::find(Tx& tx, Id<PlanEntry> id) {
  auto rows = select_rows(tx, "WHERE e.id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("plan_entry.not_found");
  return std::move(rows.front());
}

std::vector<PlanEntryRow> PlanEntryRepository::list(Tx& tx, const PlanEntryFilter& f) {
  std::string where = "WHERE 1 = 1";
  if (!f.plans.empty()) where += " AND e.plan_id IN (" + id_list(f.plans) + ")";
  const std::string zone = is_valid_time_zone(f.zone) ? f.zone : std::string("UTC");
  // The calls' days when listing a CSR's calls, else the due days.
  const std::string day_column = f.called_by ? "ev.at " : "e.next_contact_at ";
  std::string days;
  if (f.from)
    days += " AND " + day_column +
            ">= " + quoted(format_instant(domain::window_on(*f.from, 0, 1440, zone).start));
  if (f.to)
    days += " AND " + day_column + "< " +
            quoted(format_instant(domain::window_on(*f.to, 0, 1440, zone).end));
  if (f.called_by)
    where +=
        " AND EXISTS (SELECT 1 FROM plan_entry_events ev WHERE ev.entry_id = e.id AND "
        "ev.user_id = " +
        std::to_string(*f.called_by) + " AND ev.status <> " +
        std::to_string(domain::to_number(domain::ContactStatus::planned)) + days + ")";
  else
    where += days;
  if (f.due_by) where += " AND e.next_contact_at <= " + quoted(format_instant(*f.due_by));
  if (f.window_closed_by)
    where += " AND e.window_ends_at <= " + quoted(format_instant(*f.window_closed_by));
  if (f.personal_only) where += " AND e.responsible_user IS NOT NULL";
  if (!f.statuses.empty()) {
    std::string in;
    for (int s : f.statuses) in += (in.empty() ? "" : ",") + std::to_string(s);
    where += " AND e.status IN (" + in + ")";
  }
  if (f.responsible_user)
    where += " AND e.responsible_user = " + std::to_string(*f.responsible_user);
  if (f.customer) where += " AND e.customer_id = " + std::to_string(*f.customer);
  if (f.after) {
    // The rows after (at, seq, id) in the list's order, written out (not a
    // row-value comparison) so both dialects read it the same way.
    std::string at = quoted(format_instant(f.after->next_contact_at));
    std::string seq = std::to_string(f.after->sequence), id = std::to_string(f.after->id);
    where += " AND (e.next_contact_at > " + at + " OR (e.next_contact_at = " + at + " AND (" +
             kSequence + " > " + seq + " OR (" + kSequence + " = " + seq + " AND e.id > " + id +
             "))))";
  }
  return select_rows(tx,
                     where + kListOrder + " LIMIT " + std::to_string(std::clamp(f.limit, 1, 500)));
}

std::optional<PlanEntryRow> PlanEntryRepository::next_call(Tx& tx, std::int64_t user, Instant now,
                                                           std::optional<Instant> released_before,
                                                           Instant hold_until) {
  std::string at = quoted(format_instant(now));
  std::string released;
  if (released_before)
    released =
        " OR (e.status = " + std::to_string(domain::to_number(domain::ContactStatus::call_back)) +
        " AND e.next_contact_at <= " + quoted(format_instant(*released_before)) + ")";
  const std::string me = std::to_string(user);
  const bool postgresql = tx.dialect() == Dialect::postgresql;
  // First the entry to offer, from plan_entries alone (PostgreSQL sorted
  // 20,000 joined rows per call when it picked the wrong plan: bench/load),
  // read from migration 0032's index of the open entries in the day's
  // order: the first one callable is near its start. SQLite, without
  // statistics, is told the index. Not held for another CSR; on PostgreSQL
  // a row another Next call is holding in its transaction is skipped, not
  // waited for (on SQLite the write transaction runs alone).
  const std::string pick =
      std::string("SELECT e.id FROM plan_entries e ") +
      (postgresql ? "" : "INDEXED BY plan_entries_call_order ") + "WHERE " + kOpen +
      " AND (e.responsible_user = " + me + " OR e.responsible_user IS NULL" + released +
      ") AND e.next_contact_at <= " + at + " AND e.window_ends_at > " + at +
      " AND (e.offered_until IS NULL OR e.offered_until <= " + at + " OR e.offered_to = " + me +
      ")" + kListOrder + " LIMIT 1" + (postgresql ? " FOR UPDATE SKIP LOCKED" : "");
  long long id = 0;
  // PostgreSQL, its statistics taken before the day's list was generated
  // (or while CSRs change it), expects one entry callable and sorts them
  // all (20,000: 85 ms a call under bench/load). The day's order is the
  // index's: sorting is ruled out for this statement (SET LOCAL: this
  // transaction only, so PgBouncer's transaction mode keeps it).
  if (postgresql) tx.sql() << "SET LOCAL enable_sort = off";
  soci::statement st = (tx.sql().prepare << pick, soci::into(id));
  st.execute(true);
  if (postgresql) tx.sql() << "SET LOCAL enable_sort = on";
  if (!st.got_data()) return std::nullopt;
  // The hold is not a change of the entry: its version stays, so the status
  // form the CSR is shown is still current.
  long long by = user;
  std::string until = format_instant(hold_until);
  tx.cached("UPDATE plan_entries SET offered_to = :u, offered_until = :t WHERE id = :id")
      .run(soci::use(by), soci::use(until), soci::use(id));
  auto row = find(tx, Id<PlanEntry>{id});
  if (!row) return std::nullopt;
  return std::move(*row);
}

long long PlanEntryRepository::count_due(Tx& tx, std::int64_t user, Instant from, Instant to) {
  long long n = 0;
  long long who = user;
  std::string start = format_instant(from), end = format_instant(to);
  // On the home page of every CSR: kept prepared.
  static const std::string count =
      "SELECT COUNT(*) FROM plan_entries e WHERE " + kOpen +
      " AND (e.responsible_user = :u OR e.responsible_user IS NULL) AND "
      "e.next_contact_at >= :f AND e.next_contact_at < :t";
  tx.cached(count).run(soci::use(who), soci::use(start), soci::use(end), soci::into(n));
  return n;
}

Result<Version> PlanEntryRepository::save_status(Tx& tx, const PlanEntry& e, const Actor& actor,
                                                 Instant now) {
  std::string next = format_instant(e.next_contact_at), ends = format_instant(e.window_ends_at),
              when = format_instant(now);
  int status = domain::to_number(e.status);
  long long by = actor.user ? actor.user->value : 0, id = e.id.value, version = e.version;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  soci::statement st =
      (tx.sql().prepare << "UPDATE plan_entries SET status = :s, attempt = :a, next_contact_at = "
                           ":n, window_ends_at = :w, result_note = :note, version = version + 1, "
                           "changed_at = :at, changed_by = :by, offered_to = NULL, "
                           "offered_until = NULL WHERE id = :id AND version = :v",
       soci::use(status), soci::use(e.attempt), soci::use(next), soci::use(ends),
       soci::use(e.result_note), soci::use(when), soci::use(by, by_ind), soci::use(id),
       soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_error(tx, e.id);
  soci::indicator next_ind = domain::needs_recalculation(e.status) ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO plan_entry_events (entry_id, at, user_id, status, attempt, "
              "next_contact_at, note) VALUES (:e, :at, :by, :s, :a, :n, :note)",
      soci::use(id), soci::use(when), soci::use(by, by_ind), soci::use(status),
      soci::use(e.attempt), soci::use(next, next_ind), soci::use(e.result_note);
  return e.version + 1;
}

void PlanEntryRepository::link_sales_order(Tx& tx, Id<PlanEntry> id,
                                           std::optional<std::int64_t> order, const Actor& actor,
                                           Instant now) {
  long long eid = id.value, oid = order.value_or(0), before = 0;
  soci::indicator ind = order ? soci::i_ok : soci::i_null, before_ind = soci::i_null;
  tx.sql() << "SELECT sales_order_id FROM plan_entries WHERE id = :id", soci::use(eid),
      soci::into(before, before_ind);
  tx.sql() << "UPDATE plan_entries SET sales_order_id = :o WHERE id = :id", soci::use(oid, ind),
      soci::use(eid);
  std::vector<FieldChange> changes;
  note_change(changes, "sales_order", before_ind == soci::i_ok ? std::to_string(before) : "",
              order ? std::to_string(*order) : "");
  AuditRepository::record(tx, actor, now, "plan_entry", eid, changes);
}

Error PlanEntryRepository::stale_error(Tx& tx, Id<PlanEntry> id) {
  std::string at, name;
  soci::indicator name_ind = soci::i_null, at_ind = soci::i_null;
  long long eid = id.value;
  tx.sql() << "SELECT e.changed_at, u.display_name FROM plan_entries e LEFT JOIN users u ON "
              "u.id = e.changed_by WHERE e.id = :id",
      soci::use(eid), soci::into(at, at_ind), soci::into(name, name_ind);
  if (!tx.sql().got_data()) return Error::not_found("plan_entry.not_found");
  return Error::conflict("record.stale", {{"name", name_ind == soci::i_ok ? name : "?"},
                                          {"changed_at", at_ind == soci::i_ok ? at : ""}});
}

std::vector<PlanEntryEvent> PlanEntryRepository::events(Tx& tx, Id<PlanEntry> id) {
  std::vector<PlanEntryEvent> out;
  long long eid = id.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare
           << "SELECT ev.at, COALESCE(u.display_name, ''), ev.status, ev.attempt, "
              "ev.next_contact_at, ev.note, ev.user_id FROM plan_entry_events ev LEFT JOIN users "
              "u ON u.id = ev.user_id WHERE ev.entry_id = :e ORDER BY ev.id DESC",
       soci::use(eid));
  for (const auto& r : rs) {
    PlanEntryEvent ev;
    ev.at = instant_at(r, 0);
    ev.user_name = text_at(r, 1);
    ev.status = domain::contact_status_from(int_at(r, 2)).value_or(domain::ContactStatus::planned);
    ev.attempt = int_at(r, 3);
    if (auto n = optional_text_at(r, 4)) ev.next_contact_at = parse_instant(*n);
    ev.note = text_at(r, 5);
    ev.user_id = optional_int64_at(r, 6);
    out.push_back(std::move(ev));
  }
  return out;
}

std::vector<PlanEntryRow> PlanEntryRepository::of_plan_customer(Tx& tx,
                                                                Id<domain::ContactPlan> plan,
                                                                std::int64_t customer, int limit) {
  return select_rows(tx, "WHERE e.plan_id = " + std::to_string(plan.value) +
                             " AND e.customer_id = " + std::to_string(customer) +
                             " ORDER BY e.contact_date DESC, e.id DESC LIMIT " +
                             std::to_string(limit));
}

std::vector<PlanEntryRow> PlanEntryRepository::scheduled(Tx& tx, std::optional<std::int64_t> plan,
                                                         std::optional<std::int64_t> user,
                                                         Instant from, int limit) {
  std::string where = "WHERE " + kOpen + " AND e.window_ends_at > " + quoted(format_instant(from));
  if (plan) where += " AND e.plan_id = " + std::to_string(*plan);
  if (user) where += " AND e.responsible_user = " + std::to_string(*user);
  return select_rows(tx, where + kListOrder + " LIMIT " + std::to_string(limit));
}

}  // namespace rapport::store
