// File: services/calendar/explanation.h
// A due date told day by day in Vietnamese, for a citizen: which days counted
// and for how long, which were skipped and why (Thứ Bảy/Chủ Nhật, the named
// holiday, ngày nghỉ bù, ngày nghỉ theo thông báo), the outside-hours and 15:00
// rules, pauses and the extension; and that the counted time adds up to the
// limit. Built from a WorkingCalendar; slower than ComputeDueTime() and not
// meant for hot paths. Values; thread-safe.
#ifndef MOTCUA_SERVICES_CALENDAR_EXPLANATION_H_
#define MOTCUA_SERVICES_CALENDAR_EXPLANATION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/calendar/due_date.h"
#include "services/calendar/working_calendar.h"

namespace motcua::calendar {

struct ExplainedDay {
  absl::CivilDay day;
  DayType type = DayType::kWorking;
  // Working time counted on this day.
  absl::Duration counted;
  // One of the N days of a calendar-day limit.
  bool counted_calendar_day = false;
  // "Thứ Hai, 23/02/2026: tính 8 giờ (07:00–11:30, 13:30–17:00)".
  std::string text;
};

// One stretch of counting: the limit from `start` to `due`, every day from the
// first to the last.
struct ExplanationSegment {
  std::string title;
  TimeLimit limit;
  // When counting began (before moving to the next session).
  absl::Time start;
  absl::Time due;
  std::vector<ExplainedDay> days;
  // "Cộng: 1 giờ + 8 giờ + … = 24 giờ làm việc = 3 ngày làm việc."
  std::string total;

  absl::Duration Counted() const;
  int CountedCalendarDays() const;
};

struct Explanation {
  // Reception, limit, start rule, pauses, extension.
  std::vector<std::string> notes;
  std::vector<ExplanationSegment> segments;
  // The due time, the scoring due time, the calendar version.
  std::vector<std::string> closing;
  absl::Time due;

  // Sums over all segments.
  absl::Duration Counted() const;
  int CountedCalendarDays() const;
  // Notes, then each segment's title, days and total, then the closing lines;
  // one per line.
  std::string ToText() const;
};

// Explains ComputeDueTime(calendar, received, limit). Errors as
// ComputeDueTime().
absl::StatusOr<Explanation> ExplainDueTime(const WorkingCalendar& calendar,
                                           absl::Time received,
                                           const TimeLimit& limit);

// The day-by-day account of counting `limit` from `start` to `due`, the due
// time that ComputeDueTime(calendar, start, limit) gave, under `title`.
// `start_label` names the day counting starts from ("ngày tiếp nhận",
// "ngày nhận đủ hồ sơ", "ngày hẹn trả cũ").
absl::StatusOr<ExplanationSegment> ExplainSegment(
    const WorkingCalendar& calendar, std::string title, absl::Time start,
    const TimeLimit& limit, absl::Time due,
    absl::string_view start_label = "ngày tiếp nhận");

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_EXPLANATION_H_
