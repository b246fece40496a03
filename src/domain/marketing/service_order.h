// domain/marketing/service_order.h: the service order of seed 000
// (campaigns-and-orders.md, "Service order"): a prospect signed up for a
// campaign's package; completing it creates the customer's records.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/language.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/marketing/campaign.h"
#include "domain/marketing/eligibility.h"
#include "domain/marketing/question.h"

namespace rapport::domain {

struct ServiceOrder;

enum class OrderStatus { pending, held, canceled, complete };
BOOST_DESCRIBE_ENUM(OrderStatus, pending, held, canceled, complete)
std::string_view to_code(OrderStatus s);  // "pending", "held", "canceled", "complete"
std::optional<OrderStatus> order_status_from(std::string_view code);
bool is_final(OrderStatus s);  // canceled, complete

enum class PartyChoice { create_new, use_existing, none };
BOOST_DESCRIBE_ENUM(PartyChoice, create_new, use_existing, none)
std::string_view to_code(PartyChoice p);  // "create_new", "use_existing", "none"
std::optional<PartyChoice> party_choice_from(std::string_view code);

// Who the order is for, as recorded on the call.
struct Prospect {
  CustomerKind kind = CustomerKind::person;
  std::string family_name;
  std::string given_name;
  std::string company_name;
  std::string phone_e164;
  std::string email;
  std::string identifier;  // tax or national identifier
  std::optional<CivilDate> date_of_birth;
  Language language = Language::en;
  std::string customer_class = "residential";
  PostalAddress address;  // mailing address
  bool operator==(const Prospect&) const = default;
};

// What completing the order created, for the links on the completed order.
struct CreatedRecords {
  std::optional<std::int64_t> customer;  // when the person was created by the order
  std::optional<std::int64_t> account;
  std::optional<std::int64_t> premise;
  std::vector<std::int64_t> service_points;
  std::vector<std::int64_t> agreements;
  bool operator==(const CreatedRecords&) const = default;
};

struct ServiceOrder {
  Id<ServiceOrder> id;
  std::string number;  // "SO-000001", shown to the CSR
  OrderStatus status = OrderStatus::pending;
  Id<Campaign> campaign;
  std::optional<Id<Package>> package;
  Prospect prospect;
  PartyChoice person = PartyChoice::create_new;
  std::optional<std::int64_t> customer;  // set once the person exists (created on first save)
  PartyChoice account = PartyChoice::create_new;
  std::optional<std::int64_t> existing_account;
  PartyChoice premise = PartyChoice::create_new;
  std::optional<std::int64_t> existing_premise;
  PostalAddress premise_address;  // for a new premise; empty line1: the prospect's address
  std::string premise_type = "house";
  std::vector<Answer> answers;
  std::vector<Answer> set_aside;  // answers of a previous campaign, kept until saved
  std::string hold_reason;
  std::optional<CivilDate> remind_on;
  std::string cancel_reason;
  CreatedRecords created;
  std::optional<std::int64_t> assigned_user;  // whose to-do list a held order goes to
  Instant created_at{};
  std::optional<Instant> completed_at;
  Version version = 0;
};

// Hold and cancel reasons (codes with catalog labels "order.hold_reason.<code>"
// and "order.cancel_reason.<code>").
const std::vector<std::string>&
hold_reasons();  // customer_to_call_back, documents_needed, credit_check, other
const std::vector<std::string>&
cancel_reasons();  // not_interested, price, competitor, not_eligible, duplicate, other

// Transitions. Errors: "order.final" (canceled or complete cannot change),
// "order.hold_reason_required", "order.remind_date_required",
// "order.remind_date_past" (before `today`), "order.cancel_reason_required",
// "order.not_held".
Status hold(ServiceOrder& o, std::string reason, std::optional<CivilDate> remind_on,
            CivilDate today);
Status release(ServiceOrder& o);
Status cancel(ServiceOrder& o, std::string reason);

// Every fault of the parties against the campaign's usage and the
// territory: a person to create needs a family (or company) name
// ("field.required" prospect.family_name), an existing person needs the
// customer; an account or premise that is not allowed must be none
// ("order.account_not_allowed", "order.premise_not_allowed"), a required
// one cannot be none ("order.account_required", "order.premise_required"),
// one that may not be created must be existing ("order.account_create_not_allowed",
// "order.premise_create_not_allowed"); with a predefined territory a new
// premise is refused ("territory.premise_required").
FieldErrors validate_parties(const ServiceOrder& o, const Campaign& c, bool territory_predefined);

// The data the eligibility engine reads from an order: answers, the order
// fields (from the prospect and the premise address), age on `today`, and
// the counts of the person's existing accounts and agreements.
struct ExistingCounts {
  int accounts = 0;
  int agreements = 0;
};
Facts facts_of(const ServiceOrder& o, CivilDate today, ExistingCounts existing);

// The start date of an agreement completed on `today`.
CivilDate start_date(StartOption option, CivilDate today);

// The status an agreement created by completion starts in: a proposal when
// the package says so; otherwise active when it starts on the day of
// completion, pending start when it starts later (the first of next month).
ServiceAgreementStatus initial_status(const AgreementToCreate& row, CivilDate start,
                                      CivilDate today);

}  // namespace rapport::domain
