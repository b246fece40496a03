#include <gtest/gtest.h>

#include "web/access_log.h"

namespace rapport::web {
namespace {

// A decoded path "/a%0Ahttp method=GET …" must not start a forged line.
TEST(AccessLog, ControlCharactersQuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(log_safe("/a\nhttp method=GET path=\"/admin\""),
            "/a\\x0ahttp method=GET path=\\x22/admin\\x22");
  EXPECT_EQ(log_safe(std::string("x\0y\r\t\x7f\\", 7)), "x\\x00y\\x0d\\x09\\x7f\\x5c");
  EXPECT_EQ(log_safe("/clients/Éloïse"), "/clients/Éloïse");
}

}  // namespace
}  // namespace rapport::web
