#include "services/calendar/unit_working_time.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/calendar/builtin_schedules.h"
#include "services/calendar/due_date.h"
#include "tests/services/calendar/test_times.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using ::motcua::calendar::testing::Iso;
using ::motcua::calendar::testing::Vn;
using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ParseWorkingTime, Presets) {
  EXPECT_EQ(*ParseWorkingTime("default"), WorkingTime::Default());
  EXPECT_EQ(*ParseWorkingTime(" saturday_morning "), WorkingTime::DefaultWithSaturdayMorning());
}

TEST(ParseWorkingTime, CanonicalRoundTrips) {
  for (const WorkingTime& wt :
       {WorkingTime::Default(), WorkingTime::DefaultWithSaturdayMorning()}) {
    absl::StatusOr<WorkingTime> parsed = ParseWorkingTime(wt.Canonical());
    ASSERT_OK(parsed.status());
    EXPECT_EQ(*parsed, wt) << wt.Canonical();
  }
}

TEST(ParseWorkingTime, SpecStartsFromRestDays) {
  absl::StatusOr<WorkingTime> wt =
      ParseWorkingTime("mon=07:30-11:30,13:00-17:00; sat=13:30-17:00; cutoff=16:00; day=450");
  ASSERT_OK(wt.status());
  EXPECT_EQ(wt->ForWeekday(absl::Weekday::monday).morning, (Session{450, 690}));
  EXPECT_EQ(wt->ForWeekday(absl::Weekday::monday).afternoon, (Session{780, 1020}));
  EXPECT_FALSE(wt->ForWeekday(absl::Weekday::tuesday).works());
  // One session beginning after noon is the afternoon.
  EXPECT_FALSE(wt->ForWeekday(absl::Weekday::saturday).morning.has_value());
  EXPECT_EQ(wt->ForWeekday(absl::Weekday::saturday).afternoon, (Session{810, 1020}));
  EXPECT_EQ(wt->same_day_cutoff_minute, 960);
  EXPECT_EQ(wt->minutes_per_working_day, 450);
  EXPECT_EQ(wt->makeup_day, WorkingTime::Default().makeup_day);
}

TEST(ParseWorkingTime, BadSpecsNameTheItem) {
  const struct {
    const char* text;
    const char* error;
  } kCases[] = {
      {"", "empty"},
      {"weekdays", "expected key=value"},
      {"mon=", "expected key=value"},
      {"moon=07:00-11:30", "unknown key \"moon\""},
      {"mon=07:00-11:30;mon=13:30-17:00", "\"mon\" is given twice"},
      {"mon=11:30-07:00", "mon=11:30-07:00"},
      {"mon=07:00-11:30,13:30-17:00,18:00-19:00", "at most two sessions"},
      {"mon=25:00-26:00", "mon=25:00-26:00"},
      {"mon=07:00-12:00,11:00-17:00", "before the morning ends"},
      {"sat=-;sun=-", "no weekday has a session"},
      {"mon=07:00-11:30;day=abc", "day= takes working minutes"},
      {"mon=07:00-11:30;day=0", "minutes_per_working_day"},
      {"mon=07:00-11:30;cutoff=noon", "cutoff=noon"},
  };
  for (const auto& c : kCases) {
    EXPECT_THAT(ParseWorkingTime(c.text).status(),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)))
        << c.text;
  }
}

TEST(DescribeWorkingTimeVi, GroupsEqualDays) {
  EXPECT_EQ(DescribeWorkingTimeVi(WorkingTime::Default()),
            "Thứ Hai–Thứ Sáu 07:00–11:30, 13:30–17:00");
  EXPECT_EQ(DescribeWorkingTimeVi(WorkingTime::DefaultWithSaturdayMorning()),
            "Thứ Hai–Thứ Sáu 07:00–11:30, 13:30–17:00; Thứ Bảy 07:00–11:30");
  EXPECT_EQ(DescribeWorkingTimeVi(*ParseWorkingTime("mon=13:30-17:00;wed=07:00-11:30")),
            "Thứ Hai 13:30–17:00; Thứ Tư 07:00–11:30");
}

TEST(UnitWorkingTimes, ParsesTableWithCommentsAndNotes) {
  absl::StatusOr<UnitWorkingTimes> table = UnitWorkingTimes::Parse(
      "# header\n"
      "\n"
      "07900\tsaturday_morning\tPhường Việt Trì\r\n"
      "25\tdefault\n");
  ASSERT_OK(table.status());
  ASSERT_EQ(table->entries().size(), 2u);
  ASSERT_NE(table->Find("07900"), nullptr);
  EXPECT_EQ(table->Find("07900")->working_time, WorkingTime::DefaultWithSaturdayMorning());
  EXPECT_EQ(table->Find("07900")->note, "Phường Việt Trì");
  EXPECT_EQ(table->Find("25")->working_time, WorkingTime::Default());
  EXPECT_EQ(table->Find("04924"), nullptr);
}

TEST(UnitWorkingTimes, BadLinesNameTheLine) {
  const struct {
    const char* text;
    const char* error;
  } kCases[] = {
      {"07900\n", "line 1: expected unit_code<TAB>working_time"},
      {"# c\n07900\tdefault\tnote\textra\n", "line 2: expected"},
      {"079 00\tdefault\n", "line 1: unit code \"079 00\""},
      {"07900\tsundays\n", "line 1: unit 07900: working time \"sundays\""},
      {"07900\tdefault\n25\tdefault\n07900\tsaturday_morning\n",
       "line 3: unit 07900 is listed twice (also line 1)"},
  };
  for (const auto& c : kCases) {
    EXPECT_THAT(UnitWorkingTimes::Parse(c.text).status(),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)))
        << c.text;
  }
}

TEST(UnitWorkingTimes, BuiltinTableParses) {
  EXPECT_OK(UnitWorkingTimes::Parse(BuiltinUnitWorkingTimeText()).status());
}

UnitCalendars TwoUnitCalendars() {
  WorkingCalendar::Options base;
  base.schedule = *BuiltinAnnouncedSchedule();
  base.first_year = 2020;
  base.last_year = 2030;
  return *UnitCalendars::Create(
      base, *UnitWorkingTimes::Parse("07900\tsaturday_morning\n25\tdefault\n"));
}

TEST(UnitCalendars, EachUnitCountsWithItsOwnWorkingTime) {
  const UnitCalendars calendars = TwoUnitCalendars();
  // Friday 2026-03-06 16:00, one working day: the Saturday-morning unit counts Friday's last
  // hour and Saturday 07:00–11:30, then Monday; the others resume on Monday.
  const TimeLimit one_day{LimitUnit::kWorkingDays, 1};
  const absl::Time from = Vn(2026, 3, 6, 16, 0);
  EXPECT_EQ(Iso(*ComputeDueTime(calendars.ForUnit("07900"), from, one_day)),
            "2026-03-09T09:30:00+07:00");
  EXPECT_EQ(Iso(*ComputeDueTime(calendars.ForUnit("04924"), from, one_day)),
            "2026-03-09T16:00:00+07:00");
  EXPECT_EQ(Iso(*ComputeDueTime(calendars.ForUnit("25"), from, one_day)),
            "2026-03-09T16:00:00+07:00");
  EXPECT_NE(calendars.ForUnit("07900").version(), calendars.Default().version());
  EXPECT_EQ(calendars.ForUnit("25").version(), calendars.Default().version());
}

TEST(UnitCalendars, WithScheduleKeepsTheUnits) {
  const UnitCalendars calendars = TwoUnitCalendars();
  AnnouncedSchedule schedule = *AnnouncedSchedule::Parse("2026-03-09\toff\tNghỉ thử\n");
  absl::StatusOr<UnitCalendars> changed = calendars.WithSchedule(schedule);
  ASSERT_OK(changed.status());
  EXPECT_FALSE(changed->ForUnit("07900").IsWorkingDay(absl::CivilDay(2026, 3, 9)));
  EXPECT_TRUE(changed->ForUnit("07900").IsWorkingDay(absl::CivilDay(2026, 3, 7)));
  EXPECT_FALSE(changed->ForUnit("04924").IsWorkingDay(absl::CivilDay(2026, 3, 7)));
  EXPECT_EQ(changed->Default().first_year(), 2020);
}

TEST(UnitCalendars, SingleCalendarServesEveryUnit) {
  const UnitCalendars calendars(testing::StandardCalendar());
  EXPECT_EQ(calendars.ForUnit("07900").version(), testing::StandardCalendar().version());
  EXPECT_TRUE(calendars.units().entries().empty());
}

}  // namespace
}  // namespace motcua::calendar
