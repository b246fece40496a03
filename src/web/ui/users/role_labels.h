// web/ui/users/role_labels.h: roles as the user reads them.
#pragma once

#include <string>

#include <boost/json/array.hpp>

#include "domain/users/user.h"
#include "i18n/catalog.h"

namespace rapport::web::ui {

std::string role_label(Language lang, const i18n::Catalog& catalog, domain::Role role);
// The translated names of `roles`, for badges.
boost::json::array role_labels(Language lang, const i18n::Catalog& catalog,
                               const std::vector<domain::Role>& roles);

}  // namespace rapport::web::ui
