// web/api/paging.h: every list of the API pages one way. `?limit=` takes
// 1–200 rows (each list names its default) and `?cursor=` the previous
// page's `next_cursor`, which is null on the last page. A cursor is opaque:
// base64url text of where the next page starts (the sort keys of the last
// row, or a page number for ranked results), so clients never build one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/paging.h"
#include "core/result.h"
#include "core/time.h"
#include "web/request.h"

namespace rapport::web::api {

// "?limit=". Errors: invalid_input ("page.limit_invalid", field "limit").
Result<int> page_limit(const Request& req, int default_size = app::kDefaultPageSize,
                       int max = app::kMaxPageSize);

std::string encode_cursor(const std::vector<std::string>& keys);

// The `count` keys of "?cursor=", or none when it is absent. Errors:
// invalid_input ("page.cursor_invalid", field "cursor") for anything that
// is not a cursor of this shape.
Result<std::vector<std::string>> cursor_keys(const Request& req, std::size_t count);

// Where a list sorted by time then id continues: the last row's time and id.
struct TimeIdKey {
  Instant at{};
  std::int64_t id = 0;
};

std::string encode_time_id_cursor(const TimeIdKey& key);

// "?cursor=" of a list sorted by time then id, or none when it is absent —
// the one reading of such a cursor, for the API (which answers 422) and the
// pages (which say the link is out of date). Errors: invalid_input
// ("page.cursor_invalid", field "cursor") for anything else.
Result<std::optional<TimeIdKey>> time_id_cursor(const Request& req);

// A cursor key holding an integer in [minimum, maximum]; nullopt otherwise.
std::optional<long long> key_number(const std::string& key, long long minimum, long long maximum);

}  // namespace rapport::web::api
