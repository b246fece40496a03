// app/sales/fulfilment_batch.h: the fulfilment batch (issue 14: "long work
// (a fulfilment batch…) runs as a job with progress and cancel"). It
// completes — or fails, with one reason — the open lines of given orders,
// or every line of the fulfilment queue, kFulfilmentChunk lines per
// transaction through fulfil_order_lines (fulfilment.h), the path a
// fulfilment user's single click takes: assets for trackable lines, the
// order complete when its last line is done. A cancel stops it between two
// chunks; the chunks done stay. Lines done meanwhile, and those of an
// order canceled meanwhile, are refused (counted), never changed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/sales/fulfilment.h"
#include "core/result.h"
#include "domain/jobs/job.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

class JobRunner;

constexpr int kFulfilmentChunk = 500;          // lines per transaction
constexpr std::size_t kMaxBatchOrders = 1000;  // orders named in one batch

struct FulfilmentBatchRequest {
  std::vector<std::int64_t> orders;  // their open lines
  bool whole_queue = false;          // every open line of the fulfilment queue
  LineOutcome outcome = LineOutcome::complete;
  std::string reason;  // fail: why (required)
};

// Checks the request against the database. Errors (invalid_input):
// "fulfilment.selection_empty" (orders: neither orders nor the whole
// queue), "fulfilment.selection_both", "fulfilment.too_many_orders" {max},
// "fulfilment.order_unknown" {id}, "fulfilment.order_not_open" {number} (a
// pending, complete or canceled order), "sales_order.line_fail_reason_required"
// and "field.too_long" (reason).
Status check_fulfilment_batch(store::Database& db, const FulfilmentBatchRequest& request);

// The use case of the API (and the lead's fulfilment page): the role
// (fulfil_orders), the request checked, the job "fulfilment_batch" started.
Result<Id<domain::Job>> start_fulfilment_batch(JobRunner& jobs, store::Database& db,
                                               const domain::User& actor,
                                               const FulfilmentBatchRequest& request);

// The request as the job stores it, and back. Errors: invalid_input
// ("fulfilment.params_invalid").
std::string to_json(const FulfilmentBatchRequest& request);
Result<FulfilmentBatchRequest> fulfilment_batch_from_json(std::string_view json);

// Where a batch taken over resumes (issue 17): every selected line up to
// the last line of its last committed chunk (by order and line number) was
// dealt with, with these counts.
struct FulfilmentResume {
  std::int64_t order = 0;  // the order and line of the last chunk's last line; 0: from the start
  std::int64_t line = 0;
  long long done = 0;      // lines dealt with so far
  long long selected = 0;  // open lines when the batch started
  FulfilmentCounts counts;
};
std::string to_json(const FulfilmentResume& resume);
// An empty or unreadable cursor: from the start.
FulfilmentResume fulfilment_resume_of(std::string_view json);

struct FulfilmentBatchHooks {
  // After each chunk: (lines done, lines selected, counts so far).
  std::function<void(long long, long long, const FulfilmentCounts&)> progress;
  // True to stop before the next chunk.
  std::function<bool()> cancelled;
  // Inside each chunk's write transaction, after its work: where a run
  // taken over would resume. A job moves its cursor here; an Error rolls the
  // chunk back and ends the batch with that error.
  std::function<Status(store::Tx&, const FulfilmentResume&)> checkpoint;
  // Resumes after this point instead of starting (a batch taken over): the
  // lines still open after resume's line, the counts and `selected` its own.
  FulfilmentResume resume;
};

struct FulfilmentBatchResult {
  FulfilmentCounts counts;
  long long selected = 0;  // open lines when the batch started
  bool cancelled = false;  // stopped between chunks
};

// Runs the batch as `who`. Errors: those of the database (the chunks
// committed before stay).
Result<FulfilmentBatchResult> run_fulfilment_batch(store::Database& db, const Clock& clock,
                                                   const store::Actor& who,
                                                   const FulfilmentBatchRequest& request,
                                                   const FulfilmentBatchHooks& hooks = {},
                                                   int chunk = kFulfilmentChunk);

}  // namespace rapport::app
