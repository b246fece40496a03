// Show eligibility, choosing a package and switching campaign
// (campaigns-and-orders.md, "The eligibility tree").
#include <algorithm>

#include "app/access.h"
#include "app/marketing/service_order_desk.h"
#include "app/marketing/service_order_prospect.h"
#include "app/marketing/service_order_support.h"
#include "store/marketing/campaign_repository.h"

namespace rapport::app {
namespace {

using domain::ServiceOrder;

// The packages of `campaign` judged on `facts`, with the questions to ask
// for those that need data.
CampaignNode judge(store::Tx& tx, domain::Campaign campaign, const domain::Facts& facts) {
  CampaignNode node;
  node.campaign_verdict = domain::evaluate(campaign.rules, facts);
  for (auto& p : orders::active_packages(tx, campaign.id)) {
    PackageNode n;
    n.verdict = domain::evaluate(p.rules, facts);
    if (n.verdict.result == domain::Eligibility::eligible) ++node.eligible_count;
    auto asked = domain::questions_in_scope(campaign, &p);
    for (const auto& field : n.verdict.missing) {
      if (field.source != domain::FieldSource::answer) continue;
      auto q = std::find_if(asked.begin(), asked.end(),
                            [&](const domain::Question& x) { return x.code == field.name; });
      if (q != asked.end()) n.missing_questions.push_back(*q);
    }
    n.package = std::move(p);
    node.packages.push_back(std::move(n));
  }
  node.campaign = std::move(campaign);
  return node;
}

// A party choice the new campaign does not allow goes back to its default.
void fit_parties(ServiceOrder& o, const domain::Campaign& c, bool territory_predefined) {
  ServiceOrder defaults;
  orders::default_parties(defaults, c, territory_predefined);
  auto allowed = [](domain::PartyChoice choice, const domain::PartyUsage& usage) {
    if (usage.usage == domain::Usage::not_allowed) return choice == domain::PartyChoice::none;
    if (usage.usage == domain::Usage::required && choice == domain::PartyChoice::none) return false;
    return choice != domain::PartyChoice::create_new || usage.may_create;
  };
  if (!allowed(o.account, c.account)) o.account = defaults.account;
  if (!allowed(o.premise, c.premise)) o.premise = defaults.premise;
}

}  // namespace

Result<EligibilityTree> ServiceOrderDesk::eligibility(const domain::User& actor,
                                                      Id<ServiceOrder> id) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<EligibilityTree> {
    auto loaded = orders::load(tx, id, std::nullopt);
    if (!loaded) return loaded.error();
    const auto& o = loaded->order;
    const CivilDate day = business_today(clock_, loaded->settings);
    EligibilityTree tree;
    tree.facts = orders::facts(tx, o, day);
    const domain::Facts& facts = tree.facts;
    tree.order_campaign = judge(tx, loaded->campaign, facts);
    for (auto& c : store::CampaignRepository::list(tx, true)) {
      if (c.id == o.campaign || !orders::campaign_admits(c, o, facts, day, false)) continue;
      auto node = judge(tx, std::move(c), facts);
      // A campaign with nothing to sign up for is no alternative.
      if (node.packages.empty() && !node.campaign.complete_without_package) continue;
      tree.alternates.push_back(std::move(node));
    }
    std::stable_sort(tree.alternates.begin(), tree.alternates.end(),
                     [](const CampaignNode& a, const CampaignNode& b) {
                       return a.eligible_count > b.eligible_count;
                     });
    return tree;
  });
}

Result<ServiceOrder> ServiceOrderDesk::choose_package(const domain::User& actor,
                                                      Id<ServiceOrder> id, Version version,
                                                      std::optional<Id<domain::Package>> package) {
  return orders::change_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, orders::Loaded& in, const store::Actor& who,
          Instant now) -> Result<ServiceOrder> {
        auto& o = in.order;
        if (domain::is_final(o.status)) return Error::invalid("order.final");
        if (!package) {
          o.package.reset();
          return orders::save(tx, std::move(o), who, now);
        }
        auto chosen = store::CampaignRepository::find_package(tx, *package);
        if (!chosen || chosen->campaign != o.campaign || !chosen->active)
          return Error::invalid("package.not_found", "package");
        auto verdict = domain::evaluate(chosen->rules,
                                        orders::facts(tx, o, business_today(clock_, in.settings)));
        if (verdict.result == domain::Eligibility::ineligible)
          return Error::invalid("order.package_ineligible", "package", {{"package", chosen->code}});
        if (verdict.result == domain::Eligibility::insufficient_data) {
          std::string field = "package";
          for (const auto& f : verdict.missing)
            if (f.source == domain::FieldSource::answer) {
              field = "answer." + f.name;
              break;
            }
          return Error::invalid("order.package_needs_data", field, {{"package", chosen->code}});
        }
        o.package = chosen->id;
        auto saved = orders::save(tx, std::move(o), who, now);
        if (saved)
          orders::log_interaction(tx, *saved, who, now,
                                  saved->number + " · " + in.campaign.code + " · " + chosen->code,
                                  "package_chosen");
        return saved;
      });
}

Result<ServiceOrder> ServiceOrderDesk::switch_campaign(const domain::User& actor,
                                                       Id<ServiceOrder> id, Version version,
                                                       Id<domain::Campaign> campaign) {
  return orders::change_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, orders::Loaded& in, const store::Actor& who,
          Instant now) -> Result<ServiceOrder> {
        auto& o = in.order;
        if (domain::is_final(o.status)) return Error::invalid("order.final");
        auto target = store::CampaignRepository::find(tx, campaign);
        if (!target) return Error::invalid("campaign.not_found", "campaign");
        if (target->id == o.campaign) return orders::save(tx, std::move(o), who, now);
        // Refused as the tree would not offer it (dates, targets, rules).
        const CivilDate day = business_today(clock_, in.settings);
        if (auto ok = orders::campaign_admits(*target, o, orders::facts(tx, o, day), day, false);
            !ok)
          return ok.error();
        // Answers set aside by an earlier switch come back if this campaign asks them.
        std::vector<domain::Answer> candidates = o.answers;
        for (const auto& a : o.set_aside)
          if (!domain::find_answer(candidates, a.question)) candidates.push_back(a);
        auto carried = domain::carry_over(candidates, target->questions);
        o.answers = std::move(carried.kept);
        o.set_aside = std::move(carried.set_aside);
        o.campaign = target->id;
        o.package.reset();
        fit_parties(o, *target, in.settings.territory_predefined);
        auto saved = orders::save(tx, std::move(o), who, now);
        if (saved)
          orders::log_interaction(tx, *saved, who, now,
                                  saved->number + " · " + in.campaign.code + " → " + target->code,
                                  "campaign_switched");
        return saved;
      });
}

}  // namespace rapport::app
