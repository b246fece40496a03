// X-Forwarded-For is believed only from a configured trusted proxy (issue
// 13, finding 12): behind a load balancer every client shared one address,
// and without the rule anyone could name any address.
#include <gtest/gtest.h>

#include "web/client_address.h"

namespace rapport::web {
namespace {

TEST(ClientAddress, TheHeaderIsIgnoredUnlessThePeerIsATrustedProxy) {
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", {"10.0.0.2"}), "203.0.113.9");
  EXPECT_EQ(client_address("10.0.0.2", "198.51.100.1", {"10.0.0.2"}), "198.51.100.1");
  EXPECT_EQ(client_address("10.0.0.2", "", {"10.0.0.2"}), "10.0.0.2");
}

TEST(ClientAddress, WalksFromTheRightPastTrustedProxiesOnly) {
  const std::vector<std::string> proxies{"10.0.0.2", "10.0.0.3"};
  // The client wrote the first entry itself: only what trusted proxies
  // appended counts.
  EXPECT_EQ(client_address("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.3", proxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.2", " 2001:DB8::1 ", proxies), "2001:db8::1");
  // Not an address: the walk stops at the proxy that passed it on.
  EXPECT_EQ(client_address("10.0.0.2", "198.51.100.7, evil\r\n", proxies), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", "10.0.0.3", proxies), "10.0.0.3");
}

TEST(ClientAddress, CanonicalAddresses) {
  EXPECT_EQ(canonical_address("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(canonical_address("::FFFF:127.0.0.1"), "::ffff:127.0.0.1");
  EXPECT_FALSE(canonical_address("localhost"));
  EXPECT_FALSE(canonical_address("10.0.0.256"));
  EXPECT_FALSE(canonical_address(""));
}

}  // namespace
}  // namespace rapport::web
