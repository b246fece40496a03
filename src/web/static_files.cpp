#include "web/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/crypto.h"

namespace rapport::web {
namespace {

std::string content_type_of(const std::filesystem::path& p) {
  auto ext = p.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".json") return "application/json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

StaticFiles::StaticFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    File f{body.str(), content_type_of(entry.path()), {}};
    f.etag = "\"" + app::hash_token(f.body).substr(0, 16) + "\"";
    files_["/static/" + fs::relative(entry.path(), dir).generic_string()] = std::move(f);
  }
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  auto it = files_.find(req.path);
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;
  Response r;
  // Revalidation is cheap (an ETag compare) and keeps a deploy visible at once.
  r.headers.emplace_back("Cache-Control", "public, max-age=300, must-revalidate");
  r.headers.emplace_back("ETag", f.etag);
  if (req.header("if-none-match") == f.etag) {
    r.status = 304;
    return r;
  }
  r.headers.emplace_back("Content-Type", f.content_type);
  r.body = f.body;
  return r;
}

}  // namespace rapport::web
