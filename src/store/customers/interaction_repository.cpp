#include "store/customers/interaction_repository.h"

#include <soci/soci.h>

#include "domain/customers/codes.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {

namespace {

domain::Interaction interaction_from(const soci::row& r, Id<domain::Customer> customer) {
  domain::Interaction i;
  i.id = Id<domain::Interaction>{int64_at(r, 0)};
  i.customer = customer;
  i.at = parse_instant(text_at(r, 1)).value_or(Instant{});
  i.user_name = text_at(r, 2);
  i.channel = domain::parse_channel(text_at(r, 3));
  i.direction = domain::parse_direction(text_at(r, 4));
  i.summary = text_at(r, 5);
  i.outcome = text_at(r, 6);
  i.related_type = text_at(r, 7);
  i.related_id = int64_at(r, 8);
  return i;
}

void read_interactions(soci::rowset<soci::row>& rs, Id<domain::Customer> customer,
                       std::vector<domain::Interaction>& out) {
  for (const auto& r : rs) out.push_back(interaction_from(r, customer));
}

}  // namespace

Id<domain::Interaction> InteractionRepository::insert(Tx& tx, const domain::Interaction& i,
                                                      const Actor& actor) {
  std::string at = format_instant(i.at), channel(domain::to_code(i.channel)),
              direction(domain::to_code(i.direction));
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  long long by = actor.user ? actor.user->value : 0, customer = i.customer.value, id = 0;
  long long related = i.related_id;
  // Cached: a fulfilment batch notes every order it completes.
  tx.cached(
        "INSERT INTO interactions (customer_id, at, user_id, user_name, channel, direction, "
        "summary, outcome, related_type, related_id) VALUES (:c, :at, :u, :n, :ch, :d, :s, "
        ":o, :rt, :ri) RETURNING id")
      .run(soci::use(customer), soci::use(at), soci::use(by, by_ind), soci::use(actor.name),
           soci::use(channel), soci::use(direction), soci::use(i.summary), soci::use(i.outcome),
           soci::use(i.related_type), soci::use(related), soci::into(id));
  return Id<domain::Interaction>{id};
}

std::vector<domain::Interaction> InteractionRepository::of_customer(Tx& tx,
                                                                    Id<domain::Customer> customer,
                                                                    int limit) {
  std::vector<domain::Interaction> out;
  long long cid = customer.value;
  soci::row r;
  auto st = tx.cached(
      "SELECT id, at, user_name, channel, direction, summary, outcome, related_type, related_id "
      "FROM interactions WHERE customer_id = :c ORDER BY at DESC, id DESC LIMIT :l");
  for (bool more = st.run(soci::use(cid), soci::use(limit), soci::into(r)); more; more = st.next())
    out.push_back(interaction_from(r, customer));
  return out;
}

std::vector<domain::Interaction> InteractionRepository::addressed_to(
    Tx& tx, Id<domain::Customer> customer, std::optional<Instant> before_at, std::int64_t before_id,
    int limit) {
  std::vector<domain::Interaction> out;
  long long cid = customer.value, bid = before_id;
  const std::string columns =
      "SELECT id, at, user_name, channel, direction, summary, outcome, related_type, related_id "
      "FROM interactions WHERE customer_id = :c AND channel IN ('email', 'fax', 'letter', 'web') ";
  if (!before_at) {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare << columns << "ORDER BY at DESC, id DESC LIMIT :l", soci::use(cid),
         soci::use(limit));
    read_interactions(rs, customer, out);
    return out;
  }
  const std::string at = format_instant(*before_at);
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << columns
                        << "AND (at < :a1 OR (at = :a2 AND id < :b)) ORDER BY at DESC, id DESC "
                           "LIMIT :l",
       soci::use(cid), soci::use(at), soci::use(at), soci::use(bid), soci::use(limit));
  read_interactions(rs, customer, out);
  return out;
}

}  // namespace rapport::store
