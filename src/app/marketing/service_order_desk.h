// app/marketing/service_order_desk.h: the service order transaction of seed 000
// (campaigns-and-orders.md): opened from Control Central for a caller who
// was not found, answered, checked for eligibility, switched to an
// alternate campaign, held, canceled or completed — which creates the
// customer's account, premise, service points and service agreements in
// one transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/customers/possible_duplicates.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "domain/marketing/campaign.h"
#include "domain/marketing/service_order.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/marketing/service_order_repository.h"

namespace rapport::app {

// What Control Central knew when Add order was pressed.
struct OrderPrefill {
  std::string name;   // "Dupré Hélène", "Hélène Dupré" or a company name
  std::string phone;  // as typed
  std::string email;
  std::string postal_code;
  std::string address;                   // street line as typed
  std::optional<std::int64_t> campaign;  // none: the installation's default
  // An order for this existing customer (the 360° view's New order): the
  // person is used, not created; a lone account or premise is picked too.
  std::optional<std::int64_t> customer;
  // The token of the form being shown again (the page's address keeps it,
  // so Back shows the same form): kept when still unused.
  std::string form_token;
};

// What an order list is narrowed to, beyond the stored filter.
struct OrderListScope {
  bool due = false;   // held, and the remind date has come
  bool mine = false;  // assigned to the actor
};

// A new order as the page opens it (not saved yet).
struct OrderDraft {
  domain::ServiceOrder order;
  domain::Campaign campaign;
  // The territory is predefined: the page points to Add customer instead.
  bool territory_predefined = false;
  bool no_default_campaign = false;  // the installation names none; the CSR picks one
  // The form's one-time token: its first save reserves it, so the same form
  // sent again (Back and Save, a double click) never creates a second order.
  std::string form_token;
  // The prefill's form was saved already, as this order (by the actor): the
  // rest of the draft is not filled.
  std::optional<Id<domain::ServiceOrder>> saved_as;
};

// A save from the order page or the API: the order's fields at `version`
// (0 for the first save) and the answers as typed by question code (an
// empty text removes the answer).
struct OrderInput {
  domain::ServiceOrder order;
  std::string typed_phone;  // the prospect's phone as typed (parsed to E.164)
  std::map<std::string, std::string> answers;
  // The token of the form the first save came from (OrderDraft::form_token);
  // empty: none (the API, whose clients send an Idempotency-Key instead).
  std::string form_token;
  // Create the new prospect even though possible duplicates were shown.
  bool despite_duplicates = false;
  // The existing account and premise as a person names them: by business
  // number ("A1000302", "P1000017"; case and spaces aside), in place of
  // order.existing_account / existing_premise (the ids the API takes). The
  // account is one of the order's customer's; the premise any (completing
  // the order links it to the customer). Else "order.account_number_unknown"
  // on "existing_account", "premise.number_unknown" on "existing_premise".
  std::string existing_account_number = {};
  std::string existing_premise_number = {};
};

// A question with its answer, for the page.
struct AnsweredQuestion {
  domain::Question question;
  const domain::Answer* answer = nullptr;  // into OrderView::order.answers
};

// Everything the order page shows.
struct OrderView {
  domain::ServiceOrder order;
  domain::Campaign campaign;
  std::optional<domain::Package> package;
  std::vector<domain::Question> questions;  // effective (campaign + package)
  std::vector<store::OrderEvent> events;
  std::string customer_name;    // when the person exists
  std::string account_number;   // created or used
  std::string premise_address;  // one line
  bool territory_predefined = false;
};

// Show eligibility.
struct PackageNode {
  domain::Package package;
  domain::Verdict verdict;
  std::vector<domain::Question> missing_questions;  // answer fields among verdict.missing
};
struct CampaignNode {
  domain::Campaign campaign;
  domain::Verdict campaign_verdict;   // the campaign's own rules on this order
  std::vector<PackageNode> packages;  // active, by display order
  int eligible_count = 0;
};
struct EligibilityTree {
  domain::Facts facts;  // the order's data as judged, so a reason can quote it
  CampaignNode order_campaign;
  std::vector<CampaignNode> alternates;  // other offered campaigns the prospect is eligible for
};

struct CompletionOutcome {
  domain::ServiceOrder order;  // complete, with order.created filled
};

class ServiceOrderDesk {
 public:
  ServiceOrderDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // CSRs, managers and admins. A new form token, or the prefill's while it
  // is unused (saved_as when the actor's save used it). The campaign is the
  // prefill's, else the installation's default. The name is split into family / given name
  // (a comma or the last word as family name) and the address into line1
  // and postal code. Errors: forbidden; not_found (campaign).
  Result<OrderDraft> start(const domain::User& actor, const OrderPrefill& prefill);
  // First save (order.id not set): creates the person (when person is
  // create_new) with the campaign's defaults, then the order, logging an
  // interaction on the customer. Before creating the person it looks for
  // possible duplicates as Add customer does (possible_duplicates()); any
  // found are put in `duplicates` and nothing is saved, unless
  // despite_duplicates. A first save whose form_token was used already is
  // a replay of that form: it saves the order the token made, at the
  // version that first save left. Later saves: at order.version, answers
  // re-parsed, set-aside answers dropped. Refused on final orders.
  // Errors: forbidden; invalid_input (every field in `errors`: prospect
  // names, phone, answers by "answer.<code>", parties;
  // "order.form_token_invalid"); conflict (stale;
  // "order.possible_duplicates"; "order.form_already_saved" {number, order}
  // when the order the form made has changed since).
  Result<domain::ServiceOrder> save(const domain::User& actor, OrderInput input,
                                    FieldErrors* errors = nullptr,
                                    std::vector<DuplicateCandidate>* duplicates = nullptr);
  // One answer (API and the page's inline save). Errors as save.
  Result<domain::ServiceOrder> answer(const domain::User& actor, Id<domain::ServiceOrder> id,
                                      Version version, const std::string& question,
                                      const std::string& typed);
  Result<OrderView> view(const domain::User& actor, Id<domain::ServiceOrder> id);
  Result<EligibilityTree> eligibility(const domain::User& actor, Id<domain::ServiceOrder> id);
  // Chooses an eligible package of the order's campaign (none: clears).
  // Errors: invalid_input ("order.package_ineligible", "order.package_needs_data",
  // "package.not_found"); conflict; "order.final".
  Result<domain::ServiceOrder> choose_package(const domain::User& actor,
                                              Id<domain::ServiceOrder> id, Version version,
                                              std::optional<Id<domain::Package>> package);
  // Switches to another offered campaign: answers the new campaign also
  // asks are kept, the others set aside; the package is cleared.
  Result<domain::ServiceOrder> switch_campaign(const domain::User& actor,
                                               Id<domain::ServiceOrder> id, Version version,
                                               Id<domain::Campaign> campaign);
  Result<domain::ServiceOrder> hold(const domain::User& actor, Id<domain::ServiceOrder> id,
                                    Version version, const std::string& reason,
                                    std::optional<CivilDate> remind_on);
  Result<domain::ServiceOrder> release(const domain::User& actor, Id<domain::ServiceOrder> id,
                                       Version version);
  Result<domain::ServiceOrder> cancel(const domain::User& actor, Id<domain::ServiceOrder> id,
                                      Version version, const std::string& reason);
  // One transaction: required answers, the package's eligibility on the
  // data as it now is, the parties and the territory, the agreement types;
  // then account, premise, service points and one agreement per row of the
  // package. On any failure nothing is created. Errors: invalid_input
  // ("order.answer_required" {question}, "order.package_required",
  // "order.package_ineligible" {reason}, "order.package_needs_data",
  // "territory.premise_required", "territory.service_point_missing",
  // "order.account_needed", "order.premise_needed", "agreement.type_unknown",
  // "order.not_pending"); conflict (stale); "order.final".
  Result<CompletionOutcome> complete(const domain::User& actor, Id<domain::ServiceOrder> id,
                                     Version version);
  // Orders by filter (CSRs see every order; the to-do list filters).
  // `scope` narrows it as every face asks: held orders due (remind date
  // today or earlier, in the installation's calendar) and the actor's own.
  Result<std::vector<store::ServiceOrderRow>> list(const domain::User& actor,
                                                   store::ServiceOrderFilter filter,
                                                   const OrderListScope& scope = {});
  // The actor's held orders whose remind date has come (today in `zone`).
  Result<std::vector<store::ServiceOrderRow>> to_do(const domain::User& actor);
  // Forgets the form tokens of forms saved more than 30 days ago.
  Status purge_form_tokens();

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
