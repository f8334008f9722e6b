#include "clients/loadgen/closed_loop.h"

#include <thread>

#include "gtest/gtest.h"

namespace motcua::loadgen {
namespace {

TEST(ClosedLoop, RunsExactlyMaxOpsWithBoundedConcurrency) {
  std::atomic<int> in_flight{0};
  std::atomic<int> peak{0};
  std::vector<std::thread> threads;
  std::mutex mu;
  LoadOptions opts;
  opts.concurrency = 8;
  opts.max_ops = 200;
  LoadResult r = RunClosedLoop("t", opts, [&](int64_t i, std::function<void(std::string)> done) {
    int now = ++in_flight;
    int p = peak.load();
    while (now > p && !peak.compare_exchange_weak(p, now)) {
    }
    std::lock_guard<std::mutex> lock(mu);
    // Complete from another thread, as gRPC callbacks do; every 50th fails.
    threads.emplace_back([&in_flight, done, i] {
      --in_flight;
      done(i % 50 == 49 ? "boom" : "");
    });
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(r.ok + r.failed, 200);
  EXPECT_EQ(r.failed, 4);
  EXPECT_EQ(r.first_error, "boom");
  EXPECT_LE(peak.load(), 8);
  EXPECT_GT(r.ops_per_s, 0);
}

TEST(ClosedLoop, Percentiles) {
  std::vector<absl::Duration> samples;
  for (int i = 1; i <= 100; ++i) samples.push_back(absl::Milliseconds(i));
  EXPECT_DOUBLE_EQ(PercentileMs(samples, 50), 50);
  EXPECT_DOUBLE_EQ(PercentileMs(samples, 99), 99);
  EXPECT_DOUBLE_EQ(PercentileMs({}, 50), 0);
}

}  // namespace
}  // namespace motcua::loadgen
