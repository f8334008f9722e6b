#include "services/calendar/due_date.h"

#include <random>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/calendar/test_times.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using ::motcua::calendar::testing::CalendarWith;
using ::motcua::calendar::testing::Iso;
using ::motcua::calendar::testing::StandardCalendar;
using ::motcua::calendar::testing::Vn;
using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

struct DueCase {
  const char* what;
  absl::Time received;
  TimeLimit limit;
  absl::Time due;
};

void ExpectDue(const WorkingCalendar& calendar, const DueCase& c) {
  const absl::StatusOr<absl::Time> due =
      ComputeDueTime(calendar, c.received, c.limit);
  ASSERT_OK(due) << c.what;
  EXPECT_EQ(Iso(*due), Iso(c.due)) << c.what;
}

TEST(ComputeDueTime, StandardCalendarCases) {
  const DueCase cases[] = {
      {"3 WD over Tết 2026: 1 h Fri, skip 14–22/02, 8 h, 8 h, 7 h",
       Vn(2026, 2, 13, 16, 0), TimeLimit::WorkingDays(3),
       Vn(2026, 2, 25, 16, 0)},
      {"1 WD received on Saturday counts from Monday 07:00 after Tết",
       Vn(2026, 2, 14, 10, 0), TimeLimit::WorkingDays(1),
       Vn(2026, 2, 23, 17, 0)},
      {"received on a Tết day", Vn(2026, 2, 16, 9, 0),
       TimeLimit::WorkingDays(1), Vn(2026, 2, 23, 17, 0)},
      {"1 WD from 07:00 ends at 17:00 the same day", Vn(2026, 3, 2, 7, 0),
       TimeLimit::WorkingDays(1), Vn(2026, 3, 2, 17, 0)},
      {"5 WD from Monday 08:00", Vn(2026, 3, 2, 8, 0),
       TimeLimit::WorkingDays(5), Vn(2026, 3, 9, 8, 0)},
      {"0 WD inside a session is the reception time", Vn(2026, 3, 2, 10, 0),
       TimeLimit::WorkingDays(0), Vn(2026, 3, 2, 10, 0)},
      {"0 WD on Saturday is Monday 07:00", Vn(2026, 3, 7, 10, 0),
       TimeLimit::WorkingDays(0), Vn(2026, 3, 9, 7, 0)},
      {"2023 compensation: 29/04–03/05 skipped", Vn(2023, 4, 28, 9, 0),
       TimeLimit::WorkingDays(1), Vn(2023, 5, 4, 9, 0)},
      {"2 working hours across lunch", Vn(2026, 2, 23, 10, 0),
       TimeLimit::WorkingHours(2), Vn(2026, 2, 23, 14, 0)},
      {"lunch reception counts from 13:30", Vn(2026, 2, 23, 12, 0),
       TimeLimit::WorkingHours(3), Vn(2026, 2, 23, 16, 30)},
      {"hours spill into the next morning", Vn(2026, 2, 23, 12, 0),
       TimeLimit::WorkingHours(4), Vn(2026, 2, 24, 7, 30)},
      {"15:00 rule: 14:59 is due 17:00 the same day", Vn(2026, 2, 23, 14, 59),
       TimeLimit::SameDay(), Vn(2026, 2, 23, 17, 0)},
      {"15:00 rule: 15:00 is due 17:00 the next working day",
       Vn(2026, 2, 23, 15, 0), TimeLimit::SameDay(), Vn(2026, 2, 24, 17, 0)},
      {"15:00 rule: Friday 15:30 before Tết is due after Tết",
       Vn(2026, 2, 13, 15, 30), TimeLimit::SameDay(), Vn(2026, 2, 23, 17, 0)},
      {"same day received Saturday: Monday 07:00 is before 15:00",
       Vn(2026, 3, 7, 10, 0), TimeLimit::SameDay(), Vn(2026, 3, 9, 17, 0)},
      {"same day received after work", Vn(2026, 2, 23, 17, 30),
       TimeLimit::SameDay(), Vn(2026, 2, 24, 17, 0)},
      {"same day received at lunch", Vn(2026, 2, 23, 12, 0),
       TimeLimit::SameDay(), Vn(2026, 2, 23, 17, 0)},
      {"calendar days ending on a weekend before Tết move past it",
       Vn(2026, 2, 12, 9, 0), TimeLimit::CalendarDays(2),
       Vn(2026, 2, 23, 17, 0)},
      {"10 calendar days", Vn(2026, 3, 3, 9, 0), TimeLimit::CalendarDays(10),
       Vn(2026, 3, 13, 17, 0)},
      {"0 calendar days: the end of the day", Vn(2026, 3, 2, 9, 0),
       TimeLimit::CalendarDays(0), Vn(2026, 3, 2, 17, 0)},
      {"calendar days received on Saturday count from Monday",
       Vn(2026, 3, 7, 9, 0), TimeLimit::CalendarDays(1),
       Vn(2026, 3, 10, 17, 0)},
      {"immediate inside a session", Vn(2026, 2, 23, 10, 0),
       TimeLimit::Immediate(), Vn(2026, 2, 23, 10, 0)},
      {"immediate on Saturday", Vn(2026, 3, 7, 10, 0), TimeLimit::Immediate(),
       Vn(2026, 3, 9, 7, 0)},
  };
  for (const DueCase& c : cases) {
    ExpectDue(StandardCalendar(), c);
  }
}

TEST(ComputeDueTime, MakeupDayCounts) {
  const WorkingCalendar cal = CalendarWith("2026-03-07\tmakeup\tLàm bù\n");
  // 6 h on Friday, the last 2 h on the make-up Saturday.
  ExpectDue(cal, {"makeup", Vn(2026, 3, 6, 9, 0), TimeLimit::WorkingDays(1),
                  Vn(2026, 3, 7, 9, 0)});
  ExpectDue(cal, {"same day on a makeup day", Vn(2026, 3, 7, 9, 0),
                  TimeLimit::SameDay(), Vn(2026, 3, 7, 17, 0)});
}

TEST(ComputeDueTime, AnnouncedDayOffIsSkipped) {
  const WorkingCalendar cal =
      CalendarWith("2026-03-09\toff\tNghỉ theo thông báo\n");
  ExpectDue(cal, {"announced off", Vn(2026, 3, 6, 17, 0),
                  TimeLimit::WorkingDays(1), Vn(2026, 3, 10, 17, 0)});
}

TEST(ComputeDueTime, SaturdayMorningUnit) {
  const WorkingCalendar cal =
      CalendarWith("", WorkingTime::DefaultWithSaturdayMorning());
  ExpectDue(cal, {"Saturday morning counts 3.5 h", Vn(2026, 3, 7, 8, 0),
                  TimeLimit::WorkingHours(4), Vn(2026, 3, 9, 7, 30)});
  ExpectDue(cal, {"Saturday afternoon is closed", Vn(2026, 3, 7, 14, 0),
                  TimeLimit::WorkingHours(1), Vn(2026, 3, 9, 8, 0)});
  ExpectDue(cal, {"same day on Saturday morning ends with the session",
                  Vn(2026, 3, 7, 9, 0), TimeLimit::SameDay(),
                  Vn(2026, 3, 7, 11, 30)});
}

TEST(ComputeDueTime, RejectsBadLimitsAndTimes) {
  const WorkingCalendar& cal = StandardCalendar();
  const absl::Time t = Vn(2026, 3, 2, 9, 0);
  EXPECT_THAT(ComputeDueTime(cal, t, TimeLimit::WorkingDays(-1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("limit.amount: -1 is negative")));
  EXPECT_THAT(ComputeDueTime(cal, t, TimeLimit::CalendarDays(-5)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("limit.amount: -5")));
  EXPECT_THAT(ComputeDueTime(cal, t, TimeLimit::WorkingDays(3651)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("limit.amount: 3651 working_days is more than "
                                 "the maximum of 3650")));
  EXPECT_THAT(ComputeDueTime(cal, t, TimeLimit::CalendarDays(4000)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("limit.amount: 4000 days")));
  EXPECT_THAT(ComputeDueTime(cal, t, TimeLimit::WorkingHours(29201)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("maximum of 29200")));
  EXPECT_THAT(
      ComputeDueTime(cal, t, TimeLimit{static_cast<LimitUnit>(42), 1}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit.unit")));
  EXPECT_THAT(
      ComputeDueTime(cal, Vn(2070, 1, 5, 9, 0), TimeLimit::WorkingDays(1)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("outside the calendar's years")));
  EXPECT_THAT(
      ComputeDueTime(cal, Vn(2060, 12, 1, 9, 0), TimeLimit::WorkingDays(60)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("after the end of 2060")));
  EXPECT_THAT(
      ComputeDueTime(cal, Vn(2060, 12, 20, 9, 0), TimeLimit::CalendarDays(30)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("limit.amount: the last day")));
  // The maximum itself is fine.
  EXPECT_OK(ComputeDueTime(cal, t, TimeLimit::WorkingDays(3650)));
}

TEST(TimeLimit, CodesAndDescriptions) {
  for (LimitUnit u :
       {LimitUnit::kWorkingDays, LimitUnit::kWorkingHours,
        LimitUnit::kCalendarDays, LimitUnit::kSameDay, LimitUnit::kImmediate}) {
    EXPECT_EQ(LimitUnitFromCode(LimitUnitCode(u)), u);
  }
  EXPECT_EQ(LimitUnitFromCode("weeks"), std::nullopt);
  EXPECT_EQ(DescribeTimeLimit(TimeLimit::WorkingDays(3)), "3 ngày làm việc");
  EXPECT_EQ(DescribeTimeLimit(TimeLimit::WorkingHours(4)), "4 giờ làm việc");
  EXPECT_EQ(DescribeTimeLimit(TimeLimit::CalendarDays(10)), "10 ngày");
  EXPECT_EQ(DescribeTimeLimit(TimeLimit::SameDay()), "trong ngày");
  EXPECT_EQ(DescribeTimeLimit(TimeLimit::Immediate()), "giải quyết ngay");
  EXPECT_EQ(WorkingTimeOf(StandardCalendar(), TimeLimit::WorkingDays(3)),
            absl::Hours(24));
  EXPECT_EQ(WorkingTimeOf(StandardCalendar(), TimeLimit::WorkingHours(3)),
            absl::Hours(3));
  EXPECT_EQ(WorkingTimeOf(StandardCalendar(), TimeLimit::CalendarDays(3)),
            absl::ZeroDuration());
  EXPECT_OK(ValidateTimeLimit(TimeLimit::SameDay()));
}

// A reception time anywhere in 2020–2030, to the second.
absl::Time RandomReception(std::mt19937_64& rng) {
  const int64_t lo = absl::ToUnixSeconds(Vn(2020, 1, 1));
  const int64_t hi = absl::ToUnixSeconds(Vn(2031, 1, 1));
  return absl::FromUnixSeconds(
      std::uniform_int_distribution<int64_t>(lo, hi - 1)(rng));
}

TEST(ComputeDueTimeProperty, WorkingDaysNeverDueOnARestDayAndMonotone) {
  // The standard calendar, a Saturday-morning unit, and announced swaps and
  // make-up days.
  const WorkingCalendar calendars[] = {
      StandardCalendar(),
      CalendarWith("", WorkingTime::DefaultWithSaturdayMorning()),
      CalendarWith("2025-05-02\toff\tNghỉ hoán đổi\n"
                   "2025-04-26\tmakeup\tLàm bù\n"
                   "2026-01-02\toff\tNghỉ hoán đổi\n"
                   "2026-01-10\tmakeup\tLàm bù\n")};
  std::mt19937_64 rng(20260217);
  for (int i = 0; i < 30000; ++i) {
    const WorkingCalendar& cal = calendars[i % 3];
    const absl::Time received = RandomReception(rng);
    absl::Time previous = absl::InfinitePast();
    for (int n = 0; n <= 60; n += 1 + static_cast<int>(rng() % 7)) {
      const absl::Time due =
          *ComputeDueTime(cal, received, TimeLimit::WorkingDays(n));
      ASSERT_TRUE(cal.IsWorkingDay(cal.LocalDay(due)))
          << Iso(received) << " n=" << n;
      ASSERT_GE(due, received);
      ASSERT_GT(due, previous) << Iso(received) << " n=" << n;
      ASSERT_EQ(*cal.WorkingTimeBetween(received, due), absl::Hours(8 * n))
          << Iso(received);
      // The due time lies inside a session or at its end.
      ASSERT_EQ(*cal.NextSessionStart(due - absl::Seconds(n > 0 ? 1 : 0)),
                due - absl::Seconds(n > 0 ? 1 : 0))
          << Iso(received) << " n=" << n;
      previous = due;
    }
  }
}

TEST(ComputeDueTimeProperty, CalendarDaysNeverDueOnARestDayAndMonotone) {
  const WorkingCalendar& cal = StandardCalendar();
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const absl::Time received = RandomReception(rng);
    absl::Time previous = absl::InfinitePast();
    for (int n = 0; n <= 90; n += 1 + static_cast<int>(rng() % 11)) {
      const absl::Time due =
          *ComputeDueTime(cal, received, TimeLimit::CalendarDays(n));
      const absl::CivilDay day = cal.LocalDay(due);
      ASSERT_TRUE(cal.IsWorkingDay(day)) << Iso(received) << " n=" << n;
      ASSERT_EQ(due, *cal.EndOfWorkingDay(day));
      ASSERT_GE(day - cal.LocalDay(received), n);
      ASSERT_GE(due, previous);
      previous = due;
    }
  }
}

TEST(ComputeDueTimeProperty, SameDayIsTheEndOfTheFirstOrSecondWorkingDay) {
  const WorkingCalendar& cal = StandardCalendar();
  std::mt19937_64 rng(15);
  for (int i = 0; i < 100000; ++i) {
    const absl::Time received = RandomReception(rng);
    const absl::Time due = *ComputeDueTime(cal, received, TimeLimit::SameDay());
    const absl::Time start = *cal.NextSessionStart(received);
    const absl::CivilDay start_day = cal.LocalDay(start);
    const bool before_cutoff =
        start < absl::FromCivil(absl::CivilSecond(start_day) + 15 * 3600,
                                cal.time_zone());
    const absl::CivilDay expected =
        before_cutoff ? start_day : *cal.WorkingDayOnOrAfter(start_day + 1);
    ASSERT_EQ(due, *cal.EndOfWorkingDay(expected)) << Iso(received);
  }
}

}  // namespace
}  // namespace motcua::calendar
