#include "services/calendar/holidays.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/calendar/vietnamese_text.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {
namespace {

constexpr char kNewYearName[] = "Tết Dương lịch";
constexpr char kTetName[] = "Tết Nguyên đán";
constexpr char kHungKingsName[] = "Giỗ Tổ Hùng Vương (10/3 âm lịch)";
constexpr char kReunificationName[] = "Ngày Chiến thắng (30/4)";
constexpr char kLabourDayName[] = "Ngày Quốc tế Lao động (1/5)";
constexpr char kNationalDayName[] = "Quốc khánh (2/9)";

// An announced `tet` day may lie this many days from lunar 1/1.
constexpr int kTetWindowDays = 10;

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

// A holiday before the days are merged; `compensable` is false for announced
// days.
struct Entry {
  Holiday holiday;
  bool compensable = true;
};

std::string ScheduleWhere(const AnnouncedDay& d) {
  return d.line > 0 ? absl::StrCat("schedule line ", d.line)
                    : std::string("schedule");
}

absl::StatusOr<std::string> TetDayName(absl::CivilDay day,
                                       int utc_offset_hours) {
  MOTCUA_ASSIGN_OR_RETURN(const LunarDate lunar,
                          SolarToLunar(day, utc_offset_hours));
  return absl::StrCat(kTetName, " (", DescribeLunarDate(lunar), ")");
}

// Days in the run of consecutive weekend days or `off` days that holds `day`.
int RunLength(absl::CivilDay day, absl::CivilDay a, absl::CivilDay b) {
  const auto off = [&](absl::CivilDay d) {
    return d == a || d == b || IsWeekend(d);
  };
  int n = 1;
  for (absl::CivilDay d = day - 1; off(d); --d) {
    ++n;
  }
  for (absl::CivilDay d = day + 1; off(d); ++d) {
    ++n;
  }
  return n;
}

// The default day next to 2 September (see holidays.h).
absl::CivilDay DefaultNationalDayNeighbour(int year) {
  const absl::CivilDay national(year, 9, 2);
  const absl::CivilDay before = national - 1;
  const absl::CivilDay after = national + 1;
  if (IsWeekend(before)) {
    return after;
  }
  if (IsWeekend(after)) {
    return before;
  }
  return RunLength(national, national, before) >
                 RunLength(national, national, after)
             ? before
             : after;
}

// Appends the Tết entries of `year`.
absl::Status AddTet(int year, const AnnouncedSchedule& schedule,
                    int utc_offset_hours, bool announced,
                    std::vector<Entry>& entries) {
  MOTCUA_ASSIGN_OR_RETURN(const absl::CivilDay new_year,
                          LunarToSolar({year, 1, 1, false}, utc_offset_hours));
  MOTCUA_ASSIGN_OR_RETURN(const std::string new_year_name,
                          TetDayName(new_year, utc_offset_hours));
  if (!announced) {
    // Default: the last day of the lunar year, then lunar 1/1 to 1/4.
    for (absl::CivilDay d = new_year - 1; d <= new_year + 3; ++d) {
      MOTCUA_ASSIGN_OR_RETURN(std::string name,
                              TetDayName(d, utc_offset_hours));
      entries.push_back(
          {{d, d == new_year ? HolidayKind::kLunarNewYear : HolidayKind::kTet,
            std::move(name), false},
           true});
    }
    return absl::OkStatus();
  }
  bool lists_new_year = false;
  for (const AnnouncedDay& a : schedule.DaysOfYear(year)) {
    if (a.kind != AnnouncedKind::kTet) {
      continue;
    }
    const int64_t distance = a.day - new_year;
    if (distance < -kTetWindowDays || distance > kTetWindowDays) {
      return absl::InvalidArgumentError(absl::StrCat(
          ScheduleWhere(a), ", date: ", absl::FormatCivilTime(a.day),
          " (tet) is ", distance < 0 ? -distance : distance,
          " days from Tết (lunar 1/1 = ", absl::FormatCivilTime(new_year),
          " at UTC", utc_offset_hours >= 0 ? "+" : "", utc_offset_hours,
          "); at most ", kTetWindowDays, " allowed"));
    }
    lists_new_year = lists_new_year || a.day == new_year;
    entries.push_back(
        {{a.day,
          a.day == new_year ? HolidayKind::kLunarNewYear : HolidayKind::kTet,
          a.name, true},
         false});
  }
  if (!lists_new_year) {
    // Lunar 1/1 is a holiday whatever the announcement lists (it may fall on a
    // weekend).
    entries.push_back(
        {{new_year, HolidayKind::kLunarNewYear, new_year_name, false}, false});
  }
  return absl::OkStatus();
}

void AddNationalDay(int year, const AnnouncedSchedule& schedule, bool announced,
                    std::vector<Entry>& entries) {
  const absl::CivilDay national(year, 9, 2);
  entries.push_back(
      {{national, HolidayKind::kNationalDay, kNationalDayName, false},
       !announced});
  if (!announced) {
    const absl::CivilDay neighbour = DefaultNationalDayNeighbour(year);
    entries.push_back(
        {{neighbour, HolidayKind::kNationalDay,
          absl::StrCat("Quốc khánh (nghỉ thêm ngày ", neighbour.day(), "/9)"),
          false},
         true});
    return;
  }
  for (const AnnouncedDay& a : schedule.DaysOfYear(year)) {
    if (a.kind == AnnouncedKind::kNationalDay && a.day != national) {
      entries.push_back(
          {{a.day, HolidayKind::kNationalDay, a.name, true}, false});
    }
  }
}

}  // namespace

absl::string_view HolidayCode(HolidayKind kind) {
  switch (kind) {
    case HolidayKind::kNewYear:
      return "new_year";
    case HolidayKind::kLunarNewYear:
      return "lunar_new_year";
    case HolidayKind::kTet:
      return "tet";
    case HolidayKind::kHungKings:
      return "hung_kings";
    case HolidayKind::kReunification:
      return "reunification";
    case HolidayKind::kLabourDay:
      return "labour_day";
    case HolidayKind::kNationalDay:
      return "national_day";
    case HolidayKind::kCompensatory:
      return "compensatory";
    case HolidayKind::kAnnounced:
      return "announced";
  }
  return "";
}

std::optional<HolidayKind> HolidayKindFromCode(absl::string_view code) {
  for (HolidayKind k :
       {HolidayKind::kNewYear, HolidayKind::kLunarNewYear, HolidayKind::kTet,
        HolidayKind::kHungKings, HolidayKind::kReunification,
        HolidayKind::kLabourDay, HolidayKind::kNationalDay,
        HolidayKind::kCompensatory, HolidayKind::kAnnounced}) {
    if (code == HolidayCode(k)) {
      return k;
    }
  }
  return std::nullopt;
}

absl::StatusOr<YearHolidays> HolidaysOfYear(int year,
                                            const AnnouncedSchedule& schedule,
                                            int utc_offset_hours) {
  if (year < kMinSupportedYear || year > kMaxSupportedYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("year: ", year, " is outside the supported years ",
                     kMinSupportedYear, "..", kMaxSupportedYear));
  }
  YearHolidays out;
  out.year = year;
  out.tet_announced = schedule.AnnouncesTet(year);
  out.national_day_announced = schedule.AnnouncesNationalDay(year);

  std::vector<Entry> entries;
  entries.push_back(
      {{absl::CivilDay(year, 1, 1), HolidayKind::kNewYear, kNewYearName, false},
       true});
  MOTCUA_RETURN_IF_ERROR(
      AddTet(year, schedule, utc_offset_hours, out.tet_announced, entries));
  // Hùng Kings is the 10th day of the regular month 3, also in a year with a
  // leap month 3 (DOMAIN.md §5.2 marks that convention as unconfirmed).
  MOTCUA_ASSIGN_OR_RETURN(const absl::CivilDay hung_kings,
                          LunarToSolar({year, 3, 10, false}, utc_offset_hours));
  entries.push_back(
      {{hung_kings, HolidayKind::kHungKings, kHungKingsName, false}, true});
  entries.push_back({{absl::CivilDay(year, 4, 30), HolidayKind::kReunification,
                      kReunificationName, false},
                     true});
  entries.push_back({{absl::CivilDay(year, 5, 1), HolidayKind::kLabourDay,
                      kLabourDayName, false},
                     true});
  AddNationalDay(year, schedule, out.national_day_announced, entries);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) {
                     return a.holiday.day < b.holiday.day;
                   });

  // One holiday per day. A holiday landing on a day that is already off (a
  // weekend, or another holiday in the rare years when lunar 10/3 meets 30/4 or
  // 1/5) is owed a compensatory day.
  std::map<absl::CivilDay, Holiday> off;
  std::vector<const Entry*> owed;
  for (const Entry& e : entries) {
    const bool taken = off.count(e.holiday.day) > 0;
    if (!taken) {
      off.emplace(e.holiday.day, e.holiday);
    }
    if (e.compensable && (taken || IsWeekend(e.holiday.day))) {
      owed.push_back(&e);
    }
  }
  for (const AnnouncedDay& a : schedule.DaysOfYear(year)) {
    if (a.kind != AnnouncedKind::kOff) {
      continue;
    }
    const auto it = off.find(a.day);
    if (it != off.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          ScheduleWhere(a), ", date: ", absl::FormatCivilTime(a.day),
          " (off) is already a day off: ", it->second.name));
    }
    off.emplace(a.day, Holiday{a.day, HolidayKind::kAnnounced, a.name, true});
  }
  for (const Entry* e : owed) {
    absl::CivilDay d = e->holiday.day + 1;
    while (IsWeekend(d) || off.count(d) > 0) {
      ++d;
    }
    off.emplace(
        d, Holiday{d, HolidayKind::kCompensatory,
                   absl::StrCat("Nghỉ bù ", e->holiday.name, " rơi vào ",
                                WeekdayName(absl::GetWeekday(e->holiday.day)),
                                " ", FormatDayVi(e->holiday.day)),
                   false});
  }
  for (const AnnouncedDay& a : schedule.DaysOfYear(year)) {
    if (a.kind != AnnouncedKind::kMakeup) {
      continue;
    }
    const auto it = off.find(a.day);
    if (it != off.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          ScheduleWhere(a), ", date: make-up day ",
          absl::FormatCivilTime(a.day), " is a day off: ", it->second.name));
    }
    out.makeup_days.push_back({a.day, a.name});
  }
  out.days_off.reserve(off.size());
  for (auto& [day, holiday] : off) {
    out.days_off.push_back(std::move(holiday));
  }
  return out;
}

}  // namespace motcua::calendar
