// domain/sales/line_action.h: what a line of a change quote or change order
// does to the customer's assets (quotes-orders-assets.md, "Change orders"):
// add a new asset, update one (quantity, features), remove one (the spec's
// "delete": a disconnect), or none (an asset kept as it is, shown for
// context). A line of an ordinary quote or order adds.
#pragma once

#include "core/enum_codes.h"

namespace rapport::domain {

enum class LineAction { add, update, remove, none };
BOOST_DESCRIBE_ENUM(LineAction, add, update, remove, none)

}  // namespace rapport::domain
