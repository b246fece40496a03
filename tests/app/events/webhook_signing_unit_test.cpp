#include <gtest/gtest.h>

#include "app/crypto.h"
#include "app/events/webhook_signing.h"

namespace rapport::app {
namespace {

TEST(WebhookSigning, MatchesTheRfc4231Vectors) {
  ASSERT_TRUE(init_crypto());
  // RFC 4231, test case 2 (a key shorter than the block).
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block (131 bytes of 0xaa) is hashed first.
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(WebhookSigning, SignsTheTimestampDotBody) {
  ASSERT_TRUE(init_crypto());
  const std::string body = R"({"id":1,"type":"asset.created"})";
  EXPECT_EQ(webhook_signature("whsec_test", 1764930000, body),
            "t=1764930000,v1=" + hmac_sha256_hex("whsec_test", "1764930000." + body));
  EXPECT_NE(webhook_signature("whsec_test", 1764930001, body),
            webhook_signature("whsec_test", 1764930000, body))
      << "the time is signed: an old signature does not fit a new time";
}

}  // namespace
}  // namespace rapport::app
