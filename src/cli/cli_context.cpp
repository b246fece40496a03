#include "cli/cli_context.h"

#include <cstdlib>
#include <iostream>

namespace rapport::cli {

std::string locale_dir() {
  const char* env = std::getenv("RAPPORT_LOCALE_DIR");
  return env && *env ? env : RAPPORT_LOCALE_DIR;
}

std::string share_dir() {
  const char* env = std::getenv("RAPPORT_SHARE");
  return env && *env ? env : RAPPORT_SHARE_DIR;
}

std::string CliContext::text(std::string_view key, const MessageArgs& args) const {
  return catalog->text(language, key, args);
}

int CliContext::fail(const Error& error) const {
  std::cerr << text("cli.error_prefix") << " " << catalog->message(language, error) << "\n";
  if (!error.detail.empty() && error.code != ErrorCode::invalid_input)
    std::cerr << "  (" << error.detail << ")\n";
  switch (error.code) {
    case ErrorCode::invalid_input:
      return 2;
    case ErrorCode::unavailable:
      return 3;
    case ErrorCode::conflict:
      return 4;
    case ErrorCode::not_found:
      return 5;
    default:
      return 1;
  }
}

std::unique_ptr<store::Database> CliContext::open_database(std::size_t pool_size) const {
  auto db = store::Database::open(db_url, pool_size);
  if (!db) {
    fail(db.error());
    return nullptr;
  }
  return std::move(*db);
}

}  // namespace rapport::cli
