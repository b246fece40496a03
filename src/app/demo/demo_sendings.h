// app/demo/demo_sendings.h: the demo's quote sendings — the sent demo
// quote also sent as a letter, so the print queue of a new installation
// shows a letter to print (quotes-orders-assets.md, "Quote", Output).
#pragma once

#include "core/result.h"
#include "core/time.h"
#include "i18n/catalog.h"
#include "store/database.h"

namespace rapport::app {

// Sends the oldest sent, unexpired, unconverted demo quote as a letter, by
// the demo CSR, once (none when a sending exists). Requires: the demo
// quotes (demo_quotes.h). Returns the sendings made (0 or 1).
Result<int> add_demo_sendings(store::Database& db, const Clock& clock,
                              const i18n::Catalog& catalog);

}  // namespace rapport::app
