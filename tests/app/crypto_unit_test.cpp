#include <set>

#include <gtest/gtest.h>

#include "app/crypto.h"

namespace rapport::app {
namespace {

class Crypto : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(init_crypto()); }
};

TEST_F(Crypto, VerifiesTheRightPasswordOnly) {
  auto hash = hash_password("correct horse");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(*hash, "correct horse"));
  EXPECT_FALSE(verify_password(*hash, "correct horse "));
  EXPECT_FALSE(verify_password("not a hash", "correct horse"));
}

TEST_F(Crypto, SaltsEachHash) {
  EXPECT_NE(hash_password("same").value(), hash_password("same").value());
}

TEST_F(Crypto, MakesDistinctUrlSafeTokens) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto t = random_token(32);
    EXPECT_EQ(t.size(), 43u);
    EXPECT_EQ(
        t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST_F(Crypto, HashesTokensDeterministically) {
  EXPECT_EQ(hash_token("abc"), hash_token("abc"));
  EXPECT_NE(hash_token("abc"), hash_token("abd"));
  EXPECT_EQ(hash_token("abc").size(), 64u);
}

}  // namespace
}  // namespace rapport::app
