// app/paging.h: how long a page of a list may be, for every face (pages,
// API, command line), and the check every desk's list applies.
#pragma once

#include <string>

#include "core/result.h"

namespace rapport::app {

constexpr int kMaxPageSize = 200;
constexpr int kDefaultPageSize = 50;

// Errors: invalid_input ("page.limit_invalid", field "limit", {max}).
inline Status check_page_size(int limit, int max = kMaxPageSize) {
  if (limit < 1 || limit > max)
    return Error::invalid("page.limit_invalid", "limit", {{"max", std::to_string(max)}});
  return Ok{};
}

}  // namespace rapport::app
