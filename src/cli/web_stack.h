// cli/web_stack.h: the desks of app/, the views and the web application
// that `rapport serve` runs over a database — built once here, so that
// `rapport routes` lists the very router the server answers with.
#pragma once

#include "app/access.h"
#include "app/catalog/catalog_desk.h"
#include "app/contactplan/contact_planner.h"
#include "app/customers/customer_desk.h"
#include "app/events/webhook_desk.h"
#include "app/idempotency_desk.h"
#include "app/jobs/job_runner.h"
#include "app/marketing/campaign_desk.h"
#include "app/marketing/service_order_desk.h"
#include "app/sales/change_order_desk.h"
#include "app/sales/contact_order_desk.h"
#include "app/sales/sales_order_desk.h"
#include "app/settings/settings_desk.h"
#include "app/users/auth_desk.h"
#include "app/users/user_desk.h"
#include "web/metrics.h"
#include "web/view.h"
#include "web/web_app.h"

namespace rapport::cli {

struct WebStack {
  // The views are not loaded (serve loads them); the jobs are defined.
  WebStack(store::Database& db, const Clock& clock, const i18n::Catalog& catalog,
           app::AuthPolicy policy, web::WebOptions options, app::JobRunnerOptions jobs = {});

  web::Views views;
  app::AuthDesk auth;
  app::UserDesk users;
  app::SettingsDesk settings;
  app::IdempotencyDesk idempotency;
  app::CustomerDesk customers;
  app::JobRunner jobs;
  app::ContactPlanner planner;
  app::CampaignDesk campaigns;
  app::ServiceOrderDesk orders;
  app::CatalogDesk products;
  app::SalesOrderDesk sales;
  app::ContactOrderDesk contact_orders;
  app::ChangeOrderDesk changes;
  app::WebhookDesk webhooks;
  web::Metrics metrics;
  web::WebContext context;
  web::WebApp app;
};

// The web options of the share directory (static files, the OpenAPI document).
web::WebOptions web_options(bool secure_cookies, std::vector<std::string> trusted_proxies);

}  // namespace rapport::cli
