// app/customers/customer_desk.h: Control Central — find the caller, see everything
// about them, add a customer, edit, record what happened on the call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/customers/possible_duplicates.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/customers/history.h"
#include "domain/customers/search_prefill.h"
#include "domain/customers/search_query.h"
#include "domain/sales/sales_order.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/customers/premise_repository.h"
#include "store/database.h"
#include "store/sales/asset_repository.h"

namespace rapport::app {

constexpr int kSearchPageSize = 20;
constexpr int kMaxSearchPageSize = 100;
constexpr std::size_t kMaxInteractionSummary = 4000;
constexpr std::size_t kMaxStatusReason = 500;  // why a customer was made inactive
constexpr std::size_t kMaxInteractionOutcome = 200;

struct TypedPhone {
  domain::PhoneType type = domain::PhoneType::mobile;
  std::string text;  // as typed: "06 12 34 56 78", "+1 416 555 0100"
};

struct SearchResult {
  domain::Customer customer;
  std::string matched;  // phone, email, account, id, postal_code, name, city
  std::vector<std::string> account_numbers;
};

struct SearchResults {
  std::vector<SearchResult> results;
  int page = 1;
  bool more = false;
};

// Everything about one customer (the 360° view).
struct CustomerView {
  domain::Customer customer;
  std::vector<domain::Contact> contacts;  // persons at a company
  std::vector<domain::Account> accounts;
  std::vector<store::PremiseWithPoints> premises;
  std::vector<domain::ServiceAgreement> agreements;
  std::vector<domain::SalesOrder> sales_orders;   // newest first, with their lines
  std::vector<store::AssetRow> assets;            // newest first
  std::vector<domain::Interaction> interactions;  // newest first
  // The same as a person reads them: an order's steps are one line.
  std::vector<domain::HistoryLine> history;
  // An inactive customer: why, when and by whom (the last status change).
  std::optional<store::AuditRow> inactive_because;
};

// One form, one transaction: the customer, an account, and where service
// is delivered. With a predefined territory the premise (and service point)
// are chosen among existing ones, never created.
struct NewCustomer {
  domain::Customer customer;         // phones come from typed_phones; language from `language`
  std::optional<Language> language;  // none: the installation's default language
  std::vector<TypedPhone> typed_phones;
  std::string currency;  // empty: the installation's
  bool premise_at_customer_address = true;
  domain::PostalAddress premise_address;  // when not at the customer's address
  std::string premise_type = "house";
  std::optional<Id<domain::Premise>> existing_premise;
  // The same by business number ("P1000017", as the page's picker sends
  // it); one that names no premise is "premise.number_unknown" on "premise".
  std::string existing_premise_number = {};
  std::string service_point_type;  // empty: no service point
  std::optional<Id<domain::ServicePoint>> existing_service_point;
  bool save_despite_duplicates = false;
};

struct AddOutcome {
  // Set when saved; empty when possible duplicates were found first.
  std::optional<CustomerView> created;
  std::vector<DuplicateCandidate> duplicates;
};

class CustomerDesk {
 public:
  CustomerDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Errors: forbidden; invalid_input ("search.too_long", "phone.invalid",
  // "page.limit_invalid").
  Result<SearchResults> search(const domain::User& actor, const domain::SearchInput& input,
                               int page = 1, int page_size = kSearchPageSize);
  // Errors: forbidden, not_found.
  Result<CustomerView> view(const domain::User& actor, Id<domain::Customer> id);
  // A new customer's starting values, for every face: the installation's
  // default language and country, and what the caller typed in Control
  // Central's search (domain::split_search_text), the name split into
  // given and family names (domain::split_person_name).
  NewCustomer draft(const domain::SearchPrefill& typed);
  // Validates, looks for possible duplicates (unless told to save anyway),
  // then creates customer, account, premise and service point in one
  // transaction. Errors: forbidden; invalid_input (all fields in `errors`;
  // "territory.premise_required" when the territory is predefined and no
  // existing premise is chosen).
  Result<AddOutcome> add(const domain::User& actor, NewCustomer request,
                         FieldErrors* errors = nullptr);
  // Saves an edit made at customer.version (staff who edit customers, or a
  // portal user on their own customer: another's is not_found). Errors:
  // forbidden, not_found, invalid_input, conflict ("record.stale").
  Result<domain::Customer> update(const domain::User& actor, domain::Customer customer,
                                  const std::vector<TypedPhone>& phones,
                                  FieldErrors* errors = nullptr);
  // Makes a customer inactive or active again (customers with orders,
  // assets or agreements are never deleted), with the reason kept in the
  // audit trail: required to make inactive, 1–500 characters. Errors as
  // update(), and invalid_input ("customer.inactive_reason_required",
  // "field.too_long", field "reason").
  Result<domain::Customer> set_active(const domain::User& actor, Id<domain::Customer> id,
                                      Version version, bool active, const std::string& reason = {});
  // Logs a call, note, e-mail, letter or fax (the web channel is the
  // portal's). Errors: forbidden, not_found, invalid_input
  // ("interaction.channel_web", "interaction.summary_required", "interaction.summary_long",
  // "field.too_long" for the outcome).
  Result<domain::Interaction> record_interaction(const domain::User& actor,
                                                 domain::Interaction interaction);
  // Adds a person at a company customer. Errors: forbidden, not_found,
  // invalid_input ("field.required" family_name, "phone.invalid",
  // "field.email_invalid").
  Result<domain::Contact> add_contact(const domain::User& actor, domain::Contact contact,
                                      const std::string& typed_phone);
  // Corrects a person at a company customer: names, role, phone (as
  // typed) and e-mail, version-checked (contact.version as read) and
  // audited. A portal user corrects only the contact they were invited for
  // (another contact answers not_found), and the change is logged on the
  // customer as a web interaction ("contact_corrected"). Errors: forbidden,
  // not_found, invalid_input (as add_contact), conflict ("record.stale").
  Result<domain::Contact> update_contact(const domain::User& actor, domain::Contact contact,
                                         const std::string& typed_phone);
  // Existing premises for a predefined territory: every word of `text` is
  // in the address or the postal code ("69003", "lilas 69003", "12 rue des
  // lilas", "h2x 1y4"); `postal_code`, when given, must match too. Errors:
  // forbidden; invalid_input ("search.too_long").
  Result<std::vector<store::PremiseWithPoints>> find_premises(const domain::User& actor,
                                                              const std::string& text,
                                                              const std::string& postal_code);
  // One premise with its service points. Errors: forbidden, not_found.
  Result<store::PremiseWithPoints> premise(const domain::User& actor, Id<domain::Premise> id);
  // The premise of business number `number` (as typed: case and spaces aside).
  Result<store::PremiseWithPoints> premise_by_number(const domain::User& actor,
                                                     std::string_view number);

 private:
  Result<std::vector<domain::PhoneEntry>> parse_phones(const std::vector<TypedPhone>& typed,
                                                       const std::string& region,
                                                       FieldErrors& errors);
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
