#include "services/http_gateway/rate_limiter.h"

#include <algorithm>
#include <vector>

namespace motcua::http_gateway {

bool RateLimiter::Allow(absl::string_view client) {
  if (per_second_ <= 0) return true;
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  // Forget buckets that have refilled completely (at most once a minute).
  if (now - last_sweep_ > absl::Minutes(1)) {
    const absl::Duration full = absl::Seconds(burst_ / per_second_);
    std::vector<std::string> idle;
    for (const auto& [key, bucket] : buckets_) {
      if (now - bucket.last > full) idle.push_back(key);
    }
    for (const auto& key : idle) buckets_.erase(key);
    last_sweep_ = now;
  }
  auto [it, inserted] = buckets_.try_emplace(std::string(client));
  Bucket& b = it->second;
  if (inserted) {
    b.tokens = burst_;
  } else {
    b.tokens = std::min(burst_, b.tokens + absl::ToDoubleSeconds(now - b.last) * per_second_);
  }
  b.last = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace motcua::http_gateway
