#include "app/contactplan/contact_info_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>

#include "app/access.h"
#include "app/contactplan/contact_planner.h"
#include "app/import_chunks.h"
#include "store/contactplan/contact_info_repository.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

enum Column { customer, plan, phone, earliest, latest, sequence, method, time_zone, note };
constexpr std::array<ImportColumnSpec, 9> kColumns{{{"customer", true},
                                                    {"plan", true},
                                                    {"phone", true},
                                                    {"earliest", true},
                                                    {"latest", true},
                                                    {"sequence", true},
                                                    {"method", false},
                                                    {"time_zone", false},
                                                    {"note", false}}};

// A row that passed validation, waiting for pass 2.
struct ValidRow {
  std::size_t line = 0;
  domain::ContactInfo info;
};

// A non-negative whole number ("#" allowed before a customer number).
std::optional<long long> whole_number(std::string_view text, bool hash_allowed) {
  if (hash_allowed && text.starts_with('#')) text.remove_prefix(1);
  long long v = -1;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < 0)
    return std::nullopt;
  return v;
}

class Importer {
 public:
  Importer(const ContactInfoImportOptions& options, const ContactInfoImportProgressFn& progress,
           ContactInfoImportReport& report)
      : options_(options), progress_(progress), report_(report) {}

  // Pass 1: reads and validates the whole file; writes nothing.
  Status validate(store::Tx& tx, std::istream& in) {
    settings_ = store::SettingsRepository::load(tx);
    for (const auto& p : store::ContactPlanRepository::list(tx, false)) plans_[p.code] = p.id.value;
    ImportFileCounts counts;
    auto told = [&] {
      report_.rows = counts.rows;
      bytes_read_ = counts.bytes_read;
      return tell_progress();
    };
    auto done = read_import_file(
        in, {options_.max_rows, kMaxContactInfoImportBytes, options_.progress_every}, counts,
        [&](const std::vector<std::string>& names) -> Status {
          auto index = read_import_columns(names, kColumns);
          if (!index) return index.error();
          index_ = std::move(*index);
          width_ = names.size();
          return Ok{};
        },
        [&](std::size_t line, const std::vector<std::string>& fields) { take(tx, line, fields); },
        told);
    report_.rows = counts.rows;
    bytes_read_ = counts.bytes_read;
    return done;
  }

  std::size_t to_write() const { return valid_.size(); }
  // The first valid row after `line` (to_write() when none).
  std::size_t first_after(std::size_t line) const {
    return static_cast<std::size_t>(std::find_if(valid_.begin(), valid_.end(),
                                                 [&](const ValidRow& r) { return r.line > line; }) -
                                    valid_.begin());
  }
  // Where a run taken over resumes once the chunk ending before valid row
  // `end` is committed.
  ContactInfoImportResume resume_after(std::size_t end) const {
    return {valid_[end - 1].line, report_.created + chunk_created_,
            report_.updated + chunk_updated_};
  }

  // Pass 2, one chunk inside its write transaction: each row updates the
  // customer's contact info on the plan when there is one now, else creates it.
  Status write(store::Tx& tx, const store::Actor& actor, Instant now, std::size_t begin,
               std::size_t end) {
    chunk_created_ = chunk_updated_ = 0;
    for (std::size_t i = begin; i < end; ++i) {
      domain::ContactInfo info = valid_[i].info;
      if (auto stored = store::ContactInfoRepository::find_for(tx, info.plan, info.customer)) {
        keep_left_out(info, stored->info);
        info.id = stored->info.id;
        info.version = stored->info.version;
        auto saved = store::ContactInfoRepository::update(tx, info, actor, now);
        if (!saved) return saved.error();
        ++chunk_updated_;
      } else {
        auto saved = store::ContactInfoRepository::insert(tx, info, actor, now);
        if (!saved) return saved.error();
        ++chunk_created_;
      }
    }
    return Ok{};
  }

  // After the chunk's transaction committed.
  void commit() {
    report_.created += chunk_created_;
    report_.updated += chunk_updated_;
  }

  bool tell_progress() {
    if (!progress_) return true;
    return progress_({report_.rows, report_.created, report_.updated, report_.invalid, bytes_read_,
                      writing_, valid_.size()});
  }
  void start_writing() { writing_ = true; }

 private:
  bool has(Column c) const { return index_[c].has_value(); }

  // The columns the file leaves out keep what is stored.
  void keep_left_out(domain::ContactInfo& info, const domain::ContactInfo& stored) const {
    info.contact = stored.contact;
    if (!has(method)) info.method = stored.method;
    if (!has(time_zone)) info.time_zone = stored.time_zone;
    if (!has(note)) info.note = stored.note;
  }

  // Validates the row and keeps it; a bad row is reported with every cell
  // at fault (the rest of the file is still validated).
  void take(store::Tx& tx, std::size_t line, const std::vector<std::string>& fields) {
    FieldErrors errors;
    if (fields.size() != width_) {
      errors.add(Error::invalid(
          "import.field_count", {},
          {{"expected", std::to_string(width_)}, {"found", std::to_string(fields.size())}}));
      return bad(line, std::move(errors));
    }
    auto cell = [&](Column c) -> std::string {
      if (!index_[c]) return {};
      const std::string& text = fields[*index_[c]];
      if (auto bad = cell_text_error(text, std::string(kColumns[c].name))) {
        errors.add(std::move(*bad));
        return {};
      }
      return trim_cell(text);
    };
    // The cells as the contact info form takes them.
    ContactInfoInput in;
    const std::string customer_text = cell(customer), plan_text = cell(plan);
    if (auto id = whole_number(customer_text, true); id && *id > 0)
      in.customer = *id;
    else
      errors.add(Error::invalid(customer_text.empty() ? "field.required" : "field.number_invalid",
                                "customer"));
    std::string code = plan_text;
    for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (auto p = plans_.find(code); p != plans_.end())
      in.plan = p->second;
    else
      errors.add(plan_text.empty() ? Error::invalid("field.required", "plan")
                                   : Error::invalid("contact_info_import.plan_unknown", "plan",
                                                    {{"code", plan_text}}));
    in.phone = cell(phone);
    if (auto t = cell(earliest); !t.empty()) in.earliest = t;
    if (auto t = cell(latest); !t.empty()) in.latest = t;
    if (auto t = cell(sequence); !t.empty()) {
      // Out of range is the domain's to say (contact_plan.sequence_invalid).
      auto n = whole_number(t, false);
      if (n)
        in.sequence = static_cast<int>(std::min<long long>(*n, 1'000'000));
      else
        errors.add(Error::invalid("field.number_invalid", "sequence"));
    }
    std::string m = cell(method);
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!m.empty()) in.method = m;
    in.time_zone = cell(time_zone);
    in.note = cell(note);
    if (in.customer && in.plan) {
      if (auto earlier = seen_.find({in.plan, in.customer}); earlier != seen_.end())
        errors.add(Error::invalid("contact_info_import.repeated", "customer",
                                  {{"line", std::to_string(earlier->second)}}));
      else
        seen_.emplace(std::pair{in.plan, in.customer}, line);
      // The columns left out are checked as they are stored.
      if (auto stored = store::ContactInfoRepository::find_for(tx, Id<domain::ContactPlan>{in.plan},
                                                               in.customer)) {
        if (!has(method)) in.method = std::string(domain::to_code(stored->info.method));
        if (!has(time_zone)) in.time_zone = stored->info.time_zone;
        if (!has(note)) in.note = stored->info.note;
      }
    }
    // The form's checks; a cell already at fault is reported once.
    FieldErrors checked;
    auto info = check_contact_info_input(tx, in, settings_, checked);
    for (auto& e : checked.errors)
      if (std::none_of(errors.errors.begin(), errors.errors.end(),
                       [&](const Error& x) { return x.field == e.field; }))
        errors.add(std::move(e));
    if (!errors.empty()) return bad(line, std::move(errors));
    valid_.push_back({line, std::move(*info)});
  }

  void bad(std::size_t line, FieldErrors errors) {
    ++report_.invalid;
    keep_row_problems(report_.problems, report_.problems_total, line, std::move(errors));
  }

  const ContactInfoImportOptions& options_;
  const ContactInfoImportProgressFn& progress_;
  ContactInfoImportReport& report_;
  domain::InstallationSettings settings_;
  std::map<std::string, std::int64_t> plans_;  // code → id
  std::vector<std::optional<std::size_t>> index_;
  std::size_t width_ = 0;
  std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> seen_;  // (plan, customer) → line
  std::uint64_t bytes_read_ = 0;
  bool writing_ = false;
  std::vector<ValidRow> valid_;
  std::size_t chunk_created_ = 0, chunk_updated_ = 0;
};

}  // namespace

Result<ContactInfoImportReport> ContactInfoImportDesk::import_contact_infos(
    const domain::User& actor, std::istream& in, const ContactInfoImportOptions& options,
    const ContactInfoImportProgressFn& progress) {
  if (auto ok = require(actor, Capability::manage_plans); !ok) return ok.error();
  return run(actor_of(actor), in, options, progress);
}

Result<ContactInfoImportReport> ContactInfoImportDesk::import_contact_infos_as_system(
    std::istream& in, const ContactInfoImportOptions& options,
    const ContactInfoImportProgressFn& progress) {
  return run(system_actor("import"), in, options, progress);
}

Result<ContactInfoImportReport> ContactInfoImportDesk::run(
    const store::Actor& actor, std::istream& in, const ContactInfoImportOptions& options,
    const ContactInfoImportProgressFn& progress) {
  ContactInfoImportOptions checked = options;
  checked.max_rows = std::min(checked.max_rows, kMaxContactInfoImportRows);
  if (checked.chunk_rows == 0) checked.chunk_rows = ContactInfoImportOptions{}.chunk_rows;
  if (checked.progress_every == 0)
    checked.progress_every = ContactInfoImportOptions{}.progress_every;
  ContactInfoImportReport report;
  Importer importer(checked, progress, report);

  // Pass 1, in a read transaction: other users write meanwhile.
  auto valid = db_.read([&](store::Tx& tx) -> Status { return importer.validate(tx, in); });
  if (!valid) return valid.error();
  if (report.invalid > 0) return report;  // nothing imported

  // Pass 2, one write transaction per chunk; taken over, after the rows
  // the chunks committed before wrote.
  importer.start_writing();
  const Instant now = clock_.now();
  const std::size_t first = importer.first_after(checked.resume.line);
  report.created = checked.resume.created;
  report.updated = checked.resume.updated;
  const std::size_t total = importer.to_write() - first;
  auto written = write_in_chunks(
      db_, total, checked.chunk_rows,
      [&](std::size_t begin, std::size_t end) -> ChunkWork {
        return [&, begin = begin + first, end = end + first](store::Tx& tx) -> Status {
          if (auto ok = importer.write(tx, actor, now, begin, end); !ok) return ok;
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
  return report;
}

}  // namespace rapport::app
