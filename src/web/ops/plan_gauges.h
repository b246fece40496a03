// web/ops/plan_gauges.h: the contact plans' gauges of /metrics (issue 18,
// section 3) — today's entries due, open and overdue per plan code, read
// from the database when /metrics is scraped (one query), so an operator's
// Prometheus can alert when a list is not being worked.
#pragma once

#include <string>

#include "web/web_context.h"

namespace rapport::web {

// The gauges in the Prometheus text format; their HELP and TYPE lines
// alone when the database does not answer.
std::string plan_gauges(WebContext& ctx);

}  // namespace rapport::web
