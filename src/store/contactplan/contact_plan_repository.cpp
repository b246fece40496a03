#include "store/contactplan/contact_plan_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::ContactPlan;
using domain::PlanException;

constexpr const char* kPlanColumns =
    "id, code, name_en, name_fr, purpose, weekdays, every_weeks, frequency_start, valid_from, "
    "valid_to, departure, lead_days, responsible_user, default_status, active, unavailable_delay, "
    "unavailable_max, busy_delay, busy_max, call_back_delay, call_back_max, version";

std::optional<domain::RecalculationRule> rule_at(const soci::row& r, std::size_t i) {
  auto delay = optional_int64_at(r, i), max = optional_int64_at(r, i + 1);
  if (!delay || !max) return std::nullopt;
  return domain::RecalculationRule{static_cast<int>(*delay), static_cast<int>(*max)};
}

ContactPlan plan_from(const soci::row& r) {
  ContactPlan p;
  p.id = Id<ContactPlan>{int64_at(r, 0)};
  p.code = text_at(r, 1);
  p.name_en = text_at(r, 2);
  p.name_fr = text_at(r, 3);
  p.purpose = domain::plan_purpose_from(text_at(r, 4)).value_or(domain::PlanPurpose::other_contact);
  p.weekdays = domain::Weekdays(static_cast<std::uint8_t>(int_at(r, 5)));
  p.every_weeks = int_at(r, 6);
  if (auto s = optional_text_at(r, 7)) p.frequency_start = parse_date(*s);
  p.valid_from = parse_date(text_at(r, 8)).value_or(CivilDate{});
  if (auto s = optional_text_at(r, 9)) p.valid_to = parse_date(*s);
  p.departure = text_at(r, 10);
  p.lead_days = int_at(r, 11);
  p.responsible_user = optional_int64_at(r, 12);
  p.default_status =
      domain::contact_status_from(int_at(r, 13)).value_or(domain::ContactStatus::completed);
  p.active = int_at(r, 14) != 0;
  p.unavailable = rule_at(r, 15);
  p.busy = rule_at(r, 17);
  p.call_back = rule_at(r, 19);
  p.version = int64_at(r, 21);
  return p;
}

// The plan's values as bindable columns.
struct Bindable {
  explicit Bindable(const ContactPlan& p)
      : purpose(domain::to_code(p.purpose)),
        weekdays(p.weekdays.mask()),
        frequency_start(p.frequency_start ? format_date(*p.frequency_start) : ""),
        frequency_start_ind(p.frequency_start ? soci::i_ok : soci::i_null),
        valid_from(format_date(p.valid_from)),
        valid_to(p.valid_to ? format_date(*p.valid_to) : ""),
        valid_to_ind(p.valid_to ? soci::i_ok : soci::i_null),
        responsible(p.responsible_user.value_or(0)),
        responsible_ind(p.responsible_user ? soci::i_ok : soci::i_null),
        default_status(domain::to_number(p.default_status)),
        active(p.active ? 1 : 0) {
    set_rule(p.unavailable, 0);
    set_rule(p.busy, 1);
    set_rule(p.call_back, 2);
  }
  void set_rule(const std::optional<domain::RecalculationRule>& rule, int i) {
    delay[i] = rule ? rule->delay_minutes : 0;
    max[i] = rule ? rule->max_attempts : 0;
    rule_ind[i] = rule ? soci::i_ok : soci::i_null;
  }
  std::string purpose;
  int weekdays;
  std::string frequency_start;
  soci::indicator frequency_start_ind;
  std::string valid_from;
  std::string valid_to;
  soci::indicator valid_to_ind;
  long long responsible;
  soci::indicator responsible_ind;
  int default_status;
  int active;
  int delay[3]{};
  int max[3]{};
  soci::indicator rule_ind[3]{};
};

std::string rule_text(const std::optional<domain::RecalculationRule>& r) {
  return r ? std::to_string(r->delay_minutes) + " min / " + std::to_string(r->max_attempts) : "";
}

}  // namespace

Result<Id<ContactPlan>> ContactPlanRepository::insert(Tx& tx, const ContactPlan& p,
                                                      const Actor& actor, Instant now) {
  if (find_by_code(tx, p.code))
    return Error{ErrorCode::conflict, "contact_plan.code_taken", {{"code", p.code}}, "code", {}};
  Bindable b(p);
  std::string when = format_instant(now);
  long long by = actor.user ? actor.user->value : 0, id = 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  tx.sql()
      << "INSERT INTO contact_plans (code, name_en, name_fr, purpose, weekdays, every_weeks, "
         "frequency_start, valid_from, valid_to, departure, lead_days, responsible_user, "
         "default_status, active, unavailable_delay, unavailable_max, busy_delay, busy_max, "
         "call_back_delay, call_back_max, version, updated_at, updated_by) VALUES (:code, "
         ":ne, :nf, :pu, :wd, :ew, :fs, :vf, :vt, :dep, :ld, :ru, :ds, :ac, :ud, :um, :bd, :bm, "
         ":cd, :cm, 1, :ua, :by) RETURNING id",
      soci::use(p.code), soci::use(p.name_en), soci::use(p.name_fr), soci::use(b.purpose),
      soci::use(b.weekdays), soci::use(p.every_weeks),
      soci::use(b.frequency_start, b.frequency_start_ind), soci::use(b.valid_from),
      soci::use(b.valid_to, b.valid_to_ind), soci::use(p.departure), soci::use(p.lead_days),
      soci::use(b.responsible, b.responsible_ind), soci::use(b.default_status), soci::use(b.active),
      soci::use(b.delay[0], b.rule_ind[0]), soci::use(b.max[0], b.rule_ind[0]),
      soci::use(b.delay[1], b.rule_ind[1]), soci::use(b.max[1], b.rule_ind[1]),
      soci::use(b.delay[2], b.rule_ind[2]), soci::use(b.max[2], b.rule_ind[2]), soci::use(when),
      soci::use(by, by_ind), soci::into(id);
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
  Bindable b(p);
  std::string when = format_instant(now);
  long long by = actor.user ? actor.user->value : 0, id = p.id.value, version = p.version;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  soci::statement st =
      (tx.sql().prepare
           << "UPDATE contact_plans SET code = :code, name_en = :ne, name_fr = :nf, purpose = :pu, "
              "weekdays = :wd, every_weeks = :ew, frequency_start = :fs, valid_from = :vf, "
              "valid_to = :vt, departure = :dep, lead_days = :ld, responsible_user = :ru, "
              "default_status = :ds, active = :ac, unavailable_delay = :ud, unavailable_max = :um, "
              "busy_delay = :bd, busy_max = :bm, call_back_delay = :cd, call_back_max = :cm, "
              "version = version + 1, updated_at = :ua, updated_by = :by WHERE id = :id AND "
              "version = :v",
       soci::use(p.code), soci::use(p.name_en), soci::use(p.name_fr), soci::use(b.purpose),
       soci::use(b.weekdays), soci::use(p.every_weeks),
       soci::use(b.frequency_start, b.frequency_start_ind), soci::use(b.valid_from),
       soci::use(b.valid_to, b.valid_to_ind), soci::use(p.departure), soci::use(p.lead_days),
       soci::use(b.responsible, b.responsible_ind), soci::use(b.default_status),
       soci::use(b.active), soci::use(b.delay[0], b.rule_ind[0]),
       soci::use(b.max[0], b.rule_ind[0]), soci::use(b.delay[1], b.rule_ind[1]),
       soci::use(b.max[1], b.rule_ind[1]), soci::use(b.delay[2], b.rule_ind[2]),
       soci::use(b.max[2], b.rule_ind[2]), soci::use(when), soci::use(by, by_ind), soci::use(id),
       soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "contact_plans", id);
  const ContactPlan& o = *before;
  std::vector<FieldChange> changes;
  note_change(changes, "code", o.code, p.code);
  note_change(changes, "name_en", o.name_en, p.name_en);
  note_change(changes, "name_fr", o.name_fr, p.name_fr);
  note_change(changes, "purpose", std::string(domain::to_code(o.purpose)), b.purpose);
  note_change(changes, "weekdays", o.weekdays.to_iso_list(), p.weekdays.to_iso_list());
  note_change(changes, "every_weeks", std::to_string(o.every_weeks), std::to_string(p.every_weeks));
  note_change(changes, "valid_from", format_date(o.valid_from), b.valid_from);
  note_change(changes, "valid_to", o.valid_to ? format_date(*o.valid_to) : "", b.valid_to);
  note_change(changes, "departure", o.departure, p.departure);
  note_change(changes, "lead_days", std::to_string(o.lead_days), std::to_string(p.lead_days));
  note_change(changes, "responsible_user",
              o.responsible_user ? std::to_string(*o.responsible_user) : "",
              p.responsible_user ? std::to_string(*p.responsible_user) : "");
  note_change(changes, "default_status", std::to_string(domain::to_number(o.default_status)),
              std::to_string(b.default_status));
  note_change(changes, "active", o.active ? "1" : "0", p.active ? "1" : "0");
  note_change(changes, "unavailable", rule_text(o.unavailable), rule_text(p.unavailable));
  note_change(changes, "busy", rule_text(o.busy), rule_text(p.busy));
  note_change(changes, "call_back", rule_text(o.call_back), rule_text(p.call_back));
  AuditRepository::record(tx, actor, now, "contact_plan", id, changes);
  return p.version + 1;
}

Result<ContactPlan> ContactPlanRepository::find(Tx& tx, Id<ContactPlan> id) {
  long long pid = id.value;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kPlanColumns +
                                                        " FROM contact_plans WHERE id = :id",
                                soci::use(pid));
  for (const auto& r : rs) return plan_from(r);
  return Error::not_found("contact_plan.not_found");
}

std::optional<ContactPlan> ContactPlanRepository::find_by_code(Tx& tx, const std::string& code) {
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kPlanColumns +
                                                        " FROM contact_plans WHERE code = :c",
                                soci::use(code));
  for (const auto& r : rs) return plan_from(r);
  return std::nullopt;
}

std::vector<ContactPlan> ContactPlanRepository::list(Tx& tx, bool active_only) {
  std::vector<ContactPlan> out;
  soci::rowset<soci::row> rs = tx.sql().prepare
                               << std::string("SELECT ") + kPlanColumns + " FROM contact_plans" +
                                      (active_only ? " WHERE active = 1" : "") + " ORDER BY code";
  for (const auto& r : rs) out.push_back(plan_from(r));
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
