#include "cli/web_stack.h"

#include "app/jobs/job_kinds.h"
#include "cli/cli_context.h"

namespace rapport::cli {

web::WebOptions web_options(bool secure_cookies, std::vector<std::string> trusted_proxies) {
  const std::string share = share_dir();
  return {secure_cookies, share + "/static", share + "/api/openapi.json",
          std::move(trusted_proxies)};
}

WebStack::WebStack(store::Database& db, const Clock& clock, const i18n::Catalog& catalog,
                   app::AuthPolicy policy, web::WebOptions options,
                   app::JobRunnerOptions job_options)
    : views(share_dir() + "/templates", catalog),
      auth(db, clock, policy),
      users(db, clock),
      settings(db, clock),
      idempotency(db, clock),
      customers(db, clock),
      jobs(db, clock, job_options),
      planner(db, clock),
      campaigns(db, clock),
      orders(db, clock),
      products(db, clock),
      sales(db, clock),
      contact_orders(db, clock),
      changes(db, clock),
      webhooks(db, clock),
      context{db,    clock,          catalog,   views,       metrics,
              auth,  users,          settings,  idempotency, customers,
              jobs,  planner,        campaigns, orders,      products,
              sales, contact_orders, changes,   webhooks,    std::move(options)},
      app(context) {
  app::define_jobs(jobs, db, clock);
}

}  // namespace rapport::cli
