// Helpers of the delivery tests: a temporary folder, a command's output, and
// the text of a PDF as poppler's pdftotext reads it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rapport::delivery::testing {

// A folder under $TMPDIR (or /tmp), removed with its files at the end.
class TempFolder {
 public:
  TempFolder() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/rapport-delivery-XXXXXX";
    if (!mkdtemp(pattern.data())) ADD_FAILURE() << "mkdtemp " << pattern;
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// What `command` writes on its standard output (its errors are kept out).
inline std::string command_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// The pages of a PDF as `pdftotext -layout` lays out their text.
inline std::vector<std::string> pdf_pages_text(const std::string& pdf) {
  TempFolder folder;
  const auto file = folder.path() / "document.pdf";
  write_file(file, pdf);
  const std::string text = command_output("pdftotext -layout -enc UTF-8 '" + file.string() + "' -");
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (;;) {
    auto feed = text.find('\f', start);
    if (feed == std::string::npos) break;
    pages.push_back(text.substr(start, feed - start));
    start = feed + 1;
  }
  return pages;
}

inline int count_of(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
    ++n;
  return n;
}

}  // namespace rapport::delivery::testing
