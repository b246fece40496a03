// Completing a service order (campaigns-and-orders.md, "Completion"): the
// checks, then the account, premise, service points and agreements the
// package says, in the caller's one transaction — any error rolls all back.
#include <algorithm>

#include "app/access.h"
#include "app/events/outbox.h"
#include "app/marketing/service_order_desk.h"
#include "app/marketing/service_order_support.h"
#include "domain/customers/customer_rules.h"
#include "store/customers/account_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/premise_repository.h"
#include "store/marketing/campaign_repository.h"
#include "store/marketing/service_order_repository.h"

namespace rapport::app {
namespace {

using domain::PartyChoice;
using domain::ServiceOrder;

// Everything that must hold before anything is created.
Status check_ready(store::Tx& tx, const orders::Loaded& in, const domain::Facts& facts,
                   CivilDate day, Language language) {
  const auto& o = in.order;
  const domain::Package* package = in.package ? &*in.package : nullptr;
  if (o.status == domain::OrderStatus::held) return Error::invalid("order.not_pending");
  if (!package && !in.campaign.complete_without_package)
    return Error::invalid("order.package_required", "package");
  const auto asked = orders::questions(in.campaign, package);  // `missing` points into it
  auto missing = domain::missing_required(asked, o.answers);
  if (!missing.empty())
    return Error::invalid("order.answer_required", "answer." + missing.front()->code,
                          {{"question", domain::prompt(*missing.front(), language)}});
  // An answer given before the question's bounds were narrowed.
  for (const auto& q : asked)
    if (const auto* a = domain::find_answer(o.answers, q.code))
      if (auto out = domain::check_answer(q, a->value)) return *out;
  auto parties = domain::validate_parties(o, in.campaign, in.settings.territory_predefined);
  if (!parties.empty()) return parties.errors.front();
  if (!o.customer) return Error::invalid("order.person_needed", "person");
  // The campaign's own dates, targets and rules hold on the day of completion.
  if (auto ok = orders::campaign_admits(in.campaign, o, facts, day, true); !ok) return ok;
  if (!package) return Ok{};
  auto verdict = domain::evaluate(package->rules, facts);
  if (verdict.result == domain::Eligibility::ineligible)
    return Error::invalid("order.package_ineligible", "package", {{"package", package->code}});
  if (verdict.result == domain::Eligibility::insufficient_data)
    return Error::invalid("order.package_needs_data", "package", {{"package", package->code}});
  if (auto ok = store::CampaignRepository::check_agreement_types(tx, package->agreements); !ok)
    return ok.error();
  if (!package->agreements.empty() && o.account == PartyChoice::none)
    return Error::invalid("order.account_needed", "account");
  const bool needs_points =
      std::any_of(package->agreements.begin(), package->agreements.end(),
                  [](const domain::AgreementToCreate& a) { return !a.service_point_type.empty(); });
  if (needs_points && o.premise == PartyChoice::none)
    return Error::invalid("order.premise_needed", "premise");
  return Ok{};
}

Result<std::optional<Id<domain::Account>>> settle_account(store::Tx& tx, ServiceOrder& o,
                                                          const orders::Loaded& in,
                                                          const store::Actor& who, Instant now,
                                                          CivilDate day) {
  const Id<domain::Customer> customer{*o.customer};
  if (o.account == PartyChoice::none) return std::optional<Id<domain::Account>>{};
  if (o.account == PartyChoice::use_existing) {
    auto accounts = store::AccountRepository::of_customer(tx, customer);
    auto it = std::find_if(accounts.begin(), accounts.end(), [&](const domain::Account& a) {
      return o.existing_account && a.id.value == *o.existing_account;
    });
    if (it == accounts.end()) return Error::invalid("order.account_not_found", "account");
    return std::optional<Id<domain::Account>>{it->id};
  }
  domain::Account a;
  a.customer = customer;
  a.customer_class = o.prospect.customer_class;
  a.currency = in.settings.currency;
  a.start_date = day;
  a.persons.push_back({customer, in.campaign.new_person_relationship});
  auto stored = store::AccountRepository::insert(tx, a, who, now);
  o.created.account = stored.id.value;
  return std::optional<Id<domain::Account>>{stored.id};
}

Result<std::optional<store::PremiseWithPoints>> settle_premise(store::Tx& tx, ServiceOrder& o,
                                                               const orders::Loaded& in,
                                                               const store::Actor& who,
                                                               Instant now) {
  const Id<domain::Customer> customer{*o.customer};
  if (o.premise == PartyChoice::none) return std::optional<store::PremiseWithPoints>{};
  if (o.premise == PartyChoice::use_existing) {
    if (!o.existing_premise) return Error::invalid("field.required", "premise");
    auto found = store::PremiseRepository::find(tx, Id<domain::Premise>{*o.existing_premise});
    if (!found) return Error::invalid("premise.not_found", "premise");
    store::PremiseRepository::link(tx, customer, found->premise.id);
    return std::optional<store::PremiseWithPoints>{std::move(*found)};
  }
  if (in.settings.territory_predefined)
    return Error::invalid("territory.premise_required", "premise");
  domain::Premise p;
  p.address = o.premise_address.line1.empty() ? o.prospect.address : o.premise_address;
  if (p.address.country.empty()) p.address.country = in.settings.country;
  auto errors = domain::validate_address(p.address, "premise_address.");
  if (!errors.empty()) return errors.errors.front();
  p.premise_type = o.premise_type;
  auto person = store::CustomerRepository::find(tx, customer);
  p.time_zone = person ? person->time_zone : in.settings.time_zone;
  p.id = store::PremiseRepository::insert(tx, p, who, now);
  store::PremiseRepository::link(tx, customer, p.id);
  o.created.premise = p.id.value;
  return std::optional<store::PremiseWithPoints>{store::PremiseWithPoints{p, {}}};
}

// The service point of `type` for one agreement: an unused existing one at
// the premise, else a new one (never in a predefined territory).
Result<Id<domain::ServicePoint>> settle_point(store::Tx& tx, ServiceOrder& o,
                                              store::PremiseWithPoints& premise,
                                              std::vector<std::int64_t>& used,
                                              const std::string& type, bool territory_predefined,
                                              const store::Actor& who, Instant now) {
  for (const auto& sp : premise.points)
    if (sp.type == type && std::find(used.begin(), used.end(), sp.id.value) == used.end()) {
      used.push_back(sp.id.value);
      return sp.id;
    }
  if (territory_predefined)
    return Error::invalid("territory.service_point_missing", "premise", {{"type", type}});
  domain::ServicePoint sp{{}, premise.premise.id, type, "to_install", 0, ""};
  sp.id = store::PremiseRepository::insert_point(tx, sp, who, now);
  premise.points.push_back(sp);
  used.push_back(sp.id.value);
  o.created.service_points.push_back(sp.id.value);
  return sp.id;
}

}  // namespace

Result<CompletionOutcome> ServiceOrderDesk::complete(const domain::User& actor, Id<ServiceOrder> id,
                                                     Version version) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<CompletionOutcome> {
    auto loaded = orders::load(tx, id, version);
    if (!loaded) return loaded.error();
    ServiceOrder o = loaded->order;
    if (domain::is_final(o.status)) return Error::invalid("order.final");
    const CivilDate day = business_today(clock_, loaded->settings);
    if (auto ok = check_ready(tx, *loaded, orders::facts(tx, o, day), day, actor.language); !ok)
      return ok.error();

    auto account = settle_account(tx, o, *loaded, who, now, day);
    if (!account) return account.error();
    auto premise = settle_premise(tx, o, *loaded, who, now);
    if (!premise) return premise.error();
    std::vector<std::int64_t> used_points;
    if (loaded->package)
      for (const auto& row : loaded->package->agreements) {
        domain::ServiceAgreement sa;
        sa.account = **account;
        if (!row.service_point_type.empty()) {
          auto point = settle_point(tx, o, **premise, used_points, row.service_point_type,
                                    loaded->settings.territory_predefined, who, now);
          if (!point) return point.error();
          sa.service_point = *point;
        }
        sa.type = row.agreement_type;
        sa.division = row.division;
        sa.start_date = domain::start_date(row.start, day);
        sa.status = domain::initial_status(row, sa.start_date, day);
        auto created = store::AccountRepository::insert_agreement(tx, sa, who, now);
        if (!created) return created.error();
        store::ServiceOrderRepository::link_agreement(tx, created->value, o.id, o.campaign,
                                                      o.package);
        o.created.agreements.push_back(created->value);
      }
    o.status = domain::OrderStatus::complete;
    o.completed_at = now;
    auto saved = orders::save(tx, std::move(o), who, now);
    if (!saved) return saved.error();
    orders::log_interaction(tx, *saved, who, now,
                            saved->number + " · " + loaded->campaign.code +
                                (loaded->package ? " · " + loaded->package->code : std::string()),
                            "complete");
    record_service_order_event(tx, domain::EventType::service_order_completed, *saved, now);
    return CompletionOutcome{std::move(*saved)};
  });
}

}  // namespace rapport::app
