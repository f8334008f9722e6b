#include "services/http_gateway/rate_limiter.h"

#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace motcua::http_gateway {
namespace {

TEST(RateLimiter, AllowsABurstThenRefusesUntilTokensRefill) {
  testing::FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  RateLimiter limiter(/*per_second=*/2, /*burst=*/5, clock);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Allow("10.0.0.1")) << i;
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  clock.Advance(absl::Milliseconds(500));  // one token back
  EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
}

TEST(RateLimiter, EachAddressHasItsOwnBucket) {
  testing::FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  RateLimiter limiter(1, 2, clock);
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("b"));
}

TEST(RateLimiter, NeverHoldsMoreThanTheBurst) {
  testing::FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  RateLimiter limiter(10, 3, clock);
  EXPECT_TRUE(limiter.Allow("a"));
  clock.Advance(absl::Hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
}

TEST(RateLimiter, ZeroRateMeansNoLimit) {
  testing::FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  RateLimiter limiter(0, 0, clock);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.Allow("a"));
}

}  // namespace
}  // namespace motcua::http_gateway
