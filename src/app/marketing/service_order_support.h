// app/marketing/service_order_support.h: what the service order desk's files share —
// loading an order with its campaign and package, the facts the
// eligibility engine reads, and saving. Internal to app/.
#pragma once

#include <optional>
#include <vector>

#include "app/access.h"
#include "app/today.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/marketing/campaign.h"
#include "domain/marketing/service_order.h"
#include "domain/settings/installation_settings.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app::orders {

// Capability::take_orders (app/access.h).
Status may_take_orders(const domain::User& actor);

struct Loaded {
  domain::ServiceOrder order;
  domain::Campaign campaign;
  std::optional<domain::Package> package;
  domain::InstallationSettings settings;
};

// The order as stored. Errors: not_found; conflict ("record.stale") when
// `version` is given and the order has moved on since.
Result<Loaded> load(store::Tx& tx, Id<domain::ServiceOrder> id, std::optional<Version> version);

// Runs change(tx, loaded, actor, now) -> Result<ServiceOrder> on the order
// read at `version`, in one write transaction, for a user who may take
// orders: the frame every status change and answer shares.
template <typename Change>
Result<domain::ServiceOrder> change_order(store::Database& db, const Clock& clock,
                                          const domain::User& user, Id<domain::ServiceOrder> id,
                                          Version version, Change&& change) {
  if (auto ok = may_take_orders(user); !ok) return ok.error();
  const Instant now = clock.now();
  const store::Actor who = actor_of(user);
  return db.write([&](store::Tx& tx) -> Result<domain::ServiceOrder> {
    auto loaded = load(tx, id, version);
    if (!loaded) return loaded.error();
    return change(tx, *loaded, who, now);
  });
}

// Whether campaign `c` may carry order `o` on `day` — one rule for the
// alternatives the eligibility tree offers, a campaign switch and completion:
// offered (active, within its dates: "campaign.not_offered"), aimed at the
// prospect's class and region ("campaign.not_targeted"), and not made
// ineligible by its rules ("campaign.ineligible"). Insufficient data is
// admitted while the order is worked (its questions come with the
// campaign) and refused at completion ("campaign.needs_data").
Status campaign_admits(const domain::Campaign& c, const domain::ServiceOrder& o,
                       const domain::Facts& facts, CivilDate day, bool completing);

// The facts of an order, with the counts of its person's existing records.
domain::Facts facts(store::Tx& tx, const domain::ServiceOrder& o, CivilDate today);

// The questions the order asks under `campaign` with `package` chosen.
std::vector<domain::Question> questions(const domain::Campaign& campaign,
                                        const domain::Package* package);

// The questions an order asks as it stands: with a package chosen, as
// questions(); before, the campaign's and — optional until a package is
// chosen — the package questions that an active package's eligibility
// rules look at, so the tree's "missing" links lead to a field and the
// answer counts before the choice (and survives saves and switches).
std::vector<domain::Question> questions_asked(store::Tx& tx, const domain::Campaign& campaign,
                                              const domain::Package* package);

// Saves the order at its version and returns it as now stored.
Result<domain::ServiceOrder> save(store::Tx& tx, domain::ServiceOrder o, const store::Actor& actor,
                                  Instant now);

// The campaign's active packages by display order.
std::vector<domain::Package> active_packages(store::Tx& tx, Id<domain::Campaign> campaign);

// Logs an interaction about the order on its customer (when it has one).
void log_interaction(store::Tx& tx, const domain::ServiceOrder& o, const store::Actor& actor,
                     Instant now, const std::string& summary, const std::string& outcome);

}  // namespace rapport::app::orders
