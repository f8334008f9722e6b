#include "services/calendar/lunar.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {
namespace {

// The astronomy below follows Hồ Ngọc Đức's reference implementation (amlich,
// lunar.js) line by line, so that its published tables can serve as the
// cross-check; only the names are C++. Day numbers are Julian day numbers
// (JDN).

constexpr double kPi = 3.14159265358979323846;
constexpr int64_t kJdnOfUnixEpoch = 2440588;  // 1970-01-01
// JDN of the new moon of 1900-01-01 13:52 UTC, and the mean synodic month.
constexpr double kNewMoonEpoch = 2415021.076998695;
constexpr double kSynodicMonth = 29.530588853;

int64_t Floor(double x) { return static_cast<int64_t>(std::floor(x)); }

int64_t JdnOf(absl::CivilDay day) {
  return (day - absl::CivilDay(1970, 1, 1)) + kJdnOfUnixEpoch;
}

absl::CivilDay DayOfJdn(int64_t jdn) {
  return absl::CivilDay(1970, 1, 1) + (jdn - kJdnOfUnixEpoch);
}

// Julian date (with fraction, UTC) of the k-th new moon after 1900-01-01.
double NewMoon(int64_t k) {
  const double t =
      static_cast<double>(k) / 1236.85;  // Julian centuries from 1900-01-00.5
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double dr = kPi / 180;
  double jd1 =
      2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 *
         std::sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);  // mean new moon
  const double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 -
                   0.00000347 * t3;  // sun anomaly
  const double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 +
                     0.00001236 * t3;  // moon anomaly
  const double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 -
                   0.00000239 * t3;  // moon latitude argument
  double c1 = (0.1734 - 0.000393 * t) * std::sin(m * dr) +
              0.0021 * std::sin(2 * dr * m);
  c1 = c1 - 0.4068 * std::sin(mpr * dr) + 0.0161 * std::sin(dr * 2 * mpr);
  c1 = c1 - 0.0004 * std::sin(dr * 3 * mpr);
  c1 = c1 + 0.0104 * std::sin(dr * 2 * f) - 0.0051 * std::sin(dr * (m + mpr));
  c1 = c1 - 0.0074 * std::sin(dr * (m - mpr)) +
       0.0004 * std::sin(dr * (2 * f + m));
  c1 = c1 - 0.0004 * std::sin(dr * (2 * f - m)) -
       0.0006 * std::sin(dr * (2 * f + mpr));
  c1 = c1 + 0.0010 * std::sin(dr * (2 * f - mpr)) +
       0.0005 * std::sin(dr * (2 * mpr + m));
  double delta_t;
  if (t < -11) {
    delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 -
              0.000000081 * t * t3;
  } else {
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
  }
  return jd1 + c1 - delta_t;
}

// The sun's ecliptic longitude in radians, normalised to [0, 2π), at Julian
// date `jd`.
double SunLongitude(double jd) {
  const double t =
      (jd - 2451545.0) / 36525;  // Julian centuries from 2000-01-01 12:00 UTC
  const double t2 = t * t;
  const double dr = kPi / 180;
  const double m =
      357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(dr * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(dr * 2 * m) +
        0.000290 * std::sin(dr * 3 * m);
  double l = (l0 + dl) * dr;
  l -= kPi * 2 * static_cast<double>(Floor(l / (kPi * 2)));
  return l;
}

// Which of the 12 major solar terms (30° sectors) the sun is in at local
// midnight starting `jdn`.
int SunSector(int64_t jdn, double tz) {
  return static_cast<int>(
      Floor(SunLongitude(static_cast<double>(jdn) - 0.5 - tz / 24) / kPi * 6));
}

// The JDN of the local day holding the k-th new moon.
int64_t NewMoonDay(int64_t k, double tz) {
  return Floor(NewMoon(k) + 0.5 + tz / 24);
}

// The JDN of the first day of lunar month 11 (the month holding the winter
// solstice) that begins in solar year `year`.
int64_t LunarMonth11(int year, double tz) {
  const int64_t off = JdnOf(absl::CivilDay(year, 12, 31)) - 2415021;
  const int64_t k = Floor(static_cast<double>(off) / kSynodicMonth);
  int64_t nm = NewMoonDay(k, tz);
  if (SunSector(nm, tz) >= 9) {
    nm = NewMoonDay(k - 1, tz);
  }
  return nm;
}

// For a 13-month period starting at month 11 (JDN a11), the offset in months of
// the leap month: the first month without a major solar term.
int LeapMonthOffset(int64_t a11, double tz) {
  const int64_t k =
      Floor((static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth + 0.5);
  int i = 1;
  int arc = SunSector(NewMoonDay(k + i, tz), tz);
  int last;
  do {
    last = arc;
    ++i;
    arc = SunSector(NewMoonDay(k + i, tz), tz);
  } while (arc != last && i < 14);
  return i - 1;
}

LunarDate LunarOfJdn(int64_t jdn, double tz) {
  const int year = static_cast<int>(DayOfJdn(jdn).year());
  const int64_t k =
      Floor((static_cast<double>(jdn) - kNewMoonEpoch) / kSynodicMonth);
  int64_t month_start = NewMoonDay(k + 1, tz);
  if (month_start > jdn) {
    month_start = NewMoonDay(k, tz);
  }
  // The reference stops here and returns day 0 when the true new moon k falls a
  // day after `jdn` although the mean one came before it (2054-05-07,
  // 2062-04-09, ...): step back a month.
  if (month_start > jdn) {
    month_start = NewMoonDay(k - 1, tz);
  }
  int64_t a11 = LunarMonth11(year, tz);
  int64_t b11 = a11;
  LunarDate out;
  if (a11 >= month_start) {
    out.year = year;
    a11 = LunarMonth11(year - 1, tz);
  } else {
    out.year = year + 1;
    b11 = LunarMonth11(year + 1, tz);
  }
  out.day = static_cast<int>(jdn - month_start + 1);
  const int diff =
      static_cast<int>(Floor(static_cast<double>(month_start - a11) / 29));
  out.month = diff + 11;
  if (b11 - a11 > 365) {
    const int leap_diff = LeapMonthOffset(a11, tz);
    if (diff >= leap_diff) {
      out.month = diff + 10;
      out.leap = diff == leap_diff;
    }
  }
  if (out.month > 12) {
    out.month -= 12;
  }
  if (out.month >= 11 && diff < 4) {
    out.year -= 1;
  }
  return out;
}

absl::Status CheckUtcOffset(int utc_offset_hours) {
  if (utc_offset_hours < -12 || utc_offset_hours > 14) {
    return absl::InvalidArgumentError(absl::StrCat(
        "utc_offset_hours: ", utc_offset_hours, " is outside -12..14"));
  }
  return absl::OkStatus();
}

bool InSupportedYears(absl::CivilDay day) {
  return day.year() >= kMinSupportedYear && day.year() <= kMaxSupportedYear;
}

std::string SupportedYears() {
  return absl::StrCat(kMinSupportedYear, "..", kMaxSupportedYear);
}

// The JDN of `date`, with every field checked.
absl::StatusOr<int64_t> JdnOfLunar(const LunarDate& date, double tz) {
  // One lunar year either side, so that the months at the range's ends can be
  // computed; the public functions check the resulting solar day.
  if (date.year < kMinSupportedYear - 1 || date.year > kMaxSupportedYear + 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("lunar_date.year: ", date.year,
                     " is outside the supported years ", SupportedYears()));
  }
  if (date.month < 1 || date.month > 12) {
    return absl::InvalidArgumentError(
        absl::StrCat("lunar_date.month: ", date.month, " is outside 1..12"));
  }
  if (date.day < 1 || date.day > 30) {
    return absl::InvalidArgumentError(
        absl::StrCat("lunar_date.day: ", date.day, " is outside 1..30"));
  }
  int64_t a11;
  int64_t b11;
  if (date.month < 11) {
    a11 = LunarMonth11(date.year - 1, tz);
    b11 = LunarMonth11(date.year, tz);
  } else {
    a11 = LunarMonth11(date.year, tz);
    b11 = LunarMonth11(date.year + 1, tz);
  }
  const int64_t k =
      Floor(0.5 + (static_cast<double>(a11) - kNewMoonEpoch) / kSynodicMonth);
  int off = date.month - 11;
  if (off < 0) {
    off += 12;
  }
  int leap_month = 0;
  if (b11 - a11 > 365) {
    const int leap_off = LeapMonthOffset(a11, tz);
    // The reference writes `if (leapMonth < 0)`, which names a leap 12th month
    // "0"; a leap month after month 12 is month 12.
    leap_month = leap_off - 2;
    if (leap_month <= 0) {
      leap_month += 12;
    }
    if (date.leap || off >= leap_off) {
      off += 1;
    }
  }
  if (date.leap && date.month != leap_month) {
    return absl::InvalidArgumentError(
        absl::StrCat("lunar_date.leap: month ", date.month, " of lunar year ",
                     date.year, " has no leap month after it"));
  }
  const int64_t month_start = NewMoonDay(k + off, tz);
  const int64_t length = NewMoonDay(k + off + 1, tz) - month_start;
  if (date.day > length) {
    return absl::InvalidArgumentError(absl::StrCat(
        "lunar_date.day: month ", date.month, date.leap ? " (leap)" : "",
        " of lunar year ", date.year, " has only ", length, " days"));
  }
  return month_start + date.day - 1;
}

constexpr const char* kCan[] = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
constexpr const char* kChi[] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};

int PositiveMod(int a, int n) { return ((a % n) + n) % n; }

}  // namespace

absl::StatusOr<LunarDate> SolarToLunar(absl::CivilDay day,
                                       int utc_offset_hours) {
  MOTCUA_RETURN_IF_ERROR(CheckUtcOffset(utc_offset_hours));
  if (!InSupportedYears(day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("day: ", absl::FormatCivilTime(day),
                     " is outside the supported years ", SupportedYears()));
  }
  return LunarOfJdn(JdnOf(day), utc_offset_hours);
}

absl::StatusOr<absl::CivilDay> LunarToSolar(const LunarDate& date,
                                            int utc_offset_hours) {
  MOTCUA_RETURN_IF_ERROR(CheckUtcOffset(utc_offset_hours));
  MOTCUA_ASSIGN_OR_RETURN(const int64_t jdn,
                          JdnOfLunar(date, utc_offset_hours));
  const absl::CivilDay day = DayOfJdn(jdn);
  if (!InSupportedYears(day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("lunar_date: ", FormatLunarDate(date), " falls on ",
                     absl::FormatCivilTime(day),
                     ", outside the supported years ", SupportedYears()));
  }
  return day;
}

absl::StatusOr<std::vector<LunarMonth>> MonthsOfLunarYear(
    int lunar_year, int utc_offset_hours) {
  MOTCUA_RETURN_IF_ERROR(CheckUtcOffset(utc_offset_hours));
  if (lunar_year < kMinSupportedYear || lunar_year > kMaxSupportedYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("lunar_year: ", lunar_year,
                     " is outside the supported years ", SupportedYears()));
  }
  const double tz = utc_offset_hours;
  MOTCUA_ASSIGN_OR_RETURN(const int64_t first,
                          JdnOfLunar({lunar_year, 1, 1, false}, tz));
  MOTCUA_ASSIGN_OR_RETURN(const int64_t end,
                          JdnOfLunar({lunar_year + 1, 1, 1, false}, tz));
  int64_t k =
      Floor((static_cast<double>(first) - kNewMoonEpoch) / kSynodicMonth +
            0.5) -
      1;
  while (NewMoonDay(k, tz) < first) {
    ++k;
  }
  std::vector<LunarMonth> months;
  for (int64_t start = NewMoonDay(k, tz); start < end; ++k) {
    const int64_t next = NewMoonDay(k + 1, tz);
    const LunarDate label = LunarOfJdn(start, tz);
    months.push_back({label.month, label.leap, DayOfJdn(start),
                      static_cast<int>(next - start)});
    start = next;
  }
  return months;
}

absl::StatusOr<int> LeapMonthOfLunarYear(int lunar_year, int utc_offset_hours) {
  MOTCUA_ASSIGN_OR_RETURN(const std::vector<LunarMonth> months,
                          MonthsOfLunarYear(lunar_year, utc_offset_hours));
  for (const LunarMonth& m : months) {
    if (m.leap) {
      return m.month;
    }
  }
  return 0;
}

std::string LunarYearName(int lunar_year) {
  return absl::StrCat(kCan[PositiveMod(lunar_year + 6, 10)], " ",
                      kChi[PositiveMod(lunar_year + 8, 12)]);
}

std::string DescribeLunarDate(const LunarDate& date) {
  std::string day =
      date.day <= 10 ? absl::StrCat("mùng ", date.day) : absl::StrCat(date.day);
  std::string month;
  if (date.month == 1) {
    month = "tháng Giêng";
  } else if (date.month == 12) {
    month = "tháng Chạp";
  } else {
    month = absl::StrCat("tháng ", date.month);
  }
  return absl::StrCat(day, " ", month, date.leap ? " nhuận" : "", " năm ",
                      LunarYearName(date.year));
}

std::string FormatLunarDate(const LunarDate& date) {
  return absl::StrCat(date.day, "/", date.month, "/", date.year,
                      date.leap ? " (nhuận)" : "");
}

}  // namespace motcua::calendar
