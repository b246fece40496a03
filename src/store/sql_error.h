// store/sql_error.h: turns a database library exception into an Error.
#pragma once

#include <exception>

#include "core/error.h"
#include "store/database.h"

namespace rapport::store {

// A unique-key violation → conflict ("record.duplicate"); busy, locked,
// serialization failure or a lost connection → unavailable; anything else →
// internal, with the library's text kept as detail for the log.
Error sql_error(const std::exception& e, Dialect dialect);

}  // namespace rapport::store
