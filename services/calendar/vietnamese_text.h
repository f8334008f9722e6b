// File: services/calendar/vietnamese_text.h
// How the calendar writes days, clock times and durations for Vietnamese
// readers: "Thứ Sáu", "13/02/2026", "07:00", "4 giờ 30 phút". Pure functions,
// thread-safe.
#ifndef MOTCUA_SERVICES_CALENDAR_VIETNAMESE_TEXT_H_
#define MOTCUA_SERVICES_CALENDAR_VIETNAMESE_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace motcua::calendar {

// "Thứ Hai" … "Thứ Bảy", "Chủ Nhật".
absl::string_view WeekdayName(absl::Weekday weekday);

// "17/02/2026".
std::string FormatDayVi(absl::CivilDay day);

// "Thứ Ba, 17/02/2026".
std::string FormatDayWithWeekdayVi(absl::CivilDay day);

// A clock time given in seconds after midnight: "07:00", or "07:00:30" when
// seconds are not 0.
std::string FormatClock(int seconds_of_day);

// "8 giờ", "4 giờ 30 phút", "45 phút", "0 giờ"; seconds are shown only when not
// 0.
std::string FormatDurationVi(absl::Duration duration);

// "16:00 Thứ Sáu, 13/02/2026", in `zone`.
std::string FormatTimeVi(absl::Time time, absl::TimeZone zone);

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_VIETNAMESE_TEXT_H_
