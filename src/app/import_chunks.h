// app/import_chunks.h: pass 2 of every CSV import — the valid rows written
// in chunks, one write transaction each, so that other users' saves wait
// for one chunk at most instead of the whole file.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>

#include "core/error.h"
#include "core/result.h"
#include "store/database.h"

namespace rapport::app {

// The work of one chunk inside its write transaction.
using ChunkWork = std::function<Status(store::Tx&)>;

struct ChunkedWrite {
  // Set when a chunk after the first failed ("the database's error") or the
  // import was cancelled ("import.cancelled"); the chunks committed stay.
  std::optional<Error> stopped;
};

// Rows [0, total) in chunks of `chunk_rows`: `prepare(begin, end)` readies
// a chunk outside any transaction and returns its work; `committed()` runs
// after each commit and returns false to cancel the rest. Errors: the
// first chunk's failure (nothing was committed, as any failed import).
Result<ChunkedWrite> write_in_chunks(
    store::Database& db, std::size_t total, std::size_t chunk_rows,
    const std::function<ChunkWork(std::size_t, std::size_t)>& prepare,
    const std::function<bool()>& committed);

}  // namespace rapport::app
