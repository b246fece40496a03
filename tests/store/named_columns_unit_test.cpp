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
}

}  // namespace
}  // namespace rapport::store
