// app/contactplan/plan_generation.h: the batch that creates active contact plan
// entries [OIS057], as a job ("plan_generation") or from the command line.
//
// For each selected plan, each of its customers (in chunks of
// kGenerationChunk contact infos, one transaction each, so the server stays
// responsive) and each scheduled day in the range: exceptions first, then
// non-activity, then an entry with status 10 unless one exists. Re-running
// the same parameters creates nothing new, so a job killed mid-way is
// simply run again.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/jobs/job.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app {

constexpr int kGenerationChunk = 500;      // contact infos per transaction
constexpr int kDefaultGenerationDays = 7;  // contact-planning.md: "default: the next 7 days"
// Plans, customers or categories in one batch's parameters, each: more is
// "generation.too_many" on the field, before a job is accepted.
constexpr std::size_t kMaxGenerationSelection = 10000;

class JobRunner;

struct GenerationParams {
  std::vector<std::int64_t> plans;      // empty: every active plan
  std::vector<std::int64_t> customers;  // empty: every customer on the plan
  std::vector<std::string> categories;  // customer category or class codes
  CivilDate from{};
  CivilDate to{};
  bool delete_previous = false;  // open entries dated before `from`
  bool simulate = false;         // count, write nothing
};

struct GenerationCounts {
  long long created = 0;
  long long already_present = 0;
  long long skipped_by_exception = 0;
  long long skipped_by_non_activity = 0;
  long long without_phone = 0;  // customers on the plan with no usable phone
  long long deleted = 0;
  long long customers = 0;                            // contact infos processed
  std::vector<std::int64_t> customers_without_phone;  // the first 100
};

// A generation as a face asks for it: the input parsed, nothing decided.
// What was left out takes the one set of defaults, for the page, the API
// and the command line alike (resolve_generation).
struct GenerationRequest {
  std::vector<std::int64_t> plans;      // by id; none (and no codes): every active plan
  std::vector<std::string> plan_codes;  // by code (the command line), any case
  std::vector<std::int64_t> customers;  // none: every customer on the plans
  std::vector<std::string> categories;  // customer category or class codes
  std::optional<CivilDate> from;        // none: today in the installation's calendar
  std::optional<CivilDate> to;          // none: the 7 days from `from`
  bool delete_previous = false;
  bool simulate = false;
};

// What a blank form shows: from today (installation's calendar) for
// kDefaultGenerationDays days; no plan ticked means every active plan.
GenerationParams generation_defaults(store::Database& db, const Clock& clock);

// The defaults applied, plan codes resolved ("generation.plan_code_unknown"),
// then check_generation: the parameters a job or the command line runs.
Result<GenerationParams> resolve_generation(store::Database& db, const Clock& clock,
                                            const GenerationRequest& request);

// The use case of the page and the API: the role (manage_plans), the
// parameters resolved and checked, the job started.
struct StartedGeneration {
  Id<domain::Job> job;
  GenerationParams params;
};
Result<StartedGeneration> start_generation(JobRunner& jobs, store::Database& db, const Clock& clock,
                                           const domain::User& actor,
                                           const GenerationRequest& request);

// Reads and writes the parameters as the JSON a job stores.
std::string to_json(const GenerationParams& p);
// Errors: invalid_input naming the field ("from", "to", "plans", "customers").
Result<GenerationParams> generation_params_from_json(std::string_view json);

// Checks the parameters against the database: at most
// kMaxGenerationSelection ids or codes per field ("generation.too_many"),
// checked first; plans exist (an unknown
// plan: "generation.plan_unknown"), customers exist, categories are known
// codes, the range is valid. Fills `plans` when empty with the active ones.
Result<GenerationParams> check_generation(store::Database& db, GenerationParams params);

struct GenerationHooks {
  // Called after each chunk with (contact infos done, total).
  std::function<void(long long, long long, const GenerationCounts&)> progress;
  // Returns true to stop between chunks (the chunks done stay written).
  std::function<bool()> cancelled;
  // Inside each chunk's write transaction, after its writes, with the last
  // customer done and the counts and contact infos done so far: a job's
  // partition moves its cursor with the chunk (JobContext::checkpoint). An
  // Error rolls the chunk back and stops the run with it.
  std::function<Status(store::Tx&, std::int64_t, const GenerationCounts&, long long)> checkpoint;
};

// One partition of a generation job: the contact infos of one plan whose
// customer id is in (after, upto] (upto 0: to the last), resumed after
// `resume_after` with the counts and contact infos done before.
struct GenerationSlice {
  std::int64_t plan = 0;
  std::int64_t after = 0;
  std::int64_t upto = 0;
  std::int64_t resume_after = 0;
  GenerationCounts counts;
  long long done = 0;
};

// The partitions of a generation (JobSplit): for each plan, ranges of
// customer ids of about `size` contact infos each, with their totals.
Result<std::vector<domain::JobPartition>> split_generation(store::Tx& tx,
                                                           const GenerationParams& params,
                                                           std::int64_t size);
// A partition's range and resume point as a job stores them (params and
// cursor); the cursor holds the counts so far, committed with the chunk.
std::string slice_params_json(const GenerationSlice& slice);
std::string slice_cursor_json(std::int64_t after, const GenerationCounts& counts, long long done);
// Errors: invalid_input ("generation.params_invalid").
Result<GenerationSlice> slice_from_json(std::string_view params, std::string_view cursor);
// Runs one slice (see generate_entries).
Result<GenerationCounts> generate_slice(store::Database& db, const Clock& clock,
                                        const GenerationParams& params,
                                        std::optional<std::int64_t> actor,
                                        const GenerationSlice& slice, const GenerationHooks& hooks);

// Runs the batch. Errors: those of the database; Error{kJobCancelled} when
// cancelled (see job_runner.h).
Result<GenerationCounts> generate_entries(store::Database& db, const Clock& clock,
                                          const GenerationParams& params,
                                          std::optional<std::int64_t> actor,
                                          const GenerationHooks& hooks);

// The JSON summary a job keeps as its result, and back.
std::string to_json(const GenerationCounts& counts);
Result<GenerationCounts> generation_counts_from_json(std::string_view json);

}  // namespace rapport::app
