// File: clients/loadgen/closed_loop.h
// A closed-loop load driver: keeps `concurrency` operations in flight for a fixed time (or a
// fixed count) and records each one's latency. An operation is started by `start(done)` and
// reports completion by calling `done(ok)` from any thread. Used for every row of motcua-bench,
// so ceilings and motcua are measured by the same client with the same settings.
#ifndef MOTCUA_CLIENTS_LOADGEN_CLOSED_LOOP_H_
#define MOTCUA_CLIENTS_LOADGEN_CLOSED_LOOP_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace motcua::loadgen {

struct LoadResult {
  std::string name;
  int64_t ok = 0;
  int64_t failed = 0;
  absl::Duration elapsed;
  double ops_per_s = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  std::string first_error;
};

struct LoadOptions {
  int concurrency = 64;
  absl::Duration duration = absl::Seconds(5);
  // When > 0, stop after this many operations instead of after `duration`.
  int64_t max_ops = 0;
};

// `start(index, done)`: begin operation number `index`; call `done(error)` (empty = ok) once.
using StartFn = std::function<void(int64_t index, std::function<void(std::string)> done)>;

LoadResult RunClosedLoop(const std::string& name, const LoadOptions& options, StartFn start);

// Percentile (0..100) of `samples` in milliseconds; sorts a copy.
double PercentileMs(std::vector<absl::Duration> samples, double percentile);

}  // namespace motcua::loadgen

#endif  // MOTCUA_CLIENTS_LOADGEN_CLOSED_LOOP_H_
