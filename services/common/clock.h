// File: services/common/clock.h
// The source of "now" for every module. Domain code takes a Clock& and never calls absl::Now(),
// so tests can fix time (FakeClock in tests/testing/fake_clock.h).
#ifndef MOTCUA_SERVICES_COMMON_CLOCK_H_
#define MOTCUA_SERVICES_COMMON_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace motcua {

// Thread-safe in every implementation.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
  static SystemClock& Get() {
    static SystemClock clock;
    return clock;
  }
};

// Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving time. Times are stored in UTC and shown here.
inline absl::TimeZone VietnamTimeZone() { return absl::FixedTimeZone(7 * 60 * 60); }

}  // namespace motcua

#endif  // MOTCUA_SERVICES_COMMON_CLOCK_H_
