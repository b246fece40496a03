#include "web/ui/navigation.h"

#include <boost/json.hpp>

#include "app/access.h"

namespace rapport::web::ui {
namespace {

using app::Capability;

struct NavEntry {
  const char* href;
  const char* label_key;
  Capability needs;  // shown to those allowed (app/access.h)
};

// The pages of the menu; later modules add theirs here.
const std::vector<NavEntry>& entries() {
  static const std::vector<NavEntry> all{
      {"/", "nav.desk", Capability::use_desk},
      {"/customers", "nav.customers", Capability::read_customers},
      {"/plan-entries", "nav.calls", Capability::work_plans},
      {"/service-orders", "nav.service_orders", Capability::take_orders},
      {"/sales-orders", "nav.sales_orders", Capability::take_orders},
      {"/print-queue", "nav.print_queue", Capability::take_orders},
      {"/fulfilment", "nav.fulfilment", Capability::fulfil_orders},
      {"/supervision", "nav.supervision", Capability::supervise_calls},
      {"/plans", "nav.plans", Capability::manage_plans},
      {"/campaigns", "nav.campaigns", Capability::read_campaigns},
      {"/catalog/products", "nav.catalog", Capability::read_catalog},
      {"/customers/import", "nav.import", Capability::import_customers},
      {"/admin/users", "nav.users", Capability::manage_users},
      {"/admin/settings", "nav.settings", Capability::manage_settings},
      {"/admin/webhooks", "nav.webhooks", Capability::manage_webhooks},
      {"/admin/sent-mail", "nav.sent_mail", Capability::manage_settings},
      {"/account", "nav.account", Capability::own_account},
  };
  return all;
}

bool is_current(const std::string& path, const std::string& href) {
  if (href == "/") return path == "/";
  if (href == "/catalog/products") return path.starts_with("/catalog/");
  if (href == "/customers") return path.starts_with(href) && !path.starts_with("/customers/import");
  return path.starts_with(href);
}

}  // namespace

boost::json::object frame_data(const Request& req, const i18n::Catalog& catalog) {
  boost::json::object f;
  f["lang"] = std::string(code(req.language));
  f["lang_is_fr"] = req.language == Language::fr;
  f["next_path"] = req.target;
  if (!req.user) return f;
  const auto& user = *req.user;
  f["logged_in"] = true;
  f["user_name"] = user.display_name;
  f["user_login"] = user.login;
  // The header's customer search, for those who may search customers.
  f["can_search"] = app::allowed(user, Capability::read_customers);
  // "Next call" in the header (and the n key) for those who work the lists.
  f["can_call"] = app::allowed(user, Capability::work_plans);
  boost::json::array nav;
  for (const auto& e : entries()) {
    if (!app::allowed(user, e.needs)) continue;
    nav.push_back(boost::json::object{{"href", e.href},
                                      {"label", catalog.text(req.language, e.label_key)},
                                      {"current", is_current(req.path, e.href)}});
  }
  f["nav"] = std::move(nav);
  return f;
}

}  // namespace rapport::web::ui
