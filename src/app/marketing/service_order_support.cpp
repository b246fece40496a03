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

using domain::Role;

Status may_take_orders(const domain::User& actor) {
  return require_any_role(actor, {Role::csr, Role::manager, Role::admin});
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

CivilDate today(const Clock& clock, const domain::InstallationSettings& settings) {
  return domain::local_date(clock.now(), settings.time_zone);
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
