#include "app/marketing/service_order_support.h"

#include <algorithm>

#include "app/access.h"
#include "domain/contactplan/schedule.h"
#include "store/customers/account_repository.h"
#include "store/customers/interaction_repository.h"
#include "store/marketing/campaign_repository.h"
#include "store/marketing/service_order_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app::orders {

Status may_take_orders(const domain::User& actor) {
  return require(actor, Capability::take_orders);
}

Result<Loaded> load(store::Tx& tx, Id<domain::ServiceOrder> id, std::optional<Version> version) {
  auto order = store::ServiceOrderRepository::find(tx, id);
  if (!order) return order.error();
  // A stale caller hears so before any check on the order as it now is.
  if (version && *version != order->version)
    return store::stale_record_error(tx, "service_orders", id.value);
  auto campaign = store::CampaignRepository::find(tx, order->campaign);
  if (!campaign) return campaign.error();
  Loaded out{std::move(*order), std::move(*campaign), std::nullopt,
             store::SettingsRepository::load(tx)};
  if (out.order.package) {
    auto package = store::CampaignRepository::find_package(tx, *out.order.package);
    if (!package) return package.error();
    out.package = std::move(*package);
  }
  return out;
}

Status campaign_admits(const domain::Campaign& c, const domain::ServiceOrder& o,
                       const domain::Facts& facts, CivilDate day, bool completing) {
  const MessageArgs args{{"campaign", c.code}};
  if (!domain::is_offered(c, day)) return Error::invalid("campaign.not_offered", "campaign", args);
  const auto& address = o.premise_address.line1.empty() ? o.prospect.address : o.premise_address;
  if (!domain::targets(c, o.prospect.customer_class, address.region, address.postal_code))
    return Error::invalid("campaign.not_targeted", "campaign", args);
  switch (domain::evaluate(c.rules, facts).result) {
    case domain::Eligibility::eligible:
      return Ok{};
    case domain::Eligibility::ineligible:
      return Error::invalid("campaign.ineligible", "campaign", args);
    case domain::Eligibility::insufficient_data:
      if (completing) return Error::invalid("campaign.needs_data", "campaign", args);
      return Ok{};
  }
  return Ok{};
}

domain::Facts facts(store::Tx& tx, const domain::ServiceOrder& o, CivilDate day) {
  domain::ExistingCounts counts;
  if (o.customer) {
    auto accounts = store::AccountRepository::of_customer(tx, Id<domain::Customer>{*o.customer});
    counts.accounts = static_cast<int>(accounts.size());
    auto agreements = store::AccountRepository::agreements_of(tx, accounts);
    counts.agreements = static_cast<int>(
        std::count_if(agreements.begin(), agreements.end(), [](const domain::ServiceAgreement& sa) {
          return sa.status != domain::ServiceAgreementStatus::stopped;
        }));
  }
  return domain::facts_of(o, day, counts);
}

std::vector<domain::Question> questions(const domain::Campaign& campaign,
                                        const domain::Package* package) {
  return domain::effective_questions(campaign.questions, package ? &package->overrides : nullptr,
                                     package ? &package->questions : nullptr);
}

std::vector<domain::Question> questions_asked(store::Tx& tx, const domain::Campaign& campaign,
                                              const domain::Package* package) {
  auto asked = questions(campaign, package);
  if (package) return asked;
  auto known = [&asked](const std::string& code) {
    return std::any_of(asked.begin(), asked.end(),
                       [&](const domain::Question& q) { return q.code == code; });
  };
  for (const auto& p : active_packages(tx, campaign.id))
    for (const auto& group : p.rules.groups)
      for (const auto& criterion : group.criteria) {
        if (criterion.field.source != domain::FieldSource::answer || known(criterion.field.name))
          continue;
        for (const auto& q : p.questions)
          if (q.code == criterion.field.name) {
            domain::Question optional = q;
            optional.applicability = domain::Applicability::optional;
            asked.push_back(std::move(optional));
          }
      }
  return asked;
}

Result<domain::ServiceOrder> save(store::Tx& tx, domain::ServiceOrder o, const store::Actor& actor,
                                  Instant now) {
  auto version = store::ServiceOrderRepository::update(tx, o, actor, now);
  if (!version) return version.error();
  o.version = *version;
  return o;
}

std::vector<domain::Package> active_packages(store::Tx& tx, Id<domain::Campaign> campaign) {
  auto found = store::CampaignRepository::with_packages(tx, campaign, true);
  if (!found) return {};
  return std::move(found->packages);
}

void log_interaction(store::Tx& tx, const domain::ServiceOrder& o, const store::Actor& actor,
                     Instant now, const std::string& summary, const std::string& outcome) {
  if (!o.customer) return;
  domain::Interaction i;
  i.customer = Id<domain::Customer>{*o.customer};
  i.at = now;
  i.user_name = actor.name;
  i.channel = domain::InteractionChannel::call;
  i.direction = domain::InteractionDirection::inbound;
  i.summary = summary;
  i.outcome = outcome;
  i.related_type = "service_order";
  i.related_id = o.id.value;
  store::InteractionRepository::insert(tx, i, actor);
}

}  // namespace rapport::app::orders
