// Liveness, readiness and metrics for load balancers and Prometheus.
#include "web/ui/routes.h"

namespace rapport::web::ui {

void register_operations(Router& router, WebContext& ctx) {
  router.get("/health", Access::open, [](Request&) { return text_response(200, "ok\n"); });
  router.get("/ready", Access::open, [&ctx](Request&) {
    auto ping = ctx.db.ping();
    if (!ping) return text_response(503, "database unavailable\n");
    return text_response(200, "ready\n");
  });
  router.get("/metrics", Access::open, [&ctx](Request&) {
    return text_response(200, ctx.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace rapport::web::ui
