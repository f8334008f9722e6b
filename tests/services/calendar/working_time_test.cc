#include "services/calendar/working_time.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

TEST(WorkingTime, DefaultIsMondayToFridayEightHours) {
  const WorkingTime wt = WorkingTime::Default();
  EXPECT_OK(wt.Validate());
  for (absl::Weekday w :
       {absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
        absl::Weekday::thursday, absl::Weekday::friday}) {
    EXPECT_EQ(wt.ForWeekday(w).morning, (Session{420, 690})) << WeekdayCode(w);
    EXPECT_EQ(wt.ForWeekday(w).afternoon, (Session{810, 1020}));
    EXPECT_EQ(wt.ForWeekday(w).WorkingMinutes(), 480);
  }
  EXPECT_FALSE(wt.ForWeekday(absl::Weekday::saturday).works());
  EXPECT_FALSE(wt.ForWeekday(absl::Weekday::sunday).works());
  EXPECT_EQ(wt.makeup_day.WorkingMinutes(), 480);
  EXPECT_EQ(wt.minutes_per_working_day, 480);
  EXPECT_EQ(wt.same_day_cutoff_minute, 900);
  EXPECT_EQ(
      wt.Canonical(),
      "mon=07:00-11:30,13:30-17:00;tue=07:00-11:30,13:30-17:00;wed=07:00-11:30,"
      "13:30-17:00;"
      "thu=07:00-11:30,13:30-17:00;fri=07:00-11:30,13:30-17:00;sat=-;sun=-;"
      "makeup=07:00-11:30,13:30-17:00;day=480;cutoff=15:00");
}

TEST(WorkingTime, SaturdayMorningAddsAHalfDay) {
  const WorkingTime wt = WorkingTime::DefaultWithSaturdayMorning();
  EXPECT_OK(wt.Validate());
  EXPECT_EQ(wt.ForWeekday(absl::Weekday::saturday).WorkingMinutes(), 270);
  EXPECT_FALSE(wt.ForWeekday(absl::Weekday::saturday).afternoon.has_value());
  EXPECT_NE(wt.Canonical(), WorkingTime::Default().Canonical());
  EXPECT_NE(wt, WorkingTime::Default());
}

TEST(WorkingTime, ValidateNamesTheBadField) {
  const struct {
    void (*edit)(WorkingTime&);
    std::string error;
  } cases[] = {
      {[](WorkingTime& w) {
         w.week[0].morning = Session{690, 420};
       },
       "working_time.monday.morning: begin 11:30 is not before end 07:00"},
      {[](WorkingTime& w) {
         w.week[2].afternoon = Session{810, 1500};
       },
       "working_time.wednesday.afternoon: 810..1500 minutes is outside the "
       "day"},
      {[](WorkingTime& w) {
         w.week[4].afternoon = Session{600, 1020};
       },
       "working_time.friday.afternoon: begins at 10:00, before the morning "
       "ends at 11:30"},
      {[](WorkingTime& w) {
         for (DaySessions& d : w.week) {
           d = DaySessions();
         }
       },
       "working_time.week: no weekday has a session"},
      {[](WorkingTime& w) { w.makeup_day = DaySessions(); },
       "working_time.makeup_day: a make-up day needs a session"},
      {[](WorkingTime& w) {
         w.makeup_day.morning = Session{-5, 60};
       },
       "working_time.makeup_day.morning"},
      {[](WorkingTime& w) { w.minutes_per_working_day = 0; },
       "working_time.minutes_per_working_day: 0 is outside 1..1440"},
      {[](WorkingTime& w) { w.same_day_cutoff_minute = 1500; },
       "working_time.same_day_cutoff_minute: 1500 is outside 0..1440"},
  };
  for (const auto& c : cases) {
    WorkingTime wt = WorkingTime::Default();
    c.edit(wt);
    EXPECT_THAT(wt.Validate(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr(c.error)));
  }
}

TEST(WorkingTime, ParsesClockTimesAndSessions) {
  EXPECT_EQ(*ParseClockMinute("07:30"), 450);
  EXPECT_EQ(*ParseClockMinute(" 00:00 "), 0);
  EXPECT_EQ(*ParseClockMinute("24:00"), 1440);
  for (const char* bad : {"7:30", "07-30", "24:01", "12:60", "ab:cd", ""}) {
    EXPECT_THAT(ParseClockMinute(bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(bad)))
        << bad;
  }
  EXPECT_EQ(*ParseSession("07:00-11:30"), (Session{420, 690}));
  EXPECT_EQ(FormatSession(*ParseSession("13:30-17:00")), "13:30-17:00");
  EXPECT_THAT(ParseSession("11:30-07:00"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must end after it begins")));
  EXPECT_THAT(
      ParseSession("07:00"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("HH:MM-HH:MM")));
  EXPECT_THAT(ParseSession("07:00-25:00"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("25:00")));
}

TEST(WorkingTime, WeekdayCodes) {
  EXPECT_EQ(WeekdayCode(absl::Weekday::monday), "monday");
  EXPECT_EQ(WeekdayCode(absl::Weekday::sunday), "sunday");
}

}  // namespace
}  // namespace motcua::calendar
