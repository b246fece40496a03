// domain/sales/asset_status.h: an asset's status (quotes-orders-assets.md):
// active, suspended by a change order (and resumed), or inactive once
// disconnected. Shared by the asset and the change lines that request one.
#pragma once

#include "core/enum_codes.h"

namespace rapport::domain {

enum class AssetStatus { active, suspended, inactive };
BOOST_DESCRIBE_ENUM(AssetStatus, active, suspended, inactive)

}  // namespace rapport::domain
