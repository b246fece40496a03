// app/demo/demo_quotes.h: the quotes of the demo data (issue 15, item 7):
// quotes in every status (draft, sent, accepted, rejected, expired, a
// revised one with its older revision, one converted to an order), made
// through the same QuoteDesk calls a CSR makes; after one sent quote the
// price of one of its products changes, so converting it shows the
// change report; and a draft change quote on a customer's assets (one
// disconnected, a product added).
#pragma once

#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

// Adds the demo quotes once (none when a quote exists). Requires: the demo
// users, customers and catalog. Returns the quotes made (revisions included).
Result<int> add_demo_quotes(store::Database& db, const Clock& clock);

}  // namespace rapport::app
