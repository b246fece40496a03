#include "app/import_chunks.h"

#include <algorithm>

namespace rapport::app {

Result<ChunkedWrite> write_in_chunks(
    store::Database& db, std::size_t total, std::size_t chunk_rows,
    const std::function<ChunkWork(std::size_t, std::size_t)>& prepare,
    const std::function<bool()>& committed) {
  ChunkedWrite out;
  for (std::size_t begin = 0; begin < total; begin += chunk_rows) {
    const std::size_t end = std::min(total, begin + chunk_rows);
    auto work = prepare(begin, end);
    auto done = db.write(work);
    if (!done) {
      if (begin == 0) return done.error();
      out.stopped = done.error();
      break;
    }
    if (!committed() && end < total) {
      out.stopped = Error::invalid("import.cancelled");
      break;
    }
  }
  return out;
}

}  // namespace rapport::app
