// web/api/events/webhook_json.h: webhook endpoints and deliveries as the
// API writes them (api/openapi.json: WebhookEndpoint, WebhookDelivery).
#pragma once

#include <boost/json/object.hpp>

#include "app/events/webhook_desk.h"

namespace rapport::web::api {

boost::json::object webhook_endpoint_to_json(const domain::WebhookEndpoint& e);
// The endpoint with the counts of its deliveries.
boost::json::object webhook_summary_to_json(const store::EndpointSummary& s);
boost::json::object webhook_delivery_to_json(const store::DeliveryRow& d);

}  // namespace rapport::web::api
