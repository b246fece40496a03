// web/web_context.h: what the pages and API handlers reach — the desks of
// app/, the views and the catalog. Built once at start.
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
#include "app/today.h"
#include "app/users/auth_desk.h"
#include "app/users/user_desk.h"
#include "i18n/catalog.h"
#include "store/database.h"
#include "web/metrics.h"
#include "web/view.h"

namespace rapport::web {

struct WebOptions {
  bool secure_cookies = false;  // set Secure on cookies (serve over HTTPS)
  std::string static_dir;       // static/
  std::string openapi_path;     // api/openapi.json
  // Peers whose X-Forwarded-For names the client (canonical addresses;
  // web/client_address.h). None by default.
  std::vector<std::string> trusted_proxies;
  // The folder of the local SMTP sink's messages (scripts/mail-sink), shown
  // on the admin's Sent mail page; empty: no sink. Initialised here, so the
  // options brace-initialised without it need not name it.
  std::string mail_sink_dir = {};
};

struct WebContext {
  store::Database& db;
  const Clock& clock;
  const i18n::Catalog& catalog;
  const Views& views;
  Metrics& metrics;
  app::AuthDesk& auth;
  app::UserDesk& users;
  app::SettingsDesk& settings;
  app::IdempotencyDesk& idempotency;
  app::CustomerDesk& customers;
  app::JobRunner& jobs;
  app::ContactPlanner& planner;
  app::CampaignDesk& campaigns;
  app::ServiceOrderDesk& orders;
  app::CatalogDesk& products;
  app::SalesOrderDesk& sales;
  app::ContactOrderDesk& contact_orders;
  app::ChangeOrderDesk& changes;
  app::WebhookDesk& webhooks;
  WebOptions options;
};

}  // namespace rapport::web
