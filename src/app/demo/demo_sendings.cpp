#include "app/demo/demo_sendings.h"

#include <soci/soci.h>

#include "app/jobs/job_runner.h"
#include "app/quotes/quote_desk.h"
#include "app/quotes/quote_sending.h"
#include "store/row_values.h"
#include "store/users/user_repository.h"

namespace rapport::app {

Result<int> add_demo_sendings(store::Database& db, const Clock& clock,
                              const i18n::Catalog& catalog) {
  std::vector<std::int64_t> sent;
  auto existing = db.read([&](store::Tx& tx) -> Result<long long> {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM quote_sendings", soci::into(n);
    if (n > 0) return n;
    soci::rowset<soci::row> rs =
        tx.sql().prepare << "SELECT id FROM quotes WHERE status = 'sent' AND active = 1 AND "
                            "sales_order_id IS NULL ORDER BY id";
    for (const auto& r : rs) sent.push_back(store::int64_at(r, 0));
    return n;
  });
  if (!existing) return existing.error();
  if (*existing > 0) return 0;
  auto csr = db.read([](store::Tx& tx) -> Result<domain::User> {
    auto u = store::UserRepository::find_by_login(tx, "csr");
    if (!u) return Error::not_found("user.not_found");
    return u->user;
  });
  if (!csr) return csr.error();
  // A letter starts no job: a runner without kinds is enough.
  JobRunner jobs(db, clock);
  QuoteSendingDesk sendings(db, clock, catalog, jobs);
  QuoteDesk quotes(db, clock);
  for (auto id : sent) {
    auto v = quotes.view(*csr, Id<domain::Quote>{id});
    if (!v || v->state != domain::QuoteState::sent) continue;
    auto letter = sendings.send(*csr, v->quote.id, v->quote.version, domain::QuoteChannel::letter);
    if (!letter) return letter.error();
    return 1;
  }
  return 0;
}

}  // namespace rapport::app
