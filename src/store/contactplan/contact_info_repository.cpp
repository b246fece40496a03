#include "store/contactplan/contact_info_repository.h"

#include <algorithm>

#include <soci/soci.h>

#include "store/contactplan/contact_info_row.h"
#include "store/named_columns.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::ContactInfo;

// The select every reader shares: the info's columns, with its customer's
// and plan's names beside it; callers append WHERE and ORDER BY.
std::string info_select() {
  return "SELECT ci.id AS id, ci.plan_id AS plan_id, ci.customer_id AS customer_id, " +
         qualified_list(kContactInfoColumns, "ci") +
         ", ci.version AS version, c.display_name AS customer_name, c.time_zone AS "
         "customer_zone, p.code AS plan_code, p.name_en AS plan_name_en, p.name_fr AS "
         "plan_name_fr, COALESCE(k.given_name || ' ' || k.family_name, '') AS contact_name FROM "
         "contact_infos ci JOIN customers c ON c.id = ci.customer_id JOIN contact_plans p ON p.id "
         "= ci.plan_id LEFT JOIN contacts k ON k.id = ci.contact_id ";
}

std::vector<ContactInfoRow> rows(soci::rowset<ContactInfoRow>& rs) {
  std::vector<ContactInfoRow> out;
  for (const auto& r : rs) out.push_back(r);
  return out;
}

std::string window_text(const ContactInfo& i) {
  return domain::format_local_minutes(i.earliest) + "–" + domain::format_local_minutes(i.latest);
}

// " AND ci.customer_id IN (1,2)" and the category filter; the values are
// integers we format and codes we bind, never pasted user text.
std::string selection_sql(const std::vector<std::int64_t>& customers,
                          const std::vector<std::string>& categories) {
  std::string sql;
  if (!customers.empty()) {
    sql += " AND ci.customer_id IN (";
    for (std::size_t i = 0; i < customers.size(); ++i)
      sql += (i ? "," : "") + std::to_string(customers[i]);
    sql += ")";
  }
  if (!categories.empty()) {
    sql += " AND (";
    for (std::size_t i = 0; i < categories.size(); ++i)
      sql += std::string(i ? " OR " : "") + "c.category = :cat" + std::to_string(i) +
             " OR c.customer_class = :cls" + std::to_string(i);
    sql += ")";
  }
  return sql;
}

// Binds the plan and the categories of selection_sql() (after the
// statement's into()) and prepares `sql`.
void prepare_selection(soci::statement& st, long long& plan,
                       const std::vector<std::string>& categories, const std::string& sql) {
  st.exchange(soci::use(plan));
  for (const auto& cat : categories) {
    st.exchange(soci::use(cat));
    st.exchange(soci::use(cat));
  }
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
}

}  // namespace

namespace {

// The customer's entries of the plan take the contact info's sequence (0
// when it goes): the day's list is ordered by the entries' own copy
// (plan_entry_repository.cpp, kSequence).
void set_entries_sequence(Tx& tx, long long plan, long long customer, int sequence) {
  tx.cached(
        "UPDATE plan_entries SET sequence = :s WHERE plan_id = :p AND customer_id = :c AND "
        "sequence <> :s2")
      .run(soci::use(sequence), soci::use(plan), soci::use(customer), soci::use(sequence));
}

}  // namespace

Result<Id<ContactInfo>> ContactInfoRepository::insert(Tx& tx, const ContactInfo& i,
                                                      const Actor& actor, Instant now) {
  if (find_for(tx, i.plan, i.customer))
    return Error{ErrorCode::conflict, "contact_info.already_on_plan", {}, "customer", {}};
  std::string when = format_instant(now);
  long long plan = i.plan.value, customer = i.customer, by = actor.user ? actor.user->value : 0,
            id = 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO contact_infos (plan_id, customer_id, " +
                  column_list(kContactInfoColumns) +
                  ", version, updated_at, updated_by) VALUES (:plan_id, :customer_id, " +
                  placeholder_list(kContactInfoColumns) +
                  ", 1, :updated_at, :updated_by) RETURNING id",
      soci::use(i), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"),
      soci::into(id);
  AuditRepository::record(tx, actor, now, "contact_info", id,
                          {{"plan", std::nullopt, std::to_string(plan)},
                           {"customer", std::nullopt, std::to_string(customer)},
                           {"phone", std::nullopt, i.phone_e164},
                           {"window", std::nullopt, window_text(i)}});
  set_entries_sequence(tx, plan, customer, i.sequence);
  return Id<ContactInfo>{id};
}

Result<Version> ContactInfoRepository::update(Tx& tx, const ContactInfo& i, const Actor& actor,
                                              Instant now) {
  auto before = find(tx, i.id);
  if (!before) return before.error();
  std::string when = format_instant(now);
  long long by = actor.user ? actor.user->value : 0, id = i.id.value;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  soci::statement st =
      (tx.sql().prepare << "UPDATE contact_infos SET " + assignment_list(kContactInfoColumns) +
                               ", version = version + 1, updated_at = :updated_at, updated_by = "
                               ":updated_by WHERE id = :id AND version = :version",
       soci::use(i), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "contact_infos", id);
  const ContactInfo& o = before->info;
  std::vector<FieldChange> changes;
  note_change(changes, "contact", o.contact ? std::to_string(*o.contact) : "",
              i.contact ? std::to_string(*i.contact) : "");
  note_change(changes, "phone", o.phone_e164, i.phone_e164);
  note_change(changes, "time_zone", o.time_zone, i.time_zone);
  note_change(changes, "window", window_text(o), window_text(i));
  note_change(changes, "method", std::string(domain::to_code(o.method)),
              std::string(domain::to_code(i.method)));
  note_change(changes, "sequence", std::to_string(o.sequence), std::to_string(i.sequence));
  note_change(changes, "note", o.note, i.note);
  AuditRepository::record(tx, actor, now, "contact_info", id, changes);
  if (o.sequence != i.sequence) set_entries_sequence(tx, o.plan.value, o.customer, i.sequence);
  return i.version + 1;
}

Status ContactInfoRepository::remove(Tx& tx, Id<ContactInfo> id, const Actor& actor, Instant now) {
  auto before = find(tx, id);
  if (!before) return before.error();
  long long iid = id.value;
  tx.sql() << "DELETE FROM contact_infos WHERE id = :id", soci::use(iid);
  set_entries_sequence(tx, before->info.plan.value, before->info.customer, 0);
  AuditRepository::record(tx, actor, now, "contact_info", iid,
                          {{"customer", std::to_string(before->info.customer), std::nullopt}});
  return Ok{};
}

Result<ContactInfoRow> ContactInfoRepository::find(Tx& tx, Id<ContactInfo> id) {
  long long iid = id.value;
  soci::rowset<ContactInfoRow> rs =
      (tx.sql().prepare << info_select() + "WHERE ci.id = :id", soci::use(iid));
  for (const auto& r : rs) return r;
  return Error::not_found("contact_info.not_found");
}

std::optional<ContactInfoRow> ContactInfoRepository::find_for(Tx& tx, Id<domain::ContactPlan> plan,
                                                              std::int64_t customer) {
  long long pid = plan.value, cid = customer;
  soci::rowset<ContactInfoRow> rs =
      (tx.sql().prepare << info_select() + "WHERE ci.plan_id = :p AND ci.customer_id = :c",
       soci::use(pid), soci::use(cid));
  for (const auto& r : rs) return r;
  return std::nullopt;
}

std::vector<ContactInfoRow> ContactInfoRepository::of_plan(Tx& tx, Id<domain::ContactPlan> plan) {
  long long pid = plan.value;
  soci::rowset<ContactInfoRow> rs =
      (tx.sql().prepare << info_select() +
                               "WHERE ci.plan_id = :p ORDER BY ci.sequence, c.display_name, ci.id",
       soci::use(pid));
  return rows(rs);
}

std::vector<ContactInfoRow> ContactInfoRepository::of_customer(Tx& tx, std::int64_t customer) {
  long long cid = customer;
  std::vector<ContactInfoRow> out;
  ContactInfoRow r;
  auto st = tx.cached(info_select() + "WHERE ci.customer_id = :c ORDER BY p.code");
  for (bool more = st.run(soci::use(cid), soci::into(r)); more; more = st.next()) out.push_back(r);
  return out;
}

std::vector<ContactInfoRow> ContactInfoRepository::chunk(Tx& tx, Id<domain::ContactPlan> plan,
                                                         const std::vector<std::int64_t>& customers,
                                                         const std::vector<std::string>& categories,
                                                         std::int64_t after_customer, int limit,
                                                         std::int64_t upto_customer) {
  long long pid = plan.value, after = after_customer;
  std::string sql = info_select() + "WHERE ci.plan_id = :p AND ci.customer_id > :a" +
                    (upto_customer > 0 ? " AND ci.customer_id <= " + std::to_string(upto_customer)
                                       : std::string()) +
                    selection_sql(customers, categories) + " ORDER BY ci.customer_id LIMIT " +
                    std::to_string(limit);
  soci::statement st(tx.sql());
  ContactInfoRow r;
  st.exchange(soci::into(r));
  st.exchange(soci::use(pid));
  st.exchange(soci::use(after));
  for (const auto& cat : categories) {
    st.exchange(soci::use(cat));
    st.exchange(soci::use(cat));
  }
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  std::vector<ContactInfoRow> out;
  st.execute();
  while (st.fetch()) out.push_back(r);
  return out;
}

std::vector<std::int64_t> ContactInfoRepository::boundaries(
    Tx& tx, Id<domain::ContactPlan> plan, const std::vector<std::int64_t>& customers,
    const std::vector<std::string>& categories, std::int64_t every) {
  long long pid = plan.value, id = 0;
  std::string sql =
      "SELECT cid FROM (SELECT ci.customer_id AS cid, ROW_NUMBER() OVER (ORDER BY "
      "ci.customer_id) AS n FROM contact_infos ci JOIN customers c ON c.id = ci.customer_id "
      "WHERE ci.plan_id = :p" +
      selection_sql(customers, categories) + ") numbered WHERE n % " +
      std::to_string(std::max<std::int64_t>(1, every)) + " = 0 ORDER BY cid";
  soci::statement st(tx.sql());
  st.exchange(soci::into(id));
  prepare_selection(st, pid, categories, sql);
  std::vector<std::int64_t> out;
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

long long ContactInfoRepository::count(Tx& tx, Id<domain::ContactPlan> plan,
                                       const std::vector<std::int64_t>& customers,
                                       const std::vector<std::string>& categories) {
  long long pid = plan.value, n = 0;
  std::string sql =
      "SELECT COUNT(*) FROM contact_infos ci JOIN customers c ON c.id = ci.customer_id WHERE "
      "ci.plan_id = :p" +
      selection_sql(customers, categories);
  soci::statement st(tx.sql());
  st.exchange(soci::into(n));
  prepare_selection(st, pid, categories, sql);
  st.execute(true);
  return n;
}

}  // namespace rapport::store
