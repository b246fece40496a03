#include "web/ui/navigation.h"

#include <boost/json.hpp>

namespace rapport::web::ui {
namespace {

using domain::Role;

struct NavEntry {
  const char* href;
  const char* label_key;
  std::vector<Role> roles;  // any of these may see it
};

// The pages each role reaches; later modules add theirs here.
const std::vector<NavEntry>& entries() {
  static const std::vector<NavEntry> all{
      {"/", "nav.desk", {Role::csr, Role::manager, Role::fulfilment, Role::admin}},
      {"/customers", "nav.customers", {Role::csr, Role::manager, Role::fulfilment, Role::admin}},
      {"/plan-entries", "nav.calls", {Role::csr, Role::manager, Role::admin}},
      {"/service-orders", "nav.service_orders", {Role::csr, Role::manager, Role::admin}},
      {"/plans", "nav.plans", {Role::manager, Role::admin}},
      {"/campaigns", "nav.campaigns", {Role::csr, Role::manager, Role::admin}},
      {"/customers/import", "nav.import", {Role::admin, Role::manager}},
      {"/admin/users", "nav.users", {Role::admin, Role::manager}},
      {"/admin/settings", "nav.settings", {Role::admin}},
      {"/account",
       "nav.account",
       {Role::csr, Role::manager, Role::fulfilment, Role::admin, Role::customer}},
  };
  return all;
}

bool is_current(const std::string& path, const std::string& href) {
  if (href == "/") return path == "/";
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
  f["is_staff"] = user.is_staff();
  // "Next call" in the header (and the n key) for those who work the lists.
  f["can_call"] =
      user.has_role(Role::csr) || user.has_role(Role::manager) || user.has_role(Role::admin);
  boost::json::array nav;
  for (const auto& e : entries()) {
    bool allowed = false;
    for (Role r : e.roles) allowed = allowed || user.has_role(r);
    if (!allowed) continue;
    nav.push_back(boost::json::object{{"href", e.href},
                                      {"label", catalog.text(req.language, e.label_key)},
                                      {"current", is_current(req.path, e.href)}});
  }
  f["nav"] = std::move(nav);
  return f;
}

}  // namespace rapport::web::ui
