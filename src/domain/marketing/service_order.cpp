#include "domain/marketing/service_order.h"

#include <algorithm>

#include "domain/customers/codes.h"
#include "domain/customers/search_query.h"

namespace rapport::domain {
namespace {

bool listed(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The usage rules shared by the account and the premise; `existing` is the
// record chosen when the order uses an existing one.
void validate_party(FieldErrors& e, PartyChoice choice, bool has_existing, const PartyUsage& u,
                    const std::string& party, const char* not_allowed, const char* required,
                    const char* create_not_allowed) {
  if (u.usage == Usage::not_allowed && choice != PartyChoice::none)
    e.add(Error::invalid(not_allowed, party));
  else if (u.usage == Usage::required && choice == PartyChoice::none)
    e.add(Error::invalid(required, party));
  else if (u.usage != Usage::not_allowed && !u.may_create && choice == PartyChoice::create_new)
    e.add(Error::invalid(create_not_allowed, party));
  if (choice == PartyChoice::use_existing && !has_existing)
    e.add(Error::invalid("field.required", "existing_" + party));
}

void set_text(Facts& f, const char* name, std::string text) {
  FieldRef field{FieldSource::order, name};
  if (text.empty())
    f.clear(field);  // empty: insufficient data, not a value
  else
    f.set(field, Value::of_text(std::move(text)));
}

// Whole years from the date of birth to `today`; a birthday on 29 February
// comes on 1 March in other years.
std::optional<int> age_on(const std::optional<CivilDate>& born, CivilDate today) {
  if (!born || !born->ok() || !today.ok()) return std::nullopt;
  int years = static_cast<int>(today.year()) - static_cast<int>(born->year());
  if (std::pair{unsigned(today.month()), unsigned(today.day())} <
      std::pair{unsigned(born->month()), unsigned(born->day())})
    --years;
  if (years < 0) return std::nullopt;
  return years;
}

}  // namespace

std::string_view to_code(OrderStatus s) { return enum_code(s); }

std::optional<OrderStatus> order_status_from(std::string_view code) {
  return enum_from_code<OrderStatus>(code);
}

bool is_final(OrderStatus s) { return s == OrderStatus::canceled || s == OrderStatus::complete; }

std::string_view to_code(PartyChoice p) { return enum_code(p); }

std::optional<PartyChoice> party_choice_from(std::string_view code) {
  return enum_from_code<PartyChoice>(code);
}

const std::vector<std::string>& hold_reasons() {
  static const std::vector<std::string> reasons = {"customer_to_call_back", "documents_needed",
                                                   "credit_check", "other"};
  return reasons;
}

const std::vector<std::string>& cancel_reasons() {
  static const std::vector<std::string> reasons = {"not_interested", "price",     "competitor",
                                                   "not_eligible",   "duplicate", "other"};
  return reasons;
}

Status hold(ServiceOrder& o, std::string reason, std::optional<CivilDate> remind_on,
            CivilDate today) {
  if (is_final(o.status)) return Error::invalid("order.final", "status");
  // A reason outside the list is one the CSR did not choose.
  if (!listed(hold_reasons(), reason))
    return Error::invalid("order.hold_reason_required", "hold_reason");
  if (!remind_on || !remind_on->ok())
    return Error::invalid("order.remind_date_required", "remind_on");
  if (*remind_on < today) return Error::invalid("order.remind_date_past", "remind_on");
  o.status = OrderStatus::held;
  o.hold_reason = std::move(reason);
  o.remind_on = remind_on;
  return Ok{};
}

Status release(ServiceOrder& o) {
  if (is_final(o.status)) return Error::invalid("order.final", "status");
  if (o.status != OrderStatus::held) return Error::invalid("order.not_held", "status");
  o.status = OrderStatus::pending;
  o.hold_reason.clear();
  o.remind_on.reset();  // off the to-do list
  return Ok{};
}

Status cancel(ServiceOrder& o, std::string reason) {
  if (is_final(o.status)) return Error::invalid("order.final", "status");
  if (!listed(cancel_reasons(), reason))
    return Error::invalid("order.cancel_reason_required", "cancel_reason");
  o.status = OrderStatus::canceled;
  o.cancel_reason = std::move(reason);
  o.remind_on.reset();
  return Ok{};
}

FieldErrors validate_parties(const ServiceOrder& o, const Campaign& c, bool territory_predefined) {
  FieldErrors e;
  if (o.person == PartyChoice::create_new) {
    const bool company = o.prospect.kind == CustomerKind::company;
    if ((company ? o.prospect.company_name : o.prospect.family_name).empty())
      e.add(Error::invalid("field.required",
                           company ? "prospect.company_name" : "prospect.family_name"));
  } else if (o.person == PartyChoice::use_existing && !o.customer) {
    e.add(Error::invalid("field.required", "customer"));
  }
  validate_party(e, o.account, o.existing_account.has_value(), c.account, "account",
                 "order.account_not_allowed", "order.account_required",
                 "order.account_create_not_allowed");
  // With a predefined territory every premise exists already: that refusal
  // says more than the campaign's "may not be created", so it replaces it.
  if (territory_predefined && o.premise == PartyChoice::create_new &&
      c.premise.usage != Usage::not_allowed)
    e.add(Error::invalid("territory.premise_required", "premise"));
  else
    validate_party(e, o.premise, o.existing_premise.has_value(), c.premise, "premise",
                   "order.premise_not_allowed", "order.premise_required",
                   "order.premise_create_not_allowed");
  return e;
}

Facts facts_of(const ServiceOrder& o, CivilDate today, ExistingCounts existing) {
  Facts f;
  f.set_answers(o.answers);
  const Prospect& p = o.prospect;
  set_text(f, "customer_kind", std::string(to_code(p.kind)));
  set_text(f, "customer_class", p.customer_class);
  set_text(f, "language", std::string(code(p.language)));
  const PostalAddress& at = o.premise_address.line1.empty() ? p.address : o.premise_address;
  set_text(f, "postal_code", postal_key(at.postal_code));
  set_text(f, "city", at.city);
  set_text(f, "region", at.region);
  set_text(f, "country", at.country);
  set_text(f, "premise_type", o.premise_type);
  if (auto age = age_on(p.date_of_birth, today))
    f.set({FieldSource::computed, "age"}, Value::of_number(*age));
  f.set({FieldSource::computed, "existing_accounts"}, Value::of_number(existing.accounts));
  f.set({FieldSource::computed, "existing_agreements"}, Value::of_number(existing.agreements));
  return f;
}

CivilDate start_date(StartOption option, CivilDate today) {
  if (option == StartOption::on_completion) return today;
  const date::year_month next = date::year_month{today.year(), today.month()} + date::months{1};
  return next / date::day{1};
}

ServiceAgreementStatus initial_status(const AgreementToCreate& row, CivilDate start,
                                      CivilDate today) {
  if (row.proposal) return ServiceAgreementStatus::proposal;
  return start <= today ? ServiceAgreementStatus::active : ServiceAgreementStatus::pending_start;
}

}  // namespace rapport::domain
