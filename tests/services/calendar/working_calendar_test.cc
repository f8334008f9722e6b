#include "services/calendar/working_calendar.h"

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
using Day = absl::CivilDay;

TEST(WorkingCalendar, ClassifiesDaysWithReasons) {
  const WorkingCalendar& cal = StandardCalendar();
  const struct {
    Day day;
    DayType type;
    std::string reason;
  } cases[] = {
      {Day(2026, 2, 13), DayType::kWorking, "ngày làm việc"},
      {Day(2026, 2, 14), DayType::kWeeklyRest, "ngày nghỉ hằng tuần (Thứ Bảy)"},
      {Day(2026, 2, 15), DayType::kWeeklyRest,
       "ngày nghỉ hằng tuần (Chủ Nhật)"},
      {Day(2026, 2, 16), DayType::kHoliday,
       "ngày nghỉ lễ theo thông báo: Nghỉ Tết Nguyên đán (29 tháng Chạp năm Ất "
       "Tỵ)"},
      {Day(2026, 4, 26), DayType::kHoliday,
       "ngày nghỉ lễ: Giỗ Tổ Hùng Vương (10/3 âm lịch)"},
      {Day(2026, 4, 27), DayType::kCompensatory,
       "ngày nghỉ bù cho Giỗ Tổ Hùng Vương (10/3 âm lịch) rơi vào Chủ Nhật "
       "26/04/2026"},
      {Day(2026, 9, 3), DayType::kHoliday,
       "ngày nghỉ lễ: Quốc khánh (nghỉ thêm ngày 3/9)"},
      {Day(2026, 2, 23), DayType::kWorking, "ngày làm việc"},
  };
  for (const auto& c : cases) {
    const DayInfo info = *cal.Describe(c.day);
    EXPECT_EQ(info.type, c.type) << c.day;
    EXPECT_EQ(info.Reason(), c.reason) << c.day;
    EXPECT_EQ(cal.IsWorkingDay(c.day), info.working()) << c.day;
    EXPECT_EQ(info.sessions.works(), info.working()) << c.day;
  }
}

TEST(WorkingCalendar, MakeupAndAnnouncedDays) {
  const WorkingCalendar cal = CalendarWith(
      "2025-05-02\toff\tNghỉ hoán đổi\n2025-04-26\tmakeup\tLàm bù cho ngày "
      "02/05/2025\n");
  const DayInfo makeup = *cal.Describe(Day(2025, 4, 26));
  EXPECT_EQ(makeup.type, DayType::kMakeup);
  EXPECT_TRUE(cal.IsWorkingDay(Day(2025, 4, 26)));
  EXPECT_EQ(makeup.Reason(), "ngày làm bù (Làm bù cho ngày 02/05/2025)");
  EXPECT_EQ(makeup.sessions.WorkingMinutes(), 480);
  const DayInfo off = *cal.Describe(Day(2025, 5, 2));
  EXPECT_EQ(off.type, DayType::kAnnouncedOff);
  EXPECT_EQ(off.Reason(), "ngày nghỉ theo thông báo: Nghỉ hoán đổi");
  EXPECT_FALSE(cal.IsWorkingDay(Day(2025, 5, 2)));
}

TEST(WorkingCalendar, SaturdayMorningUnit) {
  const WorkingCalendar cal =
      CalendarWith("", WorkingTime::DefaultWithSaturdayMorning());
  EXPECT_TRUE(cal.IsWorkingDay(Day(2026, 3, 7)));
  EXPECT_EQ(cal.Describe(Day(2026, 3, 7))->sessions.WorkingMinutes(), 270);
  EXPECT_FALSE(cal.IsWorkingDay(Day(2026, 3, 8)));
  // A holiday on a Saturday is still off, and compensated on the next
  // Monday–Friday.
  EXPECT_FALSE(cal.IsWorkingDay(Day(2023, 4, 29)));
  EXPECT_EQ(*cal.EndOfWorkingDay(Day(2026, 3, 7)), Vn(2026, 3, 7, 11, 30));
}

TEST(WorkingCalendar, NextSessionStart) {
  const WorkingCalendar& cal = StandardCalendar();
  const struct {
    absl::Time in;
    absl::Time out;
  } cases[] = {
      {Vn(2026, 3, 2, 9, 15, 20), Vn(2026, 3, 2, 9, 15, 20)},  // inside: itself
      {Vn(2026, 3, 2, 7, 0), Vn(2026, 3, 2, 7, 0)},
      {Vn(2026, 3, 2, 6, 0), Vn(2026, 3, 2, 7, 0)},      // before work
      {Vn(2026, 3, 2, 11, 30), Vn(2026, 3, 2, 13, 30)},  // the morning's end
      {Vn(2026, 3, 2, 12, 15), Vn(2026, 3, 2, 13, 30)},  // lunch
      {Vn(2026, 3, 2, 17, 0), Vn(2026, 3, 3, 7, 0)},     // after work
      {Vn(2026, 3, 6, 18, 0), Vn(2026, 3, 9, 7, 0)},     // Friday evening
      {Vn(2026, 2, 13, 17, 30), Vn(2026, 2, 23, 7, 0)},  // before Tết
      {Vn(2023, 4, 28, 17, 0), Vn(2023, 5, 4, 7, 0)},    // 2023 compensation
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Iso(*cal.NextSessionStart(c.in)), Iso(c.out)) << Iso(c.in);
  }
}

TEST(WorkingCalendar, AddWorkingTimeAndBetween) {
  const WorkingCalendar& cal = StandardCalendar();
  const struct {
    absl::Time from;
    absl::Duration amount;
    absl::Time to;
  } cases[] = {
      {Vn(2026, 3, 2, 7, 0), absl::Hours(8), Vn(2026, 3, 2, 17, 0)},
      {Vn(2026, 3, 2, 7, 0), absl::Hours(4) + absl::Minutes(30),
       Vn(2026, 3, 2, 11, 30)},
      {Vn(2026, 3, 2, 7, 0), absl::Hours(5), Vn(2026, 3, 2, 14, 0)},
      {Vn(2026, 3, 2, 10, 0), absl::Hours(2), Vn(2026, 3, 2, 14, 0)},
      {Vn(2026, 3, 2, 12, 0), absl::Hours(4), Vn(2026, 3, 3, 7, 30)},
      {Vn(2026, 3, 6, 16, 0), absl::Hours(2), Vn(2026, 3, 9, 8, 0)},
      {Vn(2026, 3, 7, 10, 0), absl::Hours(1), Vn(2026, 3, 9, 8, 0)},
      {Vn(2026, 3, 7, 10, 0), absl::ZeroDuration(), Vn(2026, 3, 9, 7, 0)},
      {Vn(2026, 3, 2, 9, 0), absl::Seconds(1), Vn(2026, 3, 2, 9, 0, 1)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Iso(*cal.AddWorkingTime(c.from, c.amount)), Iso(c.to))
        << Iso(c.from);
    if (c.amount > absl::ZeroDuration()) {
      EXPECT_EQ(*cal.WorkingTimeBetween(c.from, c.to), c.amount) << Iso(c.from);
    }
  }
  EXPECT_EQ(
      *cal.WorkingTimeBetween(Vn(2026, 2, 13, 7, 0), Vn(2026, 2, 24, 7, 0)),
      absl::Hours(16));
  EXPECT_EQ(
      *cal.WorkingTimeBetween(Vn(2026, 3, 7, 9, 0), Vn(2026, 3, 7, 10, 0)),
      absl::ZeroDuration());
}

TEST(WorkingCalendar, WorkingDayOnOrAfterAndEndOfDay) {
  const WorkingCalendar& cal = StandardCalendar();
  EXPECT_EQ(*cal.WorkingDayOnOrAfter(Day(2026, 2, 14)), Day(2026, 2, 23));
  EXPECT_EQ(*cal.WorkingDayOnOrAfter(Day(2026, 2, 23)), Day(2026, 2, 23));
  EXPECT_EQ(*cal.EndOfWorkingDay(Day(2026, 2, 23)), Vn(2026, 2, 23, 17, 0));
  EXPECT_THAT(cal.EndOfWorkingDay(Day(2026, 2, 16)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("day: 2026-02-16 is not a working day")));
  EXPECT_EQ(cal.LocalDay(Vn(2026, 2, 23, 0, 0)), Day(2026, 2, 23));
  EXPECT_EQ(cal.LocalDay(Vn(2026, 2, 23, 23, 59, 59)), Day(2026, 2, 23));
}

TEST(WorkingCalendar, RejectsTimesOutsideItsYears) {
  const WorkingCalendar cal = CalendarWith("");
  EXPECT_FALSE(cal.Covers(Day(2019, 12, 31)));
  EXPECT_TRUE(cal.Covers(Day(2020, 1, 1)));
  EXPECT_FALSE(cal.IsWorkingDay(Day(2040, 3, 5)));
  EXPECT_THAT(
      cal.Describe(Day(2040, 3, 5)),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "day: 2040-03-05 is outside the calendar's years 2020..2032")));
  EXPECT_THAT(
      cal.NextSessionStart(Vn(2019, 6, 3, 9, 0)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("time: 2019-06-03T09:00:00+07:00 is outside")));
  EXPECT_THAT(
      cal.NextSessionStart(absl::InfiniteFuture()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("outside")));
  EXPECT_THAT(cal.AddWorkingTime(Vn(2032, 12, 31, 9, 0), absl::Hours(80)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("after the end of 2032")));
  EXPECT_THAT(cal.NextSessionStart(Vn(2032, 12, 31, 18, 0)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("after the end of 2032")));
  EXPECT_THAT(cal.AddWorkingTime(Vn(2026, 3, 2, 9, 0), absl::Hours(-1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("amount: -1h is negative")));
  EXPECT_THAT(
      cal.WorkingTimeBetween(Vn(2026, 3, 3, 9, 0), Vn(2026, 3, 2, 9, 0)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("to: is before from")));
  EXPECT_THAT(cal.Holidays(2040), StatusIs(absl::StatusCode::kInvalidArgument,
                                           HasSubstr("year: 2040")));
}

TEST(WorkingCalendar, CreateValidatesOptions) {
  const struct {
    void (*edit)(WorkingCalendar::Options&);
    std::string error;
  } cases[] = {
      {[](WorkingCalendar::Options& o) { o.first_year = 1700; },
       "options.first_year: 1700"},
      {[](WorkingCalendar::Options& o) { o.last_year = 2300; },
       "options.last_year: 2300"},
      {[](WorkingCalendar::Options& o) {
         o.first_year = 2030;
         o.last_year = 2020;
       },
       "options.last_year: 2020 is outside 2030..2199"},
      {[](WorkingCalendar::Options& o) { o.utc_offset_hours = 20; },
       "options.utc_offset_hours: 20"},
      {[](WorkingCalendar::Options& o) {
         o.working_time.minutes_per_working_day = -1;
       },
       "working_time.minutes_per_working_day"},
      {[](WorkingCalendar::Options& o) {
         o.schedule = *AnnouncedSchedule::Parse("2026-04-30\toff\tX\n");
       },
       "schedule line 1, date: 2026-04-30 (off) is already a day off"},
  };
  for (const auto& c : cases) {
    WorkingCalendar::Options options;
    options.first_year = 2020;
    options.last_year = 2030;
    c.edit(options);
    EXPECT_THAT(
        WorkingCalendar::Create(options),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)));
  }
}

TEST(WorkingCalendar, VersionHashesWhatMovesDueDates) {
  const WorkingCalendar base = CalendarWith("2025-05-02\toff\tNghỉ hoán đổi\n");
  const std::string v = base.version();
  EXPECT_THAT(v, ::testing::MatchesRegex("cal-[0-9a-f]{16}"));
  // Stable: same content, same version; names do not count.
  EXPECT_EQ(CalendarWith("2025-05-02\toff\tNghỉ hoán đổi\n").version(), v);
  EXPECT_EQ(CalendarWith("# comment\n2025-05-02\toff\tTên khác\n").version(),
            v);
  // Everything that moves a due date changes it.
  EXPECT_NE(CalendarWith("").version(), v);
  EXPECT_NE(CalendarWith("2025-05-05\toff\tNghỉ hoán đổi\n").version(), v);
  EXPECT_NE(CalendarWith("2025-05-02\toff\tNghỉ hoán đổi\n",
                         WorkingTime::DefaultWithSaturdayMorning())
                .version(),
            v);
  WorkingTime cutoff = WorkingTime::Default();
  cutoff.same_day_cutoff_minute = 16 * 60;
  EXPECT_NE(CalendarWith("2025-05-02\toff\tNghỉ hoán đổi\n", cutoff).version(),
            v);
  WorkingCalendar::Options utc8;
  utc8.schedule = *AnnouncedSchedule::Parse("2025-05-02\toff\tNghỉ hoán đổi\n");
  utc8.utc_offset_hours = 8;
  utc8.first_year = 2020;
  utc8.last_year = 2032;
  EXPECT_NE(WorkingCalendar::Create(utc8)->version(), v);
  // The covered years do not change due dates inside them.
  WorkingCalendar::Options wider;
  wider.schedule =
      *AnnouncedSchedule::Parse("2025-05-02\toff\tNghỉ hoán đổi\n");
  wider.first_year = 2000;
  wider.last_year = 2100;
  EXPECT_EQ(WorkingCalendar::Create(wider)->version(), v);
}

TEST(WorkingCalendar, HolidaysMatchHolidaysOfYear) {
  const WorkingCalendar& cal = StandardCalendar();
  for (int year : {2000, 2023, 2026, 2060}) {
    const YearHolidays a = *cal.Holidays(year);
    const YearHolidays b = *HolidaysOfYear(year, cal.schedule());
    ASSERT_EQ(a.days_off.size(), b.days_off.size()) << year;
    for (size_t i = 0; i < a.days_off.size(); ++i) {
      EXPECT_EQ(a.days_off[i].day, b.days_off[i].day);
      EXPECT_FALSE(cal.IsWorkingDay(a.days_off[i].day));
    }
  }
}

TEST(WorkingCalendar, CoversTheWholeDefaultRangeAndCopiesShareTables) {
  const absl::StatusOr<WorkingCalendar> cal = WorkingCalendar::Create();
  ASSERT_OK(cal);
  EXPECT_EQ(cal->first_year(), 1900);
  EXPECT_EQ(cal->last_year(), 2199);
  EXPECT_TRUE(cal->IsWorkingDay(Day(1900, 1, 2)));
  EXPECT_FALSE(cal->IsWorkingDay(Day(2199, 1, 1)));
  const WorkingCalendar copy = *cal;
  EXPECT_EQ(copy.version(), cal->version());
  EXPECT_EQ(&copy.working_time(), &cal->working_time());
}

}  // namespace
}  // namespace motcua::calendar
