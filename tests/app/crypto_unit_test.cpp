#include <set>

#include <gtest/gtest.h>
#include <sodium.h>

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

// OWASP's minimum for Argon2id (19 MiB, two passes, one lane), written in
// the hash itself.
TEST_F(Crypto, HashesWithOwaspsMinimumForArgon2id) {
  auto hash = hash_password("pw").value();
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << hash;
  EXPECT_FALSE(needs_rehash(hash));
}

// A hash an earlier version made (libsodium's interactive limits, 64 MiB)
// is still verified, and marked to be hashed again.
TEST_F(Crypto, AHashWithEarlierLimitsIsVerifiedAndMarkedForRehash) {
  char old[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(old, "pw", 2, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE),
            0);
  EXPECT_TRUE(verify_password(old, "pw"));
  EXPECT_TRUE(needs_rehash(old));
  EXPECT_FALSE(needs_rehash("not a hash"));
  EXPECT_FALSE(needs_rehash(""));
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
