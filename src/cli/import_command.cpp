// rapport import customers FILE [--skip-bad-rows]; rapport import contact-info FILE.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "app/contactplan/contact_info_import.h"
#include "app/customers/customer_import.h"
#include "cli/commands.h"
#include "i18n/format.h"
#include "store/migrations.h"

namespace rapport::cli {
namespace {

struct ImportCliOptions {
  std::string file;
  bool skip_bad_rows = false;
};

std::string number(const CliContext& ctx, std::uint64_t n) {
  return i18n::format_integer(ctx.language, static_cast<std::int64_t>(n));
}

// Bad cells and skipped rows, one a line, the first `limit` of them.
void print_problems(const CliContext& ctx, const std::vector<app::ImportProblem>& problems,
                    std::size_t total, std::size_t limit) {
  for (std::size_t i = 0; i < problems.size() && i < limit; ++i) {
    const auto& p = problems[i];
    MessageArgs args{{"line", std::to_string(p.line)},
                     {"column", p.column},
                     {"message", ctx.catalog->message(ctx.language, p.reason)}};
    std::cerr << ctx.text(p.column.empty() ? "cli.import_row" : "cli.import_cell", args) << "\n";
  }
  const std::size_t shown = std::min(problems.size(), limit);
  if (total > shown)
    std::cerr << ctx.text("cli.import_truncated", {{"shown", number(ctx, shown)}}) << "\n";
}

// The file opened within `max_bytes`, and the database, schema current;
// nullopt (with the exit code in `code`) when not.
struct OpenedImport {
  std::ifstream in;
  std::uintmax_t size = 0;
  std::unique_ptr<store::Database> db;
};
std::optional<OpenedImport> open_import(CliContext& ctx, const std::string& file,
                                        std::uint64_t max_bytes, int& code) {
  OpenedImport out;
  std::error_code ec;
  out.size = std::filesystem::file_size(file, ec);
  out.in.open(file, std::ios::binary);
  if (ec || !out.in) {
    code = ctx.fail(Error::invalid("import.file_unreadable", "file", {{"file", file}}));
    return std::nullopt;
  }
  if (out.size > max_bytes) {
    code = ctx.fail(Error::invalid("import.file_too_large", "file",
                                   {{"max", std::to_string(max_bytes >> 20)}}));
    return std::nullopt;
  }
  out.db = ctx.open_database();
  if (!out.db) {
    code = 3;
    return std::nullopt;
  }
  if (auto current = store::check_schema_current(*out.db); !current) {
    code = ctx.fail(current.error());
    return std::nullopt;
  }
  return out;
}

int import_customers(CliContext& ctx, const ImportCliOptions& o) {
  int code = 0;
  auto opened = open_import(ctx, o.file, app::kMaxImportBytes, code);
  if (!opened) return code;
  std::ifstream& in = opened->in;
  const std::uintmax_t size = opened->size;
  store::Database& db = *opened->db;
  app::ImportOptions options;
  options.skip_bad_rows = o.skip_bad_rows;
  // Small files import in a blink: progress only once a file passed the
  // first step (10,000 rows).
  auto progress = [&](const app::ImportProgress& p) {
    if (p.rows < options.progress_every) return true;
    std::cerr << ctx.text("cli.import_progress",
                          {{"rows", number(ctx, p.rows)},
                           {"imported", number(ctx, p.imported)},
                           {"invalid", number(ctx, p.invalid)},
                           {"skipped", number(ctx, p.skipped)},
                           {"percent", std::to_string(size ? p.bytes_read * 100 / size : 100)}})
              << std::endl;
    return true;
  };
  app::CustomerImportDesk desk(db, ctx.clock);
  auto report = desk.import_customers_as_system(in, options, progress);
  if (!report) return ctx.fail(report.error());
  // Every bad cell matters (the file must be fixed); skipped rows are only
  // a sample of what was already there.
  print_problems(ctx, report->problems, report->problems_total, app::kMaxReportedProblems);
  print_problems(ctx, report->skips, report->skipped, 20);
  if (!report->committed) {
    std::cerr << ctx.text("cli.import_nothing", {{"invalid", std::to_string(report->invalid)}})
              << "\n";
    return 2;
  }
  if (report->stopped) {
    // The chunks committed before the failure stay: say how many.
    const bool cancelled = report->stopped->key == "import.cancelled";
    const int stopped = cancelled ? 1 : ctx.fail(*report->stopped);
    std::cerr << ctx.text(cancelled ? "import.cancelled_partial" : "import.failed_partial",
                          {{"imported", std::to_string(report->imported)},
                           {"invalid", std::to_string(report->invalid)},
                           {"skipped", std::to_string(report->skipped)}})
              << "\n";
    return stopped;
  }
  std::cout << ctx.text("cli.import_done", {{"imported", std::to_string(report->imported)},
                                            {"invalid", std::to_string(report->invalid)},
                                            {"skipped", std::to_string(report->skipped)}})
            << "\n";
  return 0;
}

int import_contact_infos(CliContext& ctx, const ImportCliOptions& o) {
  int code = 0;
  auto opened = open_import(ctx, o.file, app::kMaxContactInfoImportBytes, code);
  if (!opened) return code;
  app::ContactInfoImportDesk desk(*opened->db, ctx.clock);
  auto report = desk.import_contact_infos_as_system(opened->in, {});
  if (!report) return ctx.fail(report.error());
  print_problems(ctx, report->problems, report->problems_total, app::kMaxReportedProblems);
  // Raw numbers: these messages count with ICU, which writes them.
  const MessageArgs counts{{"created", std::to_string(report->created)},
                           {"updated", std::to_string(report->updated)},
                           {"invalid", std::to_string(report->invalid)}};
  if (!report->committed) {
    std::cerr << ctx.text("cli.import_contact_info_nothing", counts) << "\n";
    return 2;
  }
  if (report->stopped) {
    const int failed = ctx.fail(*report->stopped);
    std::cerr << ctx.text("contact_info_import.failed_partial", counts) << "\n";
    return failed;
  }
  std::cout << ctx.text("contact_info_import.done", counts) << "\n";
  return 0;
}

}  // namespace

void add_import_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* import = app.add_subcommand("import", ctx.text("cli.import_help"));
  import->require_subcommand(1);
  auto options = std::make_shared<ImportCliOptions>();
  auto* customers = import->add_subcommand(
      "customers",
      ctx.text("cli.import_customers_help", {{"max_rows", number(ctx, app::kMaxImportRows)},
                                             {"max_mb", number(ctx, app::kMaxImportBytes >> 20)}}));
  customers->add_option("file", options->file, ctx.text("cli.import_file_option"))->required();
  customers->add_flag("--skip-bad-rows", options->skip_bad_rows,
                      ctx.text("cli.import_skip_bad_rows_option"));
  customers->callback(
      [&, options] { action = [&, options] { return import_customers(ctx, *options); }; });
  auto* infos = import->add_subcommand(
      "contact-info", ctx.text("cli.import_contact_info_help",
                               {{"max_rows", number(ctx, app::kMaxContactInfoImportRows)},
                                {"max_mb", number(ctx, app::kMaxContactInfoImportBytes >> 20)}}));
  infos->add_option("file", options->file, ctx.text("cli.import_file_option"))->required();
  infos->callback(
      [&, options] { action = [&, options] { return import_contact_infos(ctx, *options); }; });
}

}  // namespace rapport::cli
