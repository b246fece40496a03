// The link from Control Central's not-found result to a new service order.
#include <gtest/gtest.h>

#include "web/ui/marketing/service_order_view_data.h"

namespace rapport::web::ui {
namespace {

TEST(AddOrderHref, CarriesTheNonEmptyPartsEncoded) {
  EXPECT_EQ(add_order_href({}), "/service-orders/new");
  EXPECT_EQ(add_order_href({"Zoé Lambert", "06 12", "", "69002"}),
            "/service-orders/new?name=Zo%C3%A9%20Lambert&phone=06%2012&postal_code=69002");
}

}  // namespace
}  // namespace rapport::web::ui
