// File: tests/testing/fake_clock.h
// A Clock whose time moves only when the test says so. Thread-safe.
#ifndef MOTCUA_TESTS_TESTING_FAKE_CLOCK_H_
#define MOTCUA_TESTS_TESTING_FAKE_CLOCK_H_

#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"

namespace motcua::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time now) : now_(now) {}
  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Set(absl::Time t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace motcua::testing

#endif  // MOTCUA_TESTS_TESTING_FAKE_CLOCK_H_
