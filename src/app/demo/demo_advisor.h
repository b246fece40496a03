// app/demo/demo_advisor.h: the eAdvisor's demo data — a small PDF brochure
// (English or French) for a few demo products, made with the delivery/pdf
// layer and stored as their literature, and competitor comparisons in both
// languages — so `make run` shows the advisor pane filled.
#pragma once

#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

// Adds what is missing (a product that already has literature or
// comparisons is left as it is); returns the documents and comparisons
// added. Requires: the demo catalog (add_demo_sales).
Result<int> add_demo_advisor(store::Database& db, const Clock& clock);

}  // namespace rapport::app
