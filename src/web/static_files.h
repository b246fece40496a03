// web/static_files.h: the CSS, scripts and images under static/, read once
// at start and served from memory with an ETag and cache headers.
#pragma once

#include <map>
#include <string>

#include "web/request.h"

namespace rapport::web {

class StaticFiles {
 public:
  // Reads every file under `dir` (vendor/ included). Files are small; the
  // whole folder stays in memory.
  explicit StaticFiles(const std::string& dir);

  // The file for a path under /static/, 304 when the client's copy is
  // current, or nullopt when there is no such file.
  std::optional<Response> serve(const Request& req) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
  };
  std::map<std::string, File, std::less<>> files_;  // key: "/static/app.css"
};

}  // namespace rapport::web
