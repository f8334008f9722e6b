// File: services/calendar/lunar.h
// The Vietnamese lunisolar calendar (âm lịch), computed astronomically with Hồ
// Ngọc Đức's algorithm (new moons, the sun's longitude, month 11 holding the
// winter solstice, the leap month as the first month after month 11 without a
// major solar term). The calendar depends on the meridian: Vietnam uses UTC+7;
// UTC+8 gives the Chinese calendar, which differs in some years (Tết 2030 falls
// on 02/02 at UTC+7 and on 03/02 at UTC+8). Solar years kMinSupportedYear to
// kMaxSupportedYear are supported. All functions are pure and thread-safe.
#ifndef MOTCUA_SERVICES_CALENDAR_LUNAR_H_
#define MOTCUA_SERVICES_CALENDAR_LUNAR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace motcua::calendar {

inline constexpr int kVietnamUtcOffsetHours = 7;
inline constexpr int kMinSupportedYear = 1800;
inline constexpr int kMaxSupportedYear = 2199;

// A day of the lunar calendar. `year` is the solar year in which the lunar
// year's month 1 begins; `leap` marks the leap month (tháng nhuận) that repeats
// `month`.
struct LunarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..30
  bool leap = false;

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// One month of a lunar year, in calendar order.
struct LunarMonth {
  int month = 0;
  bool leap = false;
  absl::CivilDay first_day;
  int length = 0;  // 29 or 30
};

// The lunar date of solar `day`. kInvalidArgument when `day` lies outside the
// supported years or `utc_offset_hours` is outside -12..14.
absl::StatusOr<LunarDate> SolarToLunar(
    absl::CivilDay day, int utc_offset_hours = kVietnamUtcOffsetHours);

// The solar day of lunar `date`. kInvalidArgument naming the field when the
// date does not exist: month outside 1..12, day 30 of a 29-day month, `leap`
// set on a month that is not the year's leap month, or a result outside the
// supported years.
absl::StatusOr<absl::CivilDay> LunarToSolar(
    const LunarDate& date, int utc_offset_hours = kVietnamUtcOffsetHours);

// The 12 or 13 months of `lunar_year`, from month 1 to month 12 with the leap
// month in its place.
absl::StatusOr<std::vector<LunarMonth>> MonthsOfLunarYear(
    int lunar_year, int utc_offset_hours = kVietnamUtcOffsetHours);

// The leap month of `lunar_year` (1..12), or 0 when the year has none.
absl::StatusOr<int> LeapMonthOfLunarYear(
    int lunar_year, int utc_offset_hours = kVietnamUtcOffsetHours);

// The sexagenary (can chi) name of a lunar year: 2025 → "Ất Tỵ", 2026 → "Bính
// Ngọ".
std::string LunarYearName(int lunar_year);

// Vietnamese reading of a lunar date: "mùng 1 tháng Giêng năm Bính Ngọ",
// "29 tháng Chạp năm Ất Tỵ", "15 tháng 2 nhuận năm Quý Mão".
std::string DescribeLunarDate(const LunarDate& date);

// "D/M/Y", with " (nhuận)" appended in a leap month: "1/1/2026", "15/2/2023
// (nhuận)".
std::string FormatLunarDate(const LunarDate& date);

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_LUNAR_H_
