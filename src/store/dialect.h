// store/dialect.h: the one place where SQLite and PostgreSQL SQL differ.
//
// Migrations are written once, in the SQL both databases accept, with a few
// placeholders:
//   {{pk}}       an auto-numbered BIGINT primary key
//   {{blob}}     binary data
// and blocks kept for one database only:
//   -- sqlite-only  …  -- end        -- postgresql-only  …  -- end
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace rapport::store {

// The migration text for `dialect`, placeholders replaced and foreign blocks
// removed.
std::string render_for_dialect(std::string_view sql, Dialect dialect);

// Splits a script into statements at semicolons that end a line, keeping
// PostgreSQL dollar-quoted bodies and SQLite trigger bodies (BEGIN … END;)
// whole. Comments and blank statements are dropped.
std::vector<std::string> split_statements(std::string_view sql);

// A subquery listing the strings of a JSON array bound to `placeholder`
// (":keys"): "x IN (" + json_text_values(d, ":keys") + ")" matches any of
// them with one bound parameter, however many there are.
std::string json_text_values(Dialect dialect, std::string_view placeholder);
// `values` as the JSON array json_text_values expands.
std::string json_text_array(const std::vector<std::string>& values);

// A set of ids bound as one value, so that a page reads a table once for
// all its rows with a statement whose text does not depend on them (kept
// prepared, Tx::cached): "customer_id " + in_bound_ids(d, ":ids"), bound
// to bound_ids(d, ids). PostgreSQL: "= ANY(CAST(:ids AS BIGINT[]))" with
// "{4,8,15}"; SQLite: "IN (SELECT value FROM json_each(:ids))" with
// "[4,8,15]". Both use the column's index.
std::string in_bound_ids(Dialect dialect, std::string_view placeholder);
std::string bound_ids(Dialect dialect, const std::vector<std::int64_t>& ids);

}  // namespace rapport::store
