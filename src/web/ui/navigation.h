// web/ui/navigation.h: the page frame's data — the user, the language
// switcher and the navigation entries the user's roles may use.
#pragma once

#include <boost/json/object.hpp>

#include "i18n/catalog.h"
#include "web/request.h"

namespace rapport::web::ui {

boost::json::object frame_data(const Request& req, const i18n::Catalog& catalog);

}  // namespace rapport::web::ui
