#include "clients/loadgen/closed_loop.h"

#include <algorithm>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace motcua::loadgen {

double PercentileMs(std::vector<absl::Duration> samples, double percentile) {
  if (samples.empty()) return 0;
  size_t k = static_cast<size_t>(percentile / 100.0 * static_cast<double>(samples.size() - 1));
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k),
                   samples.end());
  return absl::ToDoubleMilliseconds(samples[k]);
}

LoadResult RunClosedLoop(const std::string& name, const LoadOptions& options, StartFn start) {
  // Completions only record and signal; this thread starts every operation, so nothing the
  // callbacks touch outlives `state` (shared with them).
  struct State {
    absl::Mutex mu;
    std::vector<absl::Duration> latencies ABSL_GUARDED_BY(mu);
    int completed_unclaimed ABSL_GUARDED_BY(mu) = 0;
    int64_t ok ABSL_GUARDED_BY(mu) = 0;
    int64_t failed ABSL_GUARDED_BY(mu) = 0;
    std::string first_error ABSL_GUARDED_BY(mu);
  };
  auto state = std::make_shared<State>();
  const absl::Time begin = absl::Now();
  const absl::Time deadline = begin + options.duration;
  int64_t started = 0;
  int in_flight = 0;
  auto more = [&] {
    return options.max_ops > 0 ? started < options.max_ops : absl::Now() < deadline;
  };
  auto launch = [&] {
    const absl::Time t0 = absl::Now();
    ++in_flight;
    start(started++, [state, t0](std::string error) {
      absl::Duration latency = absl::Now() - t0;
      absl::MutexLock lock(&state->mu);
      if (error.empty()) {
        ++state->ok;
        state->latencies.push_back(latency);
      } else {
        ++state->failed;
        if (state->first_error.empty()) state->first_error = std::move(error);
      }
      ++state->completed_unclaimed;
    });
  };
  for (int i = 0; i < options.concurrency && more(); ++i) launch();
  while (in_flight > 0) {
    int completed;
    {
      absl::MutexLock lock(&state->mu);
      auto any = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(state->mu) {
        return state->completed_unclaimed > 0;
      };
      state->mu.Await(absl::Condition(&any));
      completed = state->completed_unclaimed;
      state->completed_unclaimed = 0;
    }
    in_flight -= completed;
    for (int i = 0; i < completed && more(); ++i) launch();
  }
  LoadResult r;
  r.name = name;
  absl::MutexLock lock(&state->mu);
  r.elapsed = absl::Now() - begin;
  r.ok = state->ok;
  r.failed = state->failed;
  r.first_error = state->first_error;
  r.ops_per_s = static_cast<double>(r.ok) / absl::ToDoubleSeconds(r.elapsed);
  r.p50_ms = PercentileMs(state->latencies, 50);
  r.p99_ms = PercentileMs(state->latencies, 99);
  return r;
}

}  // namespace motcua::loadgen
