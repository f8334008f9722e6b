// File: services/calendar/holidays.h
// The statutory days off of any year (Labour Code 2019, Art. 111-112), for the
// civil-service week of Monday-Friday. Codes and names:
//   new_year        1 January: Tết Dương lịch
//   lunar_new_year  lunar 1/1 (UTC+7): Tết Nguyên đán (mùng 1 tháng Giêng)
//   tet             the other Tết days (4 of them)
//   hung_kings      lunar 10/3 of the regular month 3: Giỗ Tổ Hùng Vương
//   reunification   30 April: Ngày Chiến thắng
//   labour_day      1 May: Ngày Quốc tế Lao động
//   national_day    2 September and one adjacent day: Quốc khánh
//   compensatory    nghỉ bù: a holiday on a Saturday or Sunday (or on a day
//                   that is already a holiday) gives a day off on the next
//                   Monday-Friday not already off; holidays in date order
//   announced       other days off of an announced schedule
//
// The Prime Minister picks the Tết days and the day next to 2 September every
// year. When the announced schedule has no `tet` / `national_day` line for a
// year, this DEFAULT RULE decides:
//   Tết  the last day of the lunar year (29 or 30 tháng Chạp) and lunar 1/1
//        to 1/4: five days, the 2026 pattern (Thông báo 9441/TB-BNV); the
//        ones on a weekend are compensated.
//   2/9  the adjacent day (1 or 3 September) that is Monday-Friday; when both
//        are, the one joining 2 September to a weekend in a longer run of days
//        off; on a tie, 3 September. By weekday of 2/9: Mon->3, Tue->1, Wed->3,
//        Thu->3, Fri->1, Sat->1, Sun->3. This matches the announced choices of
//        2021 (Thu->3), 2022 (Fri->1), 2023 (Sat->1), 2024 (Mon->3) and 2025
//        (Tue->1).
// Announced `tet` / `national_day` days replace the default ones and get no
// derived compensation (the announcement already places it). The current law
// is applied to every year: earlier regimes (4-day Tết before 2013, Hùng Kings
// before 2007, a 1-day Quốc khánh before 2021) are not modelled. All functions
// are pure and thread-safe.
#ifndef MOTCUA_SERVICES_CALENDAR_HOLIDAYS_H_
#define MOTCUA_SERVICES_CALENDAR_HOLIDAYS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/calendar/announced_schedule.h"
#include "services/calendar/lunar.h"

namespace motcua::calendar {

enum class HolidayKind {
  kNewYear,
  kLunarNewYear,
  kTet,
  kHungKings,
  kReunification,
  kLabourDay,
  kNationalDay,
  kCompensatory,
  kAnnounced,
};

// "new_year", "lunar_new_year", "tet", "hung_kings", "reunification",
// "labour_day", "national_day", "compensatory", "announced".
absl::string_view HolidayCode(HolidayKind kind);

// The kind named by `code`; std::nullopt for anything else.
std::optional<HolidayKind> HolidayKindFromCode(absl::string_view code);

struct Holiday {
  absl::CivilDay day;
  HolidayKind kind = HolidayKind::kNewYear;
  std::string name;  // Vietnamese, e.g. "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
  bool announced =
      false;  // taken from the announced schedule rather than law or default
};

struct MakeupDay {
  absl::CivilDay day;
  std::string name;
};

struct YearHolidays {
  int year = 0;
  std::vector<Holiday> days_off;       // sorted, one entry per day
  std::vector<MakeupDay> makeup_days;  // sorted
  bool tet_announced = false;          // false: the default Tết rule was used
  bool national_day_announced = false;
};

// The days off and make-up days of solar `year`
// (kMinSupportedYear..kMaxSupportedYear), with lunar dates computed at
// `utc_offset_hours`. kInvalidArgument for a year out of range, or when
// `schedule` contradicts the law for that year: an `off` or `makeup` day that
// is already a holiday, or a `tet` day more than 10 days from lunar 1/1.
absl::StatusOr<YearHolidays> HolidaysOfYear(
    int year, const AnnouncedSchedule& schedule,
    int utc_offset_hours = kVietnamUtcOffsetHours);

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_HOLIDAYS_H_
