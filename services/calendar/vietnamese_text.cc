#include "services/calendar/vietnamese_text.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace motcua::calendar {

absl::string_view WeekdayName(absl::Weekday weekday) {
  switch (weekday) {
    case absl::Weekday::monday:
      return "Thứ Hai";
    case absl::Weekday::tuesday:
      return "Thứ Ba";
    case absl::Weekday::wednesday:
      return "Thứ Tư";
    case absl::Weekday::thursday:
      return "Thứ Năm";
    case absl::Weekday::friday:
      return "Thứ Sáu";
    case absl::Weekday::saturday:
      return "Thứ Bảy";
    case absl::Weekday::sunday:
      return "Chủ Nhật";
  }
  return "";
}

std::string FormatDayVi(absl::CivilDay day) {
  return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year());
}

std::string FormatDayWithWeekdayVi(absl::CivilDay day) {
  return absl::StrCat(WeekdayName(absl::GetWeekday(day)), ", ",
                      FormatDayVi(day));
}

std::string FormatClock(int seconds_of_day) {
  const int h = seconds_of_day / 3600;
  const int m = seconds_of_day / 60 % 60;
  const int s = seconds_of_day % 60;
  if (s != 0) {
    return absl::StrFormat("%02d:%02d:%02d", h, m, s);
  }
  return absl::StrFormat("%02d:%02d", h, m);
}

std::string FormatDurationVi(absl::Duration duration) {
  const int64_t total = absl::ToInt64Seconds(duration);
  const int64_t h = total / 3600;
  const int64_t m = total / 60 % 60;
  const int64_t s = total % 60;
  std::string out;
  if (h != 0 || (m == 0 && s == 0)) {
    absl::StrAppend(&out, h, " giờ");
  }
  if (m != 0) {
    absl::StrAppend(&out, out.empty() ? "" : " ", m, " phút");
  }
  if (s != 0) {
    absl::StrAppend(&out, out.empty() ? "" : " ", s, " giây");
  }
  return out;
}

std::string FormatTimeVi(absl::Time time, absl::TimeZone zone) {
  const absl::CivilSecond cs = absl::ToCivilSecond(time, zone);
  const int seconds_of_day = cs.hour() * 3600 + cs.minute() * 60 + cs.second();
  return absl::StrCat(FormatClock(seconds_of_day), " ",
                      FormatDayWithWeekdayVi(absl::CivilDay(cs)));
}

}  // namespace motcua::calendar
