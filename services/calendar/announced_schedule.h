// File: services/calendar/announced_schedule.h
// The yearly schedules the government announces (e.g. Thông báo 9441/TB-BNV
// for 2026): days off for Tết and Quốc khánh, other days off, and make-up
// working days (ngày làm bù), as data.
//
// Text format (TSV, UTF-8), one day per line:
//
//   date<TAB>kind<TAB>name
//
// date  YYYY-MM-DD, a day of the supported years (lunar.h).
// kind  one of:
//   tet           a day off of the announced Tết block. A year with any `tet`
//                 line uses exactly these Tết days instead of the default rule
//                 (holidays.h); no compensatory day is derived for them. Must
//                 lie between 10/01 and 05/03 (and within 10 days of lunar
//                 1/1, checked by HolidaysOfYear()).
//   national_day  a day off around Quốc khánh besides 2 September. A year with
//                 any `national_day` line uses these instead of the default
//                 adjacent day and derives no compensatory day for 2/9. Must
//                 lie in 28/08-07/09.
//   off           any other announced day off (e.g. a day swapped for a
//                 make-up day). Must be Monday-Friday.
//   makeup        a make-up working day (ngày làm bù). Must be a Saturday or
//                 Sunday.
// name  the Vietnamese reason shown to citizens; non-empty, at most 300 bytes.
//
// Blank lines and lines starting with '#' are ignored; spaces around fields, a
// UTF-8 BOM and CRLF line ends are accepted. Every date appears at most once.
// Example:
//
//   2026-02-16<TAB>tet<TAB>Nghỉ Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)
//   2025-04-26<TAB>makeup<TAB>Làm bù cho ngày nghỉ 02/05/2025
//
// AnnouncedSchedule is an immutable value; thread-safe.
#ifndef MOTCUA_SERVICES_CALENDAR_ANNOUNCED_SCHEDULE_H_
#define MOTCUA_SERVICES_CALENDAR_ANNOUNCED_SCHEDULE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace motcua::calendar {

enum class AnnouncedKind { kTet, kNationalDay, kOff, kMakeup };

// "tet", "national_day", "off", "makeup".
absl::string_view AnnouncedKindCode(AnnouncedKind kind);

// The kind named by `code`; std::nullopt for anything else.
std::optional<AnnouncedKind> AnnouncedKindFromCode(absl::string_view code);

struct AnnouncedDay {
  absl::CivilDay day;
  AnnouncedKind kind = AnnouncedKind::kOff;
  std::string name;
  int line = 0;  // where Parse() read it; 0 when built in code
};

class AnnouncedSchedule {
 public:
  // The empty schedule: every year follows the default rules.
  AnnouncedSchedule() = default;

  // Reads the text format above. kInvalidArgument "line N, <field>: <why>" on
  // the first error.
  static absl::StatusOr<AnnouncedSchedule> Parse(absl::string_view text);

  // The same checks as Parse() over days built in code; errors name
  // "days[i].<field>".
  static absl::StatusOr<AnnouncedSchedule> FromDays(
      std::vector<AnnouncedDay> days);

  // The union of two schedules. kInvalidArgument when both list the same date.
  static absl::StatusOr<AnnouncedSchedule> Merge(const AnnouncedSchedule& a,
                                                 const AnnouncedSchedule& b);

  bool empty() const { return days_.empty(); }
  // Every announced day, sorted by date.
  const std::vector<AnnouncedDay>& days() const { return days_; }
  // The announced days of solar `year`, sorted by date.
  std::vector<AnnouncedDay> DaysOfYear(int year) const;
  // Whether `year` has an announced Tết block / announced Quốc khánh days.
  bool AnnouncesTet(int year) const;
  bool AnnouncesNationalDay(int year) const;

  // The schedule in the text format, one line per day in date order
  // (Parse(ToTsv()) gives an equal schedule).
  std::string ToTsv() const;

 private:
  explicit AnnouncedSchedule(std::vector<AnnouncedDay> days)
      : days_(std::move(days)) {}

  std::vector<AnnouncedDay> days_;
};

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_ANNOUNCED_SCHEDULE_H_
