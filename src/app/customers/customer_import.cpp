#include "app/customers/customer_import.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "app/access.h"
#include "app/customers/customer_import_row.h"
#include "app/import_chunks.h"
#include "domain/customers/customer_rules.h"
#include "store/customers/contact_point_owners.h"
#include "store/customers/customer_bulk_loader.h"
#include "store/customers/customer_class_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/customer_rows.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

// Returned inside the one transaction of ImportOptions::kOneTransaction to
// roll it back when a bad row means nothing is imported; the caller still
// gets the report.
constexpr const char* kRowsInvalid = "import.rows_invalid";

Error already_exists(const char* column, long long id, const std::string& name) {
  return Error::invalid("import.already_exists", column,
                        {{"id", std::to_string(id)}, {"name", name}});
}

// A row that passed validation, waiting for pass 2.
struct ValidRow {
  std::size_t line = 0;
  ImportRow row;
  std::size_t invalid_before = 0;  // the report's counts when the row was read
  std::size_t skipped_before = 0;
};

// A skipped row of the report whose customer is an earlier row of the
// file: its id is known once that row is inserted.
struct EarlierRowRef {
  std::size_t skip = 0;  // index in ImportReport::skips
  std::size_t row = 0;   // index in the valid rows
};

class Importer {
 public:
  Importer(const store::Actor& actor, Instant now, const ImportOptions& options,
           const ImportProgressFn& progress, ImportReport& report)
      : actor_(actor), now_(now), options_(options), progress_(progress), report_(report) {}

  // Pass 1: reads and validates the whole file, keeping the rows to insert.
  // Writes nothing; `tx` may be a read transaction.
  Status validate(store::Tx& tx, std::istream& in) {
    settings_ = store::SettingsRepository::load(tx);
    defaults_.country = settings_.country;
    defaults_.language = settings_.default_language;
    defaults_.currency = settings_.currency;
    defaults_.customer_classes = store::CustomerClassRepository::active_codes(tx);
    std::optional<ImportHeader> header;
    ImportFileCounts counts;
    // Taken over: the rows up to resume.line were dealt with.
    report_.invalid = options_.resume.invalid;
    report_.skipped = options_.resume.skipped;
    report_.imported = options_.resume.imported;
    auto done = read_import_file(
        in, {options_.max_rows, kMaxImportBytes, options_.progress_every}, counts,
        [&](const std::vector<std::string>& names) -> Status {
          auto h = read_import_header(names);
          if (!h) return h.error();
          header = std::move(*h);
          return Ok{};
        },
        [&](std::size_t line, const std::vector<std::string>& fields) {
          take(tx, line, *header, fields);
        },
        [&] {
          report_.rows = counts.rows;
          bytes_read_ = counts.bytes_read;
          return tell_progress();
        });
    report_.rows = counts.rows;
    bytes_read_ = counts.bytes_read;
    if (!done) return done;
    // The maps served the duplicate checks between rows only.
    phones_ = {};
    emails_ = {};
    ids_.assign(valid_.size(), 0);
    return Ok{};
  }

  bool doomed() const { return report_.invalid > 0 && !options_.skip_bad_rows; }
  std::size_t to_insert() const { return valid_.size(); }

  // Pass 2, one chunk: the valid rows [begin, end) become bundles, ready
  // for the bulk loader (their costly derived columns are computed here,
  // outside any transaction).
  std::vector<store::CustomerBundle> bundles(std::size_t begin, std::size_t end) {
    std::vector<store::CustomerBundle> out;
    out.reserve(end - begin);
    const date::year_month_day today{date::floor<date::days>(now_)};
    for (std::size_t i = begin; i < end; ++i) {
      // As CustomerDesk::add does: the customer, an account, a premise at
      // the customer's address and, when a type is given, a service point.
      auto& row = valid_[i].row;
      store::CustomerBundle b;
      b.customer = std::move(row.customer);
      b.customer.time_zone = domain::choose_time_zone(b.customer, settings_.time_zone);
      b.account.customer_class = b.customer.customer_class;
      b.account.currency = std::move(row.currency);
      b.account.start_date = today;
      b.premise.address = b.customer.address;
      b.premise.premise_type = std::move(row.premise_type);
      b.premise.time_zone = b.customer.time_zone;
      if (!row.service_point_type.empty())
        b.points.push_back({{}, {}, std::move(row.service_point_type), "to_install", 0, ""});
      store::CustomerBulkLoader::prepare(b);
      out.push_back(std::move(b));
      row = {};  // its memory goes back as the import proceeds
    }
    return out;
  }

  // Pass 2, one chunk, inside its write transaction: the rows whose phone
  // or e-mail was stored since pass 1 (by another user) are skipped, the
  // others inserted. The report learns of it only once committed (commit()).
  void insert(store::Tx& tx, std::size_t begin, std::vector<store::CustomerBundle>& chunk) {
    store::CustomerBulkLoader::lock(tx);
    chunk_skips_.clear();
    std::vector<store::CustomerBundle> fresh;
    std::vector<std::size_t> rows;
    fresh.reserve(chunk.size());
    // The chunk's phones and e-mails re-checked in two queries, not one per
    // row: the other writers wait for this lock.
    std::vector<std::string> phones, email_keys;
    for (const auto& b : chunk) {
      for (const auto& p : b.customer.phones) phones.push_back(p.e164);
      for (const auto& e : b.customer.emails) email_keys.push_back(store::email_key(e));
    }
    const auto owners = store::contact_point_owners(tx, phones, email_keys);
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      if (auto owner = owner_in(owners, chunk[i].customer)) {
        chunk_skips_.push_back({begin + i, owner->id, owner->name, owner->column});
        continue;
      }
      fresh.push_back(std::move(chunk[i]));
      rows.push_back(begin + i);
    }
    store::CustomerBulkLoader::insert(tx, fresh, actor_, now_, store::BulkAudit::every_record);
    chunk_ids_.clear();
    for (std::size_t i = 0; i < fresh.size(); ++i)
      chunk_ids_.emplace_back(rows[i], fresh[i].customer.id.value);
  }

  // Where a run taken over resumes once the chunk ending at valid row
  // `end` (exclusive) commits: inside its transaction, after insert().
  ImportResume resume_after(std::size_t end) const {
    const auto& last = valid_[end - 1];
    return {last.line, last.invalid_before,
            last.skipped_before + chunk_skipped_ + chunk_skips_.size(),
            report_.imported + chunk_ids_.size()};
  }

  // After the chunk's transaction committed.
  void commit() {
    chunk_skipped_ += chunk_skips_.size();
    for (const auto& [row, id] : chunk_ids_) ids_[row] = id;
    report_.imported += chunk_ids_.size();
    for (const auto& s : chunk_skips_) {
      ids_[s.row] = s.id;
      ++report_.skipped;
      keep_problem(report_.skips, valid_[s.row].line, s.column,
                   already_exists(s.column, s.id, s.name));
    }
    chunk_ids_.clear();
    chunk_skips_.clear();
  }

  // After pass 2 (complete or not): the skipped rows whose customer is an
  // earlier row of the file name the id it was given (or the customer it
  // was skipped for); a row not reached keeps no id.
  void finish() {
    for (const auto& ref : refs_) {
      auto& args = report_.skips[ref.skip].reason.args;
      for (auto& [name, value] : args)
        if (name == "id") value = ids_[ref.row] ? std::to_string(ids_[ref.row]) : "?";
    }
  }

  bool tell_progress() {
    if (!progress_) return true;
    return progress_({report_.rows, report_.imported, report_.invalid, report_.skipped, bytes_read_,
                      inserting_, valid_.size()});
  }
  void start_inserting() { inserting_ = true; }

 private:
  struct ChunkSkip {
    std::size_t row;
    long long id;
    std::string name;
    const char* column = "phone";
  };

  // Validates the row and keeps it unless a bad row already dooms the file
  // (the rest is only validated, to report every bad row at once).
  void take(store::Tx& tx, std::size_t line, const ImportHeader& header,
            const std::vector<std::string>& fields) {
    if (line <= options_.resume.line) return;
    FieldErrors errors;
    ImportRow row = read_import_row(header, fields, defaults_, errors);
    if (!errors.empty()) {
      ++report_.invalid;
      keep_row_problems(report_.problems, report_.problems_total, line, std::move(errors));
      return;
    }
    if (doomed()) return;
    if (repeats_earlier_row(line, row.customer)) return;
    if (auto owner = stored_owner(tx, row.customer)) {
      ++report_.skipped;
      keep_problem(report_.skips, line, owner->column,
                   already_exists(owner->column, owner->id, owner->name));
      return;
    }
    const std::size_t index = valid_.size();
    for (const auto& p : row.customer.phones) phones_.emplace(p.e164, index);
    for (const auto& e : row.customer.emails) emails_.emplace(store::email_key(e), index);
    valid_.push_back({line, std::move(row), report_.invalid, report_.skipped});
  }

  // True (and reported) when an earlier row kept has the row's phone or e-mail.
  bool repeats_earlier_row(std::size_t line, const domain::Customer& c) {
    auto report = [&](const char* column, std::size_t earlier) {
      ++report_.skipped;
      if (report_.skips.size() < kMaxReportedProblems)
        refs_.push_back({report_.skips.size(), earlier});
      keep_problem(report_.skips, line, column,
                   already_exists(column, 0, valid_[earlier].row.customer.display_name()));
      return true;
    };
    for (const auto& p : c.phones)
      if (auto it = phones_.find(p.e164); it != phones_.end()) return report("phone", it->second);
    for (const auto& e : c.emails)
      if (auto it = emails_.find(store::email_key(e)); it != emails_.end())
        return report("email", it->second);
    return false;
  }

  struct Owner {
    const char* column;
    long long id;
    std::string name;
  };
  // The stored customer that has the row's phone or e-mail, if any.
  static std::optional<Owner> stored_owner(store::Tx& tx, const domain::Customer& c) {
    // Only the phones and e-mails: without a postal code the repository
    // skips the name lookup, which at a busy postal code would cost more
    // than the insert.
    domain::Customer probe;
    probe.phones = c.phones;
    probe.emails = c.emails;
    if (probe.phones.empty() && probe.emails.empty()) return std::nullopt;
    for (const auto& candidate : store::CustomerRepository::duplicate_candidates(tx, probe, 5)) {
      auto reasons = domain::duplicate_reasons(probe, candidate);
      for (const char* column : {"phone", "email"})
        if (std::find(reasons.begin(), reasons.end(), column) != reasons.end())
          return Owner{column, static_cast<long long>(candidate.id.value),
                       candidate.display_name()};
    }
    return std::nullopt;
  }
  // The same answer from the owners of a whole chunk's phones and e-mails.
  static std::optional<Owner> owner_in(const store::ContactPointOwners& owners,
                                       const domain::Customer& c) {
    for (const auto& p : c.phones)
      if (auto it = owners.by_phone.find(p.e164); it != owners.by_phone.end())
        return Owner{"phone", it->second.customer, it->second.display_name};
    for (const auto& e : c.emails)
      if (auto it = owners.by_email_key.find(store::email_key(e)); it != owners.by_email_key.end())
        return Owner{"email", it->second.customer, it->second.display_name};
    return std::nullopt;
  }

  const store::Actor& actor_;
  const Instant now_;
  const ImportOptions& options_;
  const ImportProgressFn& progress_;
  ImportReport& report_;
  domain::InstallationSettings settings_;
  ImportDefaults defaults_;
  std::uint64_t bytes_read_ = 0;
  bool inserting_ = false;
  std::vector<ValidRow> valid_;
  std::unordered_map<std::string, std::size_t> phones_, emails_;  // → index in valid_
  std::vector<EarlierRowRef> refs_;
  std::vector<long long> ids_;  // per valid row: its customer, or the one it was skipped for
  std::vector<std::pair<std::size_t, long long>> chunk_ids_;
  std::vector<ChunkSkip> chunk_skips_;
  std::size_t chunk_skipped_ = 0;  // rows skipped by the chunks committed
};

}  // namespace

Result<ImportReport> CustomerImportDesk::import_customers(const domain::User& actor,
                                                          std::istream& in,
                                                          const ImportOptions& options,
                                                          const ImportProgressFn& progress) {
  if (auto ok = require(actor, Capability::import_customers); !ok) return ok.error();
  return run(actor_of(actor), in, options, progress);
}

Result<ImportReport> CustomerImportDesk::import_customers_as_system(
    std::istream& in, const ImportOptions& options, const ImportProgressFn& progress) {
  return run(system_actor("import"), in, options, progress);
}

Result<ImportReport> CustomerImportDesk::run(const store::Actor& actor, std::istream& in,
                                             const ImportOptions& options,
                                             const ImportProgressFn& progress) {
  ImportOptions checked = options;
  if (checked.progress_every == 0) checked.progress_every = 10'000;
  if (checked.chunk_rows == 0) checked.chunk_rows = ImportOptions::kDefaultChunkRows;
  checked.max_rows = std::min(checked.max_rows, kMaxImportRows);
  ImportReport report;
  const Instant now = clock_.now();
  Importer importer(actor, now, checked, progress, report);
  auto nothing_imported = [&report] {
    report.imported = 0;
    report.skipped = 0;
    report.skips.clear();
    return report;
  };

  if (checked.chunk_rows == ImportOptions::kOneTransaction) {
    // Both passes in one transaction, which holds the write lock throughout.
    auto done = db_.write([&](store::Tx& tx) -> Status {
      if (auto ok = importer.validate(tx, in); !ok) return ok;
      if (importer.doomed()) return Error::invalid(kRowsInvalid);
      importer.start_inserting();
      auto chunk = importer.bundles(0, importer.to_insert());
      importer.insert(tx, 0, chunk);
      return Ok{};
    });
    if (!done) {
      if (done.error().key != kRowsInvalid) return done.error();
      return nothing_imported();
    }
    importer.commit();
    importer.finish();
    report.committed = true;
    importer.tell_progress();
    return report;
  }

  // Pass 1, in a read transaction: other users write meanwhile.
  auto valid = db_.read([&](store::Tx& tx) -> Status { return importer.validate(tx, in); });
  if (!valid) return valid.error();
  if (importer.doomed()) return nothing_imported();

  // Pass 2, one write transaction per chunk.
  importer.start_inserting();
  const std::size_t total = importer.to_insert();
  auto written = write_in_chunks(
      db_, total, checked.chunk_rows,
      [&](std::size_t begin, std::size_t end) -> ChunkWork {
        // The bundles are built before the write transaction: it holds the
        // write lock only while inserting.
        return [&importer, &checked, begin, end,
                chunk = importer.bundles(begin, end)](store::Tx& tx) mutable -> Status {
          importer.insert(tx, begin, chunk);
          if (checked.on_chunk) return checked.on_chunk(tx, importer.resume_after(end));
          return Ok{};
        };
      },
      [&] {
        importer.commit();
        report.committed = true;
        return importer.tell_progress();
      });
  if (!written) return written.error();
  report.stopped = written->stopped;
  report.committed = true;
  importer.finish();
  return report;
}

}  // namespace rapport::app
