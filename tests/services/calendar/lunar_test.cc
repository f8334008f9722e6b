#include "services/calendar/lunar.h"

#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using Day = absl::CivilDay;

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

// DOMAIN.md §5.2: computed at UTC+7, cross-checked against independent sources
// for Hùng Kings 2020, 2023, 2024 and Tết 2026.
struct PublishedYear {
  int year;
  absl::CivilDay tet;
  absl::Weekday tet_weekday;
  absl::CivilDay tet_eve;
  absl::CivilDay hung_kings;
  absl::Weekday hung_kings_weekday;
  int leap_month;  // 0: none
};

const PublishedYear kPublished[] = {
    {2020, Day(2020, 1, 25), absl::Weekday::saturday, Day(2020, 1, 24),
     Day(2020, 4, 2), absl::Weekday::thursday, 4},
    {2021, Day(2021, 2, 12), absl::Weekday::friday, Day(2021, 2, 11),
     Day(2021, 4, 21), absl::Weekday::wednesday, 0},
    {2022, Day(2022, 2, 1), absl::Weekday::tuesday, Day(2022, 1, 31),
     Day(2022, 4, 10), absl::Weekday::sunday, 0},
    {2023, Day(2023, 1, 22), absl::Weekday::sunday, Day(2023, 1, 21),
     Day(2023, 4, 29), absl::Weekday::saturday, 2},
    {2024, Day(2024, 2, 10), absl::Weekday::saturday, Day(2024, 2, 9),
     Day(2024, 4, 18), absl::Weekday::thursday, 0},
    {2025, Day(2025, 1, 29), absl::Weekday::wednesday, Day(2025, 1, 28),
     Day(2025, 4, 7), absl::Weekday::monday, 6},
    {2026, Day(2026, 2, 17), absl::Weekday::tuesday, Day(2026, 2, 16),
     Day(2026, 4, 26), absl::Weekday::sunday, 0},
    {2027, Day(2027, 2, 6), absl::Weekday::saturday, Day(2027, 2, 5),
     Day(2027, 4, 16), absl::Weekday::friday, 0},
    {2028, Day(2028, 1, 26), absl::Weekday::wednesday, Day(2028, 1, 25),
     Day(2028, 4, 4), absl::Weekday::tuesday, 5},
    {2029, Day(2029, 2, 13), absl::Weekday::tuesday, Day(2029, 2, 12),
     Day(2029, 4, 23), absl::Weekday::monday, 0},
    {2030, Day(2030, 2, 2), absl::Weekday::saturday, Day(2030, 2, 1),
     Day(2030, 4, 12), absl::Weekday::friday, 0},
};

TEST(Lunar, MatchesPublishedTetHungKingsAndLeapMonths) {
  for (const PublishedYear& y : kPublished) {
    SCOPED_TRACE(y.year);
    EXPECT_EQ(*LunarToSolar({y.year, 1, 1, false}), y.tet);
    EXPECT_EQ(absl::GetWeekday(y.tet), y.tet_weekday);
    EXPECT_EQ(*LunarToSolar({y.year, 3, 10, false}), y.hung_kings);
    EXPECT_EQ(absl::GetWeekday(y.hung_kings), y.hung_kings_weekday);
    EXPECT_EQ(*LeapMonthOfLunarYear(y.year), y.leap_month);
    // The eve is the last day of month 12 of the previous lunar year.
    const LunarDate eve = *SolarToLunar(y.tet_eve);
    EXPECT_EQ(eve.year, y.year - 1);
    EXPECT_EQ(eve.month, 12);
    EXPECT_FALSE(eve.leap);
    EXPECT_EQ(*SolarToLunar(y.tet), (LunarDate{y.year, 1, 1, false}));
  }
}

TEST(Lunar, Tet2026MatchesTheAnnouncement) {
  // Thông báo 9441/TB-BNV: 16/02/2026 is 29 tháng Chạp Ất Tỵ and 20/02/2026 is
  // mùng 4 Bính Ngọ.
  EXPECT_EQ(*SolarToLunar(Day(2026, 2, 16)), (LunarDate{2025, 12, 29, false}));
  EXPECT_EQ(*SolarToLunar(Day(2026, 2, 20)), (LunarDate{2026, 1, 4, false}));
  EXPECT_EQ(DescribeLunarDate(*SolarToLunar(Day(2026, 2, 16))),
            "29 tháng Chạp năm Ất Tỵ");
}

// Well-known leap months of the Vietnamese calendar.
TEST(Lunar, KnownLeapMonths) {
  const struct {
    int year;
    int leap_month;
  } cases[] = {{2001, 4}, {2004, 2}, {2006, 7}, {2009, 5},
               {2012, 4}, {2014, 9}, {2017, 6}, {2020, 4},
               {2023, 2}, {2025, 6}, {2028, 5}, {2024, 0}};
  for (const auto& c : cases) {
    EXPECT_EQ(*LeapMonthOfLunarYear(c.year), c.leap_month) << c.year;
  }
}

TEST(Lunar, LeapMonthDaysConvertBothWays) {
  // 2023 has a leap month 2: the regular and the leap month are distinct and
  // consecutive.
  const absl::CivilDay regular = *LunarToSolar({2023, 2, 1, false});
  const absl::CivilDay leap = *LunarToSolar({2023, 2, 1, true});
  EXPECT_GT(leap, regular);
  EXPECT_EQ(*SolarToLunar(leap), (LunarDate{2023, 2, 1, true}));
  EXPECT_EQ(*SolarToLunar(leap - 1),
            (LunarDate{2023, 2, static_cast<int>(leap - regular), false}));
  const int64_t leap_length = *LunarToSolar({2023, 3, 1, false}) - leap;
  EXPECT_TRUE(leap_length == 29 || leap_length == 30) << leap_length;
}

TEST(Lunar, TimeZoneChangesTheCalendar) {
  // DOMAIN.md §5.2: Tết 2030 is 02/02 at UTC+7 and 03/02 at UTC+8 (Chinese
  // calendar).
  EXPECT_EQ(*LunarToSolar({2030, 1, 1, false}, 7), absl::CivilDay(2030, 2, 2));
  EXPECT_EQ(*LunarToSolar({2030, 1, 1, false}, 8), absl::CivilDay(2030, 2, 3));
  EXPECT_EQ(*SolarToLunar(Day(2030, 2, 2), 7), (LunarDate{2030, 1, 1, false}));
  EXPECT_EQ(*SolarToLunar(Day(2030, 2, 2), 8),
            (LunarDate{2029, 12, 30, false}));
  // Years without a difference agree.
  EXPECT_EQ(*LunarToSolar({2026, 1, 1, false}, 8), absl::CivilDay(2026, 2, 17));
}

TEST(Lunar, HistoricDifferencesWithTheChineseCalendar) {
  // 1985: Vietnam celebrated Tết on 21/01, China on 20/02 (month 11 differed);
  // 2007: 17/02 in Vietnam, 18/02 in China.
  EXPECT_EQ(*LunarToSolar({1985, 1, 1, false}, 7), absl::CivilDay(1985, 1, 21));
  EXPECT_EQ(*LunarToSolar({1985, 1, 1, false}, 8), absl::CivilDay(1985, 2, 20));
  EXPECT_EQ(*LunarToSolar({2007, 1, 1, false}, 7), absl::CivilDay(2007, 2, 17));
  EXPECT_EQ(*LunarToSolar({2007, 1, 1, false}, 8), absl::CivilDay(2007, 2, 18));
}

TEST(Lunar, RoundTripsEveryDayFrom1900To2199) {
  absl::CivilDay day(1900, 1, 1);
  LunarDate previous;
  int failures = 0;
  for (; day <= absl::CivilDay(2199, 12, 31) && failures < 5; ++day) {
    const absl::StatusOr<LunarDate> lunar = SolarToLunar(day);
    ASSERT_TRUE(lunar.ok()) << day << ": " << lunar.status();
    const absl::StatusOr<absl::CivilDay> back = LunarToSolar(*lunar);
    if (!back.ok() || *back != day) {
      ++failures;
      ADD_FAILURE() << day << " -> " << FormatLunarDate(*lunar) << " -> "
                    << (back.ok() ? absl::FormatCivilTime(*back)
                                  : back.status().ToString());
    }
    // Consecutive days: the next lunar day, or day 1 of the next month after
    // day 29 or 30.
    if (day > absl::CivilDay(1900, 1, 1)) {
      if (lunar->day == 1) {
        EXPECT_TRUE(previous.day == 29 || previous.day == 30) << day;
      } else {
        EXPECT_EQ(lunar->day, previous.day + 1) << day;
        EXPECT_EQ(lunar->month, previous.month) << day;
        EXPECT_EQ(lunar->leap, previous.leap) << day;
      }
    }
    previous = *lunar;
  }
}

TEST(Lunar, DayBeforeALateTrueNewMoonIsTheMonthsLastDay) {
  // The reference implementation returns day 0 for these days: the mean new
  // moon precedes the day while the true one falls on the next day.
  for (const Day day : {Day(2054, 5, 7), Day(2062, 4, 9)}) {
    const LunarDate lunar = *SolarToLunar(day);
    EXPECT_TRUE(lunar.day == 29 || lunar.day == 30)
        << day << " " << FormatLunarDate(lunar);
    EXPECT_EQ(SolarToLunar(day + 1)->day, 1) << day;
  }
}

TEST(Lunar, MonthsOfLunarYearTileTheYear) {
  for (int year = 1900; year <= 2199; ++year) {
    const std::vector<LunarMonth> months = *MonthsOfLunarYear(year);
    ASSERT_TRUE(months.size() == 12 || months.size() == 13) << year;
    EXPECT_EQ(months.front().first_day, *LunarToSolar({year, 1, 1, false}))
        << year;
    int leaps = 0;
    int regular = 0;
    for (size_t i = 0; i < months.size(); ++i) {
      EXPECT_TRUE(months[i].length == 29 || months[i].length == 30) << year;
      if (i + 1 < months.size()) {
        EXPECT_EQ(months[i].first_day + months[i].length,
                  months[i + 1].first_day)
            << year;
      }
      if (months[i].leap) {
        ++leaps;
        EXPECT_EQ(months[i].month, months[i - 1].month) << year;
      } else {
        EXPECT_EQ(months[i].month, ++regular) << year;
      }
    }
    EXPECT_EQ(leaps, months.size() == 13 ? 1 : 0) << year;
    if (year < kMaxSupportedYear) {
      EXPECT_EQ(months.back().first_day + months.back().length,
                *LunarToSolar({year + 1, 1, 1, false}))
          << year;
    }
  }
}

TEST(Lunar, RejectsImpossibleDates) {
  // Month 12 of Ất Tỵ has 29 days (16/02/2026 = 29 tháng Chạp, 17/02 = mùng 1).
  EXPECT_THAT(
      LunarToSolar({2025, 12, 30, false}),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "lunar_date.day: month 12 of lunar year 2025 has only 29 days")));
  EXPECT_THAT(
      LunarToSolar({2026, 5, 1, true}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr(
                   "lunar_date.leap: month 5 of lunar year 2026 has no leap")));
  EXPECT_THAT(LunarToSolar({2023, 3, 1, true}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lunar_date.leap")));
  EXPECT_THAT(LunarToSolar({2026, 13, 1, false}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lunar_date.month")));
  EXPECT_THAT(LunarToSolar({2026, 0, 1, false}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lunar_date.month")));
  EXPECT_THAT(LunarToSolar({2026, 1, 31, false}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lunar_date.day")));
  EXPECT_THAT(LunarToSolar({2026, 1, 0, false}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lunar_date.day")));
  EXPECT_THAT(LunarToSolar({2500, 1, 1, false}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lunar_date.year")));
  EXPECT_THAT(LunarToSolar({2199, 12, 1, false}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("outside the supported")));
}

TEST(Lunar, RejectsUnsupportedInput) {
  EXPECT_THAT(
      SolarToLunar(Day(1799, 12, 31)),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "day: 1799-12-31 is outside the supported years 1800..2199")));
  EXPECT_THAT(SolarToLunar(Day(2200, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("day")));
  EXPECT_THAT(SolarToLunar(Day(2026, 1, 1), 15),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("utc_offset_hours: 15")));
  EXPECT_THAT(LunarToSolar({2026, 1, 1, false}, -13),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("utc_offset_hours")));
  EXPECT_THAT(MonthsOfLunarYear(1700),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lunar_year: 1700")));
  EXPECT_THAT(
      LeapMonthOfLunarYear(2300),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("lunar_year")));
}

TEST(Lunar, SupportsTheWholeRange) {
  EXPECT_TRUE(SolarToLunar(Day(1800, 1, 1)).ok());
  EXPECT_TRUE(SolarToLunar(Day(2199, 12, 31)).ok());
  EXPECT_EQ(*LunarToSolar(*SolarToLunar(Day(1800, 1, 1))),
            absl::CivilDay(1800, 1, 1));
}

TEST(Lunar, NamesYearsAndDates) {
  const struct {
    int year;
    const char* name;
  } years[] = {{2025, "Ất Tỵ"},    {2026, "Bính Ngọ"}, {2023, "Quý Mão"},
               {1968, "Mậu Thân"}, {1985, "Ất Sửu"},   {2000, "Canh Thìn"}};
  for (const auto& y : years) {
    EXPECT_EQ(LunarYearName(y.year), y.name);
  }
  EXPECT_EQ(DescribeLunarDate({2026, 1, 1, false}),
            "mùng 1 tháng Giêng năm Bính Ngọ");
  EXPECT_EQ(DescribeLunarDate({2026, 1, 10, false}),
            "mùng 10 tháng Giêng năm Bính Ngọ");
  EXPECT_EQ(DescribeLunarDate({2023, 3, 10, false}),
            "mùng 10 tháng 3 năm Quý Mão");
  EXPECT_EQ(DescribeLunarDate({2023, 3, 11, false}), "11 tháng 3 năm Quý Mão");
  EXPECT_EQ(DescribeLunarDate({2023, 2, 15, true}),
            "15 tháng 2 nhuận năm Quý Mão");
  EXPECT_EQ(FormatLunarDate({2026, 1, 1, false}), "1/1/2026");
  EXPECT_EQ(FormatLunarDate({2023, 2, 15, true}), "15/2/2023 (nhuận)");
}

}  // namespace
}  // namespace motcua::calendar
