#include "services/calendar/holidays.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/calendar/builtin_schedules.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;
using Day = absl::CivilDay;

// "2026-02-16 tet" lines, for compact comparisons.
std::vector<std::string> Lines(const YearHolidays& h) {
  std::vector<std::string> out;
  for (const Holiday& d : h.days_off) {
    out.push_back(
        absl::StrCat(absl::FormatCivilTime(d.day), " ", HolidayCode(d.kind)));
  }
  return out;
}

const Holiday* Find(const YearHolidays& h, Day day) {
  for (const Holiday& d : h.days_off) {
    if (d.day == day) {
      return &d;
    }
  }
  return nullptr;
}

AnnouncedSchedule Schedule(const std::string& text) {
  return *AnnouncedSchedule::Parse(text);
}

TEST(HolidaysOfYear, Year2026WithTheAnnouncedSchedule) {
  const YearHolidays h = *HolidaysOfYear(2026, *BuiltinAnnouncedSchedule());
  EXPECT_TRUE(h.tet_announced);
  EXPECT_FALSE(h.national_day_announced);
  EXPECT_THAT(
      Lines(h),
      ::testing::ElementsAre(
          "2026-01-01 new_year", "2026-02-16 tet", "2026-02-17 lunar_new_year",
          "2026-02-18 tet", "2026-02-19 tet", "2026-02-20 tet",
          "2026-04-26 hung_kings", "2026-04-27 compensatory",
          "2026-04-30 reunification", "2026-05-01 labour_day",
          "2026-09-02 national_day", "2026-09-03 national_day"));
  EXPECT_EQ(Find(h, Day(2026, 2, 16))->name,
            "Nghỉ Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)");
  EXPECT_TRUE(Find(h, Day(2026, 2, 16))->announced);
  EXPECT_EQ(Find(h, Day(2026, 4, 26))->name,
            "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
  EXPECT_EQ(
      Find(h, Day(2026, 4, 27))->name,
      "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) rơi vào Chủ Nhật 26/04/2026");
  EXPECT_EQ(Find(h, Day(2026, 9, 3))->name, "Quốc khánh (nghỉ thêm ngày 3/9)");
  EXPECT_TRUE(h.makeup_days.empty());
}

TEST(HolidaysOfYear, DefaultTetRuleReproducesThe2026Announcement) {
  const YearHolidays announced =
      *HolidaysOfYear(2026, *BuiltinAnnouncedSchedule());
  const YearHolidays by_default = *HolidaysOfYear(2026, AnnouncedSchedule());
  EXPECT_FALSE(by_default.tet_announced);
  EXPECT_EQ(Lines(by_default), Lines(announced));
  EXPECT_EQ(Find(by_default, Day(2026, 2, 16))->name,
            "Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)");
  EXPECT_EQ(Find(by_default, Day(2026, 2, 17))->name,
            "Tết Nguyên đán (mùng 1 tháng Giêng năm Bính Ngọ)");
  EXPECT_FALSE(Find(by_default, Day(2026, 2, 16))->announced);
}

TEST(HolidaysOfYear, Compensation2023WorkedExample) {
  // DOMAIN.md §5.1: Hùng Kings on Saturday 29/04/2023 and 30/04 on Sunday: off
  // 29/04–03/05.
  const YearHolidays h = *HolidaysOfYear(2023, AnnouncedSchedule());
  std::vector<std::string> spring;
  for (const Holiday& d : h.days_off) {
    if (d.day >= Day(2023, 4, 1) && d.day <= Day(2023, 5, 31)) {
      spring.push_back(
          absl::StrCat(absl::FormatCivilTime(d.day), " ", HolidayCode(d.kind)));
    }
  }
  EXPECT_THAT(spring, ::testing::ElementsAre(
                          "2023-04-29 hung_kings", "2023-04-30 reunification",
                          "2023-05-01 labour_day", "2023-05-02 compensatory",
                          "2023-05-03 compensatory"));
  EXPECT_THAT(Find(h, Day(2023, 5, 2))->name, HasSubstr("Giỗ Tổ Hùng Vương"));
  EXPECT_THAT(Find(h, Day(2023, 5, 3))->name, HasSubstr("Ngày Chiến thắng"));
  // 1/1/2023 was a Sunday: compensated on Monday 2/1.
  EXPECT_EQ(Find(h, Day(2023, 1, 2))->kind, HolidayKind::kCompensatory);
}

TEST(HolidaysOfYear, DefaultTetCompensatesWeekendDays) {
  // Tết 2023 (lunar 1/1) was Sunday 22/01; the default block 21/01–25/01 holds
  // a Saturday and a Sunday, compensated on Thursday 26/01 and Friday 27/01.
  const YearHolidays h = *HolidaysOfYear(2023, AnnouncedSchedule());
  std::vector<std::string> tet;
  for (const Holiday& d : h.days_off) {
    if (d.day >= Day(2023, 1, 15) && d.day <= Day(2023, 2, 15)) {
      tet.push_back(
          absl::StrCat(absl::FormatCivilTime(d.day), " ", HolidayCode(d.kind)));
    }
  }
  EXPECT_THAT(tet, ::testing::ElementsAre(
                       "2023-01-21 tet", "2023-01-22 lunar_new_year",
                       "2023-01-23 tet", "2023-01-24 tet", "2023-01-25 tet",
                       "2023-01-26 compensatory", "2023-01-27 compensatory"));
}

TEST(HolidaysOfYear, DefaultNationalDayNeighbourFollowsPastAnnouncements) {
  const struct {
    int year;
    std::vector<std::string> expected;
  } cases[] = {
      // 2021 Thu: 2–3/9 announced. 2022 Fri: 1–2/9. 2023 Sat: 1/9 + nghỉ bù Mon
      // 4/9.
      // 2024 Mon: 2–3/9. 2025 Tue: 1–2/9. 2026 Wed: tie, 3/9. 2029 Sun: 3/9 +
      // nghỉ bù 4/9.
      {2021, {"2021-09-02 national_day", "2021-09-03 national_day"}},
      {2022, {"2022-09-01 national_day", "2022-09-02 national_day"}},
      {2023,
       {"2023-09-01 national_day", "2023-09-02 national_day",
        "2023-09-04 compensatory"}},
      {2024, {"2024-09-02 national_day", "2024-09-03 national_day"}},
      {2025, {"2025-09-01 national_day", "2025-09-02 national_day"}},
      {2026, {"2026-09-02 national_day", "2026-09-03 national_day"}},
      {2029,
       {"2029-09-02 national_day", "2029-09-03 national_day",
        "2029-09-04 compensatory"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> september;
    for (const std::string& line :
         Lines(*HolidaysOfYear(c.year, AnnouncedSchedule()))) {
      if (line.substr(5, 2) == "09") {
        september.push_back(line);
      }
    }
    EXPECT_EQ(september, c.expected) << c.year;
  }
}

TEST(HolidaysOfYear, AnnouncedNationalDayReplacesTheDefaultAndItsCompensation) {
  // 2023 as announced: 1/9 (Fri) to 4/9 (Mon), written as national_day days.
  const AnnouncedSchedule schedule = Schedule(
      "2023-09-01\tnational_day\tNghỉ Quốc khánh (liền kề)\n"
      "2023-09-04\tnational_day\tNghỉ bù Quốc khánh\n");
  const YearHolidays h = *HolidaysOfYear(2023, schedule);
  EXPECT_TRUE(h.national_day_announced);
  std::vector<std::string> september;
  for (const std::string& line : Lines(h)) {
    if (line.substr(5, 2) == "09") {
      september.push_back(line);
    }
  }
  EXPECT_THAT(september, ::testing::ElementsAre("2023-09-01 national_day",
                                                "2023-09-02 national_day",
                                                "2023-09-04 national_day"));
  EXPECT_EQ(Find(h, Day(2023, 9, 4))->name, "Nghỉ bù Quốc khánh");
}

TEST(HolidaysOfYear, AnnouncedTetKeepsLunarNewYearEvenOnAWeekend) {
  // An announcement listing only weekdays around Tết 2024 (Saturday 10/02).
  const AnnouncedSchedule schedule = Schedule(
      "2024-02-08\ttet\tNghỉ Tết (28 tháng Chạp)\n"
      "2024-02-09\ttet\tNghỉ Tết (30 tháng Chạp)\n"
      "2024-02-12\ttet\tNghỉ Tết (mùng 3)\n"
      "2024-02-13\ttet\tNghỉ Tết (mùng 4)\n"
      "2024-02-14\ttet\tNghỉ Tết (mùng 5)\n");
  const YearHolidays h = *HolidaysOfYear(2024, schedule);
  std::vector<std::string> tet;
  for (const Holiday& d : h.days_off) {
    if (d.day.month() == 2) {
      tet.push_back(
          absl::StrCat(absl::FormatCivilTime(d.day), " ", HolidayCode(d.kind)));
    }
  }
  // No compensation is derived for announced Tết days.
  EXPECT_THAT(
      tet, ::testing::ElementsAre("2024-02-08 tet", "2024-02-09 tet",
                                  "2024-02-10 lunar_new_year", "2024-02-12 tet",
                                  "2024-02-13 tet", "2024-02-14 tet"));
  EXPECT_FALSE(Find(h, Day(2024, 2, 10))->announced);
}

TEST(HolidaysOfYear, AnnouncedOffAndMakeupDays) {
  // 2025: Wednesday 30/4 and Thursday 1/5; Friday 2/5 swapped for Saturday
  // 26/4.
  const AnnouncedSchedule schedule = Schedule(
      "2025-05-02\toff\tNghỉ hoán đổi, làm bù thứ Bảy 26/04/2025\n"
      "2025-04-26\tmakeup\tLàm bù cho ngày nghỉ 02/05/2025\n");
  const YearHolidays h = *HolidaysOfYear(2025, schedule);
  const Holiday* swapped = Find(h, Day(2025, 5, 2));
  ASSERT_NE(swapped, nullptr);
  EXPECT_EQ(swapped->kind, HolidayKind::kAnnounced);
  EXPECT_TRUE(swapped->announced);
  ASSERT_EQ(h.makeup_days.size(), 1u);
  EXPECT_EQ(h.makeup_days[0].day, Day(2025, 4, 26));
  EXPECT_EQ(h.makeup_days[0].name, "Làm bù cho ngày nghỉ 02/05/2025");
}

TEST(HolidaysOfYear, CompensationMovesPastAnAnnouncedDayOff) {
  // 27/04/2026 would compensate Sunday 26/04; announced off, it pushes
  // compensation to 28/04.
  const YearHolidays h =
      *HolidaysOfYear(2026, Schedule("2026-04-27\toff\tNghỉ theo thông báo\n"));
  EXPECT_EQ(Find(h, Day(2026, 4, 27))->kind, HolidayKind::kAnnounced);
  EXPECT_EQ(Find(h, Day(2026, 4, 28))->kind, HolidayKind::kCompensatory);
}

TEST(HolidaysOfYear, CompensationSkipsAnnouncedDaysOff) {
  // 1/1/2028 is a Saturday; with Monday 3/1 announced off, the compensatory day
  // is Tuesday 4/1.
  const YearHolidays h =
      *HolidaysOfYear(2028, Schedule("2028-01-03\toff\tNghỉ theo thông báo\n"));
  EXPECT_EQ(Find(h, Day(2028, 1, 3))->kind, HolidayKind::kAnnounced);
  EXPECT_EQ(Find(h, Day(2028, 1, 4))->kind, HolidayKind::kCompensatory);
}

TEST(HolidaysOfYear, RejectsSchedulesThatContradictTheLaw) {
  EXPECT_THAT(
      HolidaysOfYear(2026, Schedule("2026-04-30\toff\tTrùng ngày lễ\n")),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "schedule line 1, date: 2026-04-30 (off) is already a day off: "
              "Ngày Chiến thắng (30/4)")));
  EXPECT_THAT(
      HolidaysOfYear(2023, Schedule("# c\n2023-04-29\tmakeup\tLàm bù\n")),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "schedule line 2, date: make-up day 2023-04-29 is a day off")));
  EXPECT_THAT(
      HolidaysOfYear(2026, Schedule("2026-01-20\ttet\tQuá sớm\n")),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "2026-01-20 (tet) is 28 days from Tết (lunar 1/1 = 2026-02-17")));
}

TEST(HolidaysOfYear, HungKingsUsesTheRegularMonthInLeapThreeYears) {
  int found = 0;
  for (int year = 1900; year <= 2199; ++year) {
    if (*LeapMonthOfLunarYear(year) != 3) {
      continue;
    }
    ++found;
    const YearHolidays h = *HolidaysOfYear(year, AnnouncedSchedule());
    const Day regular = *LunarToSolar({year, 3, 10, false});
    ASSERT_NE(Find(h, regular), nullptr) << year;
    EXPECT_EQ(Find(h, regular)->kind, HolidayKind::kHungKings) << year;
    // The leap 10/3 may be another holiday (30/4, 1/5) but is not Hùng Kings.
    const Holiday* leap = Find(h, *LunarToSolar({year, 3, 10, true}));
    EXPECT_TRUE(leap == nullptr || leap->kind != HolidayKind::kHungKings)
        << year;
  }
  EXPECT_GT(found, 0);
}

TEST(HolidaysOfYear, HolidaysMeetingOnOneDayAreCompensated) {
  // In the rare years when lunar 10/3 falls on 30/4 or 1/5, the second holiday
  // of the day gets a compensatory day.
  int found = 0;
  for (int year = 1900; year <= 2199; ++year) {
    const Day hung_kings = *LunarToSolar({year, 3, 10, false});
    if (hung_kings != Day(year, 4, 30) && hung_kings != Day(year, 5, 1)) {
      continue;
    }
    ++found;
    const YearHolidays h = *HolidaysOfYear(year, AnnouncedSchedule());
    int compensatory = 0;
    int weekend_holidays = 0;
    for (const Holiday& d : h.days_off) {
      compensatory += d.kind == HolidayKind::kCompensatory ? 1 : 0;
    }
    for (const Holiday& d : h.days_off) {
      const absl::Weekday w = absl::GetWeekday(d.day);
      if (d.kind != HolidayKind::kCompensatory &&
          (w == absl::Weekday::saturday || w == absl::Weekday::sunday)) {
        ++weekend_holidays;
      }
    }
    EXPECT_EQ(compensatory, weekend_holidays + 1) << year;
  }
  EXPECT_GT(found, 0);
}

TEST(HolidaysOfYear,
     EveryYearHasElevenStatutoryDaysAndNoCompensationOnWeekends) {
  for (int year = 1900; year <= 2199; ++year) {
    const YearHolidays h = *HolidaysOfYear(year, AnnouncedSchedule());
    int statutory = 0;
    int compensatory = 0;
    int owed = 0;
    for (const Holiday& d : h.days_off) {
      const absl::Weekday w = absl::GetWeekday(d.day);
      const bool weekend =
          w == absl::Weekday::saturday || w == absl::Weekday::sunday;
      if (d.kind == HolidayKind::kCompensatory) {
        ++compensatory;
        EXPECT_FALSE(weekend) << d.day;
      } else {
        ++statutory;
        owed += weekend ? 1 : 0;
      }
    }
    // 11 days, fewer only when two holidays share a day (then one more
    // compensation is owed).
    EXPECT_EQ(statutory + (compensatory - owed), 11) << year;
    EXPECT_EQ(std::count_if(h.days_off.begin(), h.days_off.end(),
                            [](const Holiday& d) {
                              return d.kind == HolidayKind::kLunarNewYear;
                            }),
              1)
        << year;
  }
}

TEST(HolidaysOfYear, CodesRoundTrip) {
  for (HolidayKind k :
       {HolidayKind::kNewYear, HolidayKind::kLunarNewYear, HolidayKind::kTet,
        HolidayKind::kHungKings, HolidayKind::kReunification,
        HolidayKind::kLabourDay, HolidayKind::kNationalDay,
        HolidayKind::kCompensatory, HolidayKind::kAnnounced}) {
    EXPECT_EQ(HolidayKindFromCode(HolidayCode(k)), k);
  }
  EXPECT_EQ(HolidayCode(HolidayKind::kLunarNewYear), "lunar_new_year");
  EXPECT_EQ(HolidayKindFromCode("christmas"), std::nullopt);
}

TEST(HolidaysOfYear, RejectsYearsOutsideTheSupportedRange) {
  EXPECT_THAT(
      HolidaysOfYear(1799, AnnouncedSchedule()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year: 1799")));
  EXPECT_THAT(
      HolidaysOfYear(2200, AnnouncedSchedule()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year: 2200")));
  EXPECT_THAT(HolidaysOfYear(2026, AnnouncedSchedule(), 20),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("utc_offset_hours")));
}

TEST(HolidaysOfYear, TetFollowsTheTimeZone) {
  // At UTC+8 lunar 1/1 of 2030 is 03/02, and the default block moves with it.
  const YearHolidays vn = *HolidaysOfYear(2030, AnnouncedSchedule(), 7);
  const YearHolidays cn = *HolidaysOfYear(2030, AnnouncedSchedule(), 8);
  EXPECT_EQ(Find(vn, Day(2030, 2, 2))->kind, HolidayKind::kLunarNewYear);
  EXPECT_EQ(Find(cn, Day(2030, 2, 3))->kind, HolidayKind::kLunarNewYear);
}

}  // namespace
}  // namespace motcua::calendar
