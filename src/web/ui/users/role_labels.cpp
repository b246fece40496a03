#include "web/ui/users/role_labels.h"

namespace rapport::web::ui {

std::string role_label(Language lang, const i18n::Catalog& catalog, domain::Role role) {
  return catalog.text(lang, "role." + std::string(domain::to_string(role)));
}

boost::json::array role_labels(Language lang, const i18n::Catalog& catalog,
                               const std::vector<domain::Role>& roles) {
  boost::json::array out;
  for (auto r : roles) out.push_back(boost::json::string(role_label(lang, catalog, r)));
  return out;
}

}  // namespace rapport::web::ui
