// The SQL lists a wide row's insert, update and select are made from.
#include <array>

#include <gtest/gtest.h>

#include "store/named_columns.h"

namespace rapport::store {
namespace {

TEST(NamedColumns, MakeTheThreeListsFromOneListOfNames) {
  constexpr std::array<std::string_view, 3> columns{"code", "name_en", "valid_to"};
  EXPECT_EQ(column_list(columns), "code, name_en, valid_to");
  EXPECT_EQ(placeholder_list(columns), ":code, :name_en, :valid_to");
  EXPECT_EQ(assignment_list(columns), "code = :code, name_en = :name_en, valid_to = :valid_to");
  EXPECT_EQ(column_list(Columns{}), "");
  EXPECT_EQ(qualified_list(columns, "p"),
            "p.code AS code, p.name_en AS name_en, p.valid_to AS valid_to");
}

}  // namespace
}  // namespace rapport::store
