#include "app/customers/customer_import.h"

#include <algorithm>

#include "app/access.h"
#include "app/csv_reader.h"
#include "app/customers/customer_import_row.h"
#include "domain/customers/customer_rules.h"
#include "store/customers/account_repository.h"
#include "store/customers/customer_class_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/premise_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

// Returned inside the transaction to roll it back when a bad row means
// nothing is imported; the caller still gets the report.
constexpr const char* kRowsInvalid = "import.rows_invalid";

void keep(std::vector<ImportProblem>& list, std::size_t line, std::string column, Error reason) {
  if (list.size() < kMaxReportedProblems)
    list.push_back({line, std::move(column), std::move(reason)});
}

class Importer {
 public:
  Importer(store::Tx& tx, const store::Actor& actor, Instant now, const ImportOptions& options,
           const ImportProgressFn& progress, ImportReport& report)
      : tx_(tx), actor_(actor), now_(now), options_(options), progress_(progress), report_(report) {
    settings_ = store::SettingsRepository::load(tx);
    defaults_.country = settings_.country;
    defaults_.language = settings_.default_language;
    defaults_.currency = settings_.currency;
    defaults_.customer_classes = store::CustomerClassRepository::active_codes(tx);
  }

  Status run(std::istream& in) {
    CsvReader csv(in);
    std::vector<std::string> fields;
    auto more = csv.next(fields);
    if (!more) return more.error();
    if (!*more || is_blank(fields)) return Error::invalid("import.header_missing");
    auto header = read_import_header(fields);
    if (!header) return header.error();
    for (;;) {
      more = csv.next(fields);
      if (!more) return more.error();
      if (!*more) break;
      if (csv.bytes_read() > kMaxImportBytes)
        return Error::invalid("import.file_too_large", {},
                              {{"max", std::to_string(kMaxImportBytes >> 20)}});
      if (is_blank(fields)) continue;
      if (++report_.rows > options_.max_rows)
        return Error::invalid(
            "import.too_many_rows", {},
            {{"max", std::to_string(options_.max_rows)}, {"line", std::to_string(csv.line())}});
      take(csv.line(), *header, fields);
      if (report_.rows % options_.progress_every == 0 && !tell_progress(csv.bytes_read()))
        return Error::invalid("import.cancelled");
    }
    if (report_.rows % options_.progress_every != 0 && !tell_progress(csv.bytes_read()))
      return Error::invalid("import.cancelled");
    if (report_.invalid > 0 && !options_.skip_bad_rows) return Error::invalid(kRowsInvalid);
    return Ok{};
  }

 private:
  // Validates the row, then imports it unless a bad row already dooms the
  // file (the rest is only validated, to report every bad row at once).
  void take(std::size_t line, const ImportHeader& header, const std::vector<std::string>& fields) {
    FieldErrors errors;
    ImportRow row = read_import_row(header, fields, defaults_, errors);
    if (!errors.empty()) {
      ++report_.invalid;
      report_.problems_total += errors.errors.size();
      for (auto& e : errors.errors) {
        std::string column = e.field;
        keep(report_.problems, line, std::move(column), std::move(e));
      }
      return;
    }
    if (report_.invalid > 0 && !options_.skip_bad_rows) return;
    if (already_stored(line, row.customer)) return;
    insert(row);
    ++report_.imported;
  }

  // True (and reported) when a customer with the row's phone or e-mail exists.
  bool already_stored(std::size_t line, const domain::Customer& c) {
    // Only the phones and e-mails: without a postal code the repository
    // skips the name lookup, which at a busy postal code would cost more
    // than the insert.
    domain::Customer probe;
    probe.phones = c.phones;
    probe.emails = c.emails;
    if (probe.phones.empty() && probe.emails.empty()) return false;
    for (const auto& candidate : store::CustomerRepository::duplicate_candidates(tx_, probe, 5)) {
      auto reasons = domain::duplicate_reasons(probe, candidate);
      for (const char* column : {"phone", "email"}) {
        if (std::find(reasons.begin(), reasons.end(), column) == reasons.end()) continue;
        ++report_.skipped;
        keep(report_.skips, line, column,
             Error::invalid(
                 "import.already_exists", column,
                 {{"id", std::to_string(candidate.id.value)}, {"name", candidate.display_name()}}));
        return true;
      }
    }
    return false;
  }

  // As CustomerDesk::add does: the customer, an account, a premise at the
  // customer's address and, when a type is given, a service point there.
  void insert(ImportRow& row) {
    auto& c = row.customer;
    c.time_zone = domain::choose_time_zone(c, settings_.time_zone);
    c.id = store::CustomerRepository::insert(tx_, c, actor_, now_);
    domain::Account account;
    account.customer = c.id;
    account.customer_class = c.customer_class;
    account.currency = row.currency;
    account.start_date = date::year_month_day{date::floor<date::days>(now_)};
    store::AccountRepository::insert(tx_, account, actor_, now_);
    domain::Premise premise;
    premise.address = c.address;
    premise.premise_type = row.premise_type;
    premise.time_zone = c.time_zone;
    auto premise_id = store::PremiseRepository::insert(tx_, premise, actor_, now_);
    if (!row.service_point_type.empty())
      store::PremiseRepository::insert_point(
          tx_, {{}, premise_id, row.service_point_type, "to_install", 0}, actor_, now_);
    store::PremiseRepository::link(tx_, c.id, premise_id);
  }

  bool tell_progress(std::uint64_t bytes) {
    if (!progress_) return true;
    return progress_({report_.rows, report_.imported, report_.invalid, report_.skipped, bytes});
  }

  store::Tx& tx_;
  const store::Actor& actor_;
  const Instant now_;
  const ImportOptions& options_;
  const ImportProgressFn& progress_;
  ImportReport& report_;
  domain::InstallationSettings settings_;
  ImportDefaults defaults_;
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
  checked.max_rows = std::min(checked.max_rows, kMaxImportRows);
  ImportReport report;
  const Instant now = clock_.now();
  auto done = db_.write([&](store::Tx& tx) -> Status {
    return Importer(tx, actor, now, checked, progress, report).run(in);
  });
  if (!done) {
    if (done.error().key != kRowsInvalid) return done.error();
    report.imported = 0;
    report.skipped = 0;
    report.skips.clear();
    return report;
  }
  report.committed = true;
  return report;
}

}  // namespace rapport::app
