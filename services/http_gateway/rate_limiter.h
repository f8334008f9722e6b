// File: services/http_gateway/rate_limiter.h
// A per-client token bucket: each address may make `burst` requests at once and `per_second`
// more every second after that. Allow() takes one token or says no. Buckets idle long enough to
// be full again are forgotten, so memory stays bounded by the clients of the last minute.
// Thread-safe.
#ifndef MOTCUA_SERVICES_HTTP_GATEWAY_RATE_LIMITER_H_
#define MOTCUA_SERVICES_HTTP_GATEWAY_RATE_LIMITER_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/clock.h"

namespace motcua::http_gateway {

class RateLimiter {
 public:
  // per_second <= 0 turns the limit off.
  RateLimiter(double per_second, double burst, const Clock& clock)
      : per_second_(per_second), burst_(burst), clock_(clock) {}

  // True when `client` may make one more request now (and counts it).
  bool Allow(absl::string_view client);

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time last;
  };
  const double per_second_;
  const double burst_;
  const Clock& clock_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
  absl::Time last_sweep_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace motcua::http_gateway

#endif  // MOTCUA_SERVICES_HTTP_GATEWAY_RATE_LIMITER_H_
