#include "app/portal/web_interaction.h"

#include "app/access.h"
#include "store/customers/interaction_repository.h"

namespace rapport::app {

domain::InteractionChannel interaction_channel_of(const domain::User& actor,
                                                  domain::InteractionChannel staff) {
  return is_portal_user(actor) ? domain::InteractionChannel::web : staff;
}

void log_web_interaction(store::Tx& tx, const domain::User& actor, std::int64_t customer,
                         const std::string& summary, const std::string& outcome,
                         const std::string& related_type, std::int64_t related_id, Instant now) {
  domain::Interaction i;
  i.customer = Id<domain::Customer>{customer};
  i.at = now;
  i.user_name = actor.display_name;
  i.channel = domain::InteractionChannel::web;
  i.direction = domain::InteractionDirection::inbound;
  i.summary = summary;
  i.outcome = outcome;
  i.related_type = related_type;
  i.related_id = related_id;
  store::InteractionRepository::insert(tx, i, actor_of(actor));
}

}  // namespace rapport::app
