// tests/support/must.h: the value of a Result a test needs to go on; an error
// fails the test with its key, field and detail instead of reading an empty
// Result.
#pragma once

#include <stdexcept>
#include <utility>

#include "core/result.h"

namespace rapport::testing {

template <typename T>
T must(Result<T> r) {
  if (!r)
    throw std::runtime_error("unexpected error " + r.error().key + " " + r.error().field + " " +
                             r.error().detail);
  return std::move(*r);
}

}  // namespace rapport::testing
