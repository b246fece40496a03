#include "core/enum_codes.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

enum class Fruit { apple, blood_orange };
BOOST_DESCRIBE_ENUM(Fruit, apple, blood_orange)

TEST(EnumCodes, AnEnumeratorsCodeIsItsName) {
  EXPECT_EQ(enum_code(Fruit::blood_orange), "blood_orange");
  EXPECT_EQ(enum_from_code<Fruit>("apple"), Fruit::apple);
  EXPECT_EQ(enum_from_code<Fruit>("Apple"), std::nullopt) << "codes are exact";
  EXPECT_EQ(enum_from_code<Fruit>(""), std::nullopt);
  EXPECT_EQ(enum_code(static_cast<Fruit>(7)), "") << "a value outside the enum has no code";
}

}  // namespace
}  // namespace rapport
