// store/named_columns.h: the SQL column lists of a wide row, made from one
// list of names. A customer, a contact plan or the installation settings is
// bound by name through its soci::type_conversion (store/<module>/*_row.h),
// so its insert, update and select are written from the same list: a column
// added to the list is read, inserted and updated everywhere.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace rapport::store {

using Columns = std::span<const std::string_view>;

std::string column_list(Columns columns);       // "a, b"
std::string placeholder_list(Columns columns);  // ":a, :b"
std::string assignment_list(Columns columns);   // "a = :a, b = :b"
// The columns of one table of a join, named as in that table:
// "o.a AS a, o.b AS b" for table "o".
std::string qualified_list(Columns columns, std::string_view table);

}  // namespace rapport::store
