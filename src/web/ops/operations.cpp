// Liveness, readiness and metrics for load balancers and Prometheus.
#include "web/ops/plan_gauges.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

// The figures say how the server is used (routes, volumes): they are for
// the machine itself (a local Prometheus or agent, not through a proxy)
// and for a user allowed to read them (an admin's API token).
bool may_read_metrics(const Request& req) {
  if (req.user) return app::allowed(*req.user, app::Capability::read_metrics);
  const std::string& from = req.client_address;
  const bool loopback =
      from.starts_with("127.") || from == "::1" || from.starts_with("::ffff:127.");
  return loopback && req.header("x-forwarded-for").empty() && req.header("forwarded").empty();
}

}  // namespace

void register_operations(Router& router, WebContext& ctx) {
  router.get("/health", Access::open, [](Request&) { return text_response(200, "ok\n"); });
  router.get("/ready", Access::open, [&ctx](Request&) {
    auto ping = ctx.db.ping();
    if (!ping) return text_response(503, "database unavailable\n");
    return text_response(200, "ready\n");
  });
  router.get("/metrics", Access::open, [&ctx](Request& req) {
    if (!may_read_metrics(req))
      return text_response(403, "metrics: from this machine, or with an admin's API token\n");
    return text_response(200, ctx.metrics.render() + plan_gauges(ctx),
                         "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace rapport::web::ui
