#include "store/contactplan/contact_plan_repository.h"

#include <soci/soci.h>

#include "store/contactplan/contact_plan_row.h"
#include "store/named_columns.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::ContactPlan;
using domain::PlanException;

// What the reads select: the written columns, the id and the version.
std::string plan_select() {
  return "SELECT id, " + column_list(kContactPlanColumns) + ", version FROM contact_plans";
}

std::string rule_text(const std::optional<domain::RecalculationRule>& r) {
  return r ? std::to_string(r->delay_minutes) + " min / " + std::to_string(r->max_attempts) : "";
}

}  // namespace

Result<Id<ContactPlan>> ContactPlanRepository::insert(Tx& tx, const ContactPlan& p,
                                                      const Actor& actor, Instant now) {
  if (find_by_code(tx, p.code))
    return Error{ErrorCode::conflict, "contact_plan.code_taken", {{"code", p.code}}, "code", {}};
  std::string when = format_instant(now);
  long long by = actor.user ? actor.user->value : 0, id = 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO contact_plans (" + column_list(kContactPlanColumns) +
                  ", version, updated_at, updated_by) VALUES (" +
                  placeholder_list(kContactPlanColumns) +
                  ", 1, :updated_at, :updated_by) RETURNING id",
      soci::use(p), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"),
      soci::into(id);
  AuditRepository::record(
      tx, actor, now, "contact_plan", id,
      {{"code", std::nullopt, p.code}, {"weekdays", std::nullopt, p.weekdays.to_iso_list()}});
  return Id<ContactPlan>{id};
}

Result<Version> ContactPlanRepository::update(Tx& tx, const ContactPlan& p, const Actor& actor,
                                              Instant now) {
  auto before = find(tx, p.id);
  if (!before) return before.error();
  if (auto other = find_by_code(tx, p.code); other && other->id != p.id)
    return Error{ErrorCode::conflict, "contact_plan.code_taken", {{"code", p.code}}, "code", {}};
  std::string when = format_instant(now);
  long long by = actor.user ? actor.user->value : 0, id = p.id.value;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  soci::statement st =
      (tx.sql().prepare << "UPDATE contact_plans SET " + assignment_list(kContactPlanColumns) +
                               ", version = version + 1, updated_at = "
                               ":updated_at, updated_by = :updated_by WHERE id = "
                               ":id AND version = :version",
       soci::use(p), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "contact_plans", id);
  const ContactPlan& o = *before;
  std::vector<FieldChange> changes;
  note_change(changes, "code", o.code, p.code);
  note_change(changes, "name_en", o.name_en, p.name_en);
  note_change(changes, "name_fr", o.name_fr, p.name_fr);
  note_change(changes, "purpose", std::string(domain::to_code(o.purpose)),
              std::string(domain::to_code(p.purpose)));
  note_change(changes, "weekdays", o.weekdays.to_iso_list(), p.weekdays.to_iso_list());
  note_change(changes, "every_weeks", std::to_string(o.every_weeks), std::to_string(p.every_weeks));
  note_change(changes, "valid_from", format_date(o.valid_from), format_date(p.valid_from));
  note_change(changes, "valid_to", o.valid_to ? format_date(*o.valid_to) : "",
              p.valid_to ? format_date(*p.valid_to) : "");
  note_change(changes, "departure", o.departure, p.departure);
  note_change(changes, "lead_days", std::to_string(o.lead_days), std::to_string(p.lead_days));
  note_change(changes, "responsible_user",
              o.responsible_user ? std::to_string(*o.responsible_user) : "",
              p.responsible_user ? std::to_string(*p.responsible_user) : "");
  note_change(changes, "default_status", std::to_string(domain::to_number(o.default_status)),
              std::to_string(domain::to_number(p.default_status)));
  note_change(changes, "active", o.active ? "1" : "0", p.active ? "1" : "0");
  note_change(changes, "unavailable", rule_text(o.unavailable), rule_text(p.unavailable));
  note_change(changes, "busy", rule_text(o.busy), rule_text(p.busy));
  note_change(changes, "call_back", rule_text(o.call_back), rule_text(p.call_back));
  AuditRepository::record(tx, actor, now, "contact_plan", id, changes);
  return p.version + 1;
}

Result<ContactPlan> ContactPlanRepository::find(Tx& tx, Id<ContactPlan> id) {
  long long pid = id.value;
  soci::rowset<ContactPlan> rs =
      (tx.sql().prepare << plan_select() + " WHERE id = :id", soci::use(pid));
  for (const auto& p : rs) return p;
  return Error::not_found("contact_plan.not_found");
}

std::optional<ContactPlan> ContactPlanRepository::find_by_code(Tx& tx, const std::string& code) {
  soci::rowset<ContactPlan> rs =
      (tx.sql().prepare << plan_select() + " WHERE code = :c", soci::use(code));
  for (const auto& p : rs) return p;
  return std::nullopt;
}

std::vector<ContactPlan> ContactPlanRepository::list(Tx& tx, bool active_only) {
  std::vector<ContactPlan> out;
  ContactPlan p;
  // Kept prepared: the 360° view lists the plans a customer may join.
  auto st = tx.cached(plan_select() + (active_only ? " WHERE active = 1" : "") + " ORDER BY code");
  for (bool more = st.run(soci::into(p)); more; more = st.next()) out.push_back(p);
  return out;
}

std::vector<ContactPlan> ContactPlanRepository::with_ids(Tx& tx,
                                                         const std::vector<std::int64_t>& ids) {
  std::vector<ContactPlan> out;
  for (auto id : ids)
    if (auto p = find(tx, Id<ContactPlan>{id})) out.push_back(std::move(*p));
  return out;
}

Id<PlanException> ContactPlanRepository::add_exception(Tx& tx, const PlanException& e,
                                                       const Actor& actor, Instant now) {
  std::string from = format_date(e.from), to = format_date(e.to), kind(domain::to_code(e.kind)),
              moved = e.moved_to ? format_date(*e.moved_to) : "", when = format_instant(now);
  soci::indicator moved_ind = e.moved_to ? soci::i_ok : soci::i_null;
  long long plan = e.plan.value, by = actor.user ? actor.user->value : 0, id = 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO plan_exceptions (plan_id, date_from, date_to, kind, moved_to, reason, "
              "created_at, created_by) VALUES (:p, :f, :t, :k, :m, :r, :at, :by) RETURNING id",
      soci::use(plan), soci::use(from), soci::use(to), soci::use(kind), soci::use(moved, moved_ind),
      soci::use(e.reason), soci::use(when), soci::use(by, by_ind), soci::into(id);
  std::string what =
      kind + " " + from + (to != from ? " – " + to : "") + (e.moved_to ? " → " + moved : "");
  AuditRepository::record(tx, actor, now, "contact_plan", plan,
                          {{"exception", std::nullopt, what}});
  return Id<PlanException>{id};
}

Status ContactPlanRepository::remove_exception(Tx& tx, Id<ContactPlan> plan, Id<PlanException> id,
                                               const Actor& actor, Instant now) {
  for (const auto& e : exceptions(tx, plan)) {
    if (e.id != id) continue;
    long long eid = id.value;
    tx.sql() << "DELETE FROM plan_exceptions WHERE id = :id", soci::use(eid);
    std::string what = std::string(domain::to_code(e.kind)) + " " + format_date(e.from) +
                       (e.to != e.from ? " – " + format_date(e.to) : "");
    AuditRepository::record(tx, actor, now, "contact_plan", plan.value,
                            {{"exception", what, std::nullopt}});
    return Ok{};
  }
  return Error::not_found("contact_plan.exception_not_found");
}

std::vector<PlanException> ContactPlanRepository::exceptions(Tx& tx, Id<ContactPlan> plan) {
  std::vector<PlanException> out;
  long long pid = plan.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id, date_from, date_to, kind, moved_to, reason FROM "
                           "plan_exceptions WHERE plan_id = :p ORDER BY date_from, id",
       soci::use(pid));
  for (const auto& r : rs) {
    PlanException e;
    e.id = Id<PlanException>{int64_at(r, 0)};
    e.plan = plan;
    e.from = parse_date(text_at(r, 1)).value_or(CivilDate{});
    e.to = parse_date(text_at(r, 2)).value_or(e.from);
    e.kind = domain::exception_kind_from(text_at(r, 3)).value_or(domain::ExceptionKind::no_contact);
    if (auto m = optional_text_at(r, 4)) e.moved_to = parse_date(*m);
    e.reason = text_at(r, 5);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rapport::store
