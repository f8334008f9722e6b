// calendar_bench: how fast the working-time calendar is, on one thread.
//   - due-date computations per second for N <= 60 working days, reception
//   times drawn at random
//     over 2020-2030 (target: >= 1 million per second), and for the other kinds
//     of limit;
//   - explanations per second (not on the hot path);
//   - the time to build a calendar for 1900-2199;
//   - the time to convert every day of 1900-2199 to the lunar calendar, and
//   back.
// Usage: calendar_bench [seconds per measurement, default 1]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/calendar/builtin_schedules.h"
#include "services/calendar/due_date.h"
#include "services/calendar/explanation.h"
#include "services/calendar/lunar.h"
#include "services/calendar/working_calendar.h"
#include "services/common/clock.h"

namespace motcua::calendar {
namespace {

struct Input {
  absl::Time received;
  TimeLimit limit;
};

std::vector<Input> MakeInputs(LimitUnit unit, size_t count) {
  std::mt19937_64 rng(2026);
  const int64_t lo = absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(2020, 1, 1), VietnamTimeZone()));
  const int64_t hi = absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(2031, 1, 1), VietnamTimeZone()));
  std::uniform_int_distribution<int64_t> when(lo, hi - 1);
  std::uniform_int_distribution<int> n(0, 60);
  std::vector<Input> inputs(count);
  for (Input& in : inputs) {
    in.received = absl::FromUnixSeconds(when(rng));
    in.limit = {unit, n(rng)};
  }
  return inputs;
}

// Runs ComputeDueTime over `inputs` until `budget` has passed; returns
// computations per second.
double DueRate(const WorkingCalendar& calendar,
               const std::vector<Input>& inputs, absl::Duration budget,
               int64_t* checksum) {
  int64_t done = 0;
  const absl::Time start = absl::Now();
  absl::Duration elapsed;
  do {
    for (const Input& in : inputs) {
      const absl::StatusOr<absl::Time> due =
          ComputeDueTime(calendar, in.received, in.limit);
      if (!due.ok()) {
        std::fprintf(stderr, "unexpected error: %s\n",
                     due.status().ToString().c_str());
        std::exit(1);
      }
      *checksum += absl::ToUnixSeconds(*due);
    }
    done += static_cast<int64_t>(inputs.size());
    elapsed = absl::Now() - start;
  } while (elapsed < budget);
  return static_cast<double>(done) / absl::ToDoubleSeconds(elapsed);
}

void Report(const char* what, double per_second) {
  std::printf("%-52s %12.0f /s  %8.1f ns each\n", what, per_second,
              1e9 / per_second);
}

int Main(int argc, char** argv) {
  const absl::Duration budget =
      absl::Seconds(argc > 1 ? std::atof(argv[1]) : 1.0);

  absl::Time t0 = absl::Now();
  WorkingCalendar::Options options;
  options.schedule = *BuiltinAnnouncedSchedule();
  const absl::StatusOr<WorkingCalendar> calendar =
      WorkingCalendar::Create(options);
  if (!calendar.ok()) {
    std::fprintf(stderr, "%s\n", calendar.status().ToString().c_str());
    return 1;
  }
  std::printf("%-52s %12.1f ms\n",
              "build calendar 1900-2199 (tables, holidays)",
              absl::ToDoubleMilliseconds(absl::Now() - t0));

  int64_t checksum = 0;
  constexpr size_t kInputs = 1 << 16;
  Report("due dates, working days N <= 60 (1 thread)",
         DueRate(*calendar, MakeInputs(LimitUnit::kWorkingDays, kInputs),
                 budget, &checksum));
  Report("due dates, working hours N <= 60",
         DueRate(*calendar, MakeInputs(LimitUnit::kWorkingHours, kInputs),
                 budget, &checksum));
  Report("due dates, calendar days N <= 60",
         DueRate(*calendar, MakeInputs(LimitUnit::kCalendarDays, kInputs),
                 budget, &checksum));
  Report("due dates, same day",
         DueRate(*calendar, MakeInputs(LimitUnit::kSameDay, kInputs), budget,
                 &checksum));

  {
    const std::vector<Input> inputs = MakeInputs(LimitUnit::kWorkingDays, 4096);
    int64_t done = 0;
    size_t bytes = 0;
    const absl::Time start = absl::Now();
    absl::Duration elapsed;
    do {
      for (const Input& in : inputs) {
        bytes +=
            ExplainDueTime(*calendar, in.received, in.limit)->ToText().size();
      }
      done += static_cast<int64_t>(inputs.size());
      elapsed = absl::Now() - start;
    } while (elapsed < budget);
    Report("explanations (text), working days N <= 60",
           static_cast<double>(done) / absl::ToDoubleSeconds(elapsed));
    checksum += static_cast<int64_t>(bytes);
  }

  t0 = absl::Now();
  int64_t days = 0;
  int64_t lunar_sum = 0;
  for (absl::CivilDay d(1900, 1, 1); d <= absl::CivilDay(2199, 12, 31); ++d) {
    const LunarDate l = *SolarToLunar(d);
    lunar_sum += l.day + l.month;
    ++days;
  }
  const absl::Duration to_lunar = absl::Now() - t0;
  t0 = absl::Now();
  for (absl::CivilDay d(1900, 1, 1); d <= absl::CivilDay(2199, 12, 31); ++d) {
    lunar_sum += LunarToSolar(*SolarToLunar(d))->day();
  }
  const absl::Duration round_trip = absl::Now() - t0;
  std::printf("%-52s %12.1f ms  (%lld days, %.2f us each)\n",
              "solar -> lunar, every day 1900-2199",
              absl::ToDoubleMilliseconds(to_lunar),
              static_cast<long long>(days),
              absl::ToDoubleMicroseconds(to_lunar) / days);
  std::printf("%-52s %12.1f ms\n",
              "solar -> lunar -> solar, every day 1900-2199",
              absl::ToDoubleMilliseconds(round_trip));
  std::printf("(checksum %lld)\n",
              static_cast<long long>(checksum + lunar_sum));
  return 0;
}

}  // namespace
}  // namespace motcua::calendar

int main(int argc, char** argv) { return motcua::calendar::Main(argc, argv); }
