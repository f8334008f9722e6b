// File: services/calendar/due_date.h
// Time limits (thời hạn giải quyết) and the due time they give from a
// reception time, on a WorkingCalendar. Counting rules (DOMAIN.md §2.5):
//   - Reception outside working time counts from the start of the next
//     session.
//   - Working days: N x minutes_per_working_day (8 hours) of working time
//     after the start. A limit ending exactly at a session's end is due then
//     (17:00), not the next morning.
//   - Working hours: N hours of working time after the start.
//   - Calendar days: the day of the start is not counted (Civil Code
//     Art. 147); the N-th day after it is the last day, moved to the next
//     working day when it is not worked; due at the end of that day's last
//     session.
//   - Same day (trong ngày): a start before the cut-off (15:00) is due at the
//     end of that day (17:00); a later start at the end of the next working
//     day.
//   - Immediate: due at the start.
// ComputeDueTime() is the hot path: no allocation on success. Explanations are
// in explanation.h; pauses and extension in due_date_computation.h.
// Thread-safe.
#ifndef MOTCUA_SERVICES_CALENDAR_DUE_DATE_H_
#define MOTCUA_SERVICES_CALENDAR_DUE_DATE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/calendar/working_calendar.h"

namespace motcua::calendar {

enum class LimitUnit {
  kWorkingDays,
  kWorkingHours,
  kCalendarDays,
  kSameDay,
  kImmediate
};

// "working_days", "working_hours", "days", "same_day", "immediate".
absl::string_view LimitUnitCode(LimitUnit unit);
// The unit named by `code`; std::nullopt for anything else.
std::optional<LimitUnit> LimitUnitFromCode(absl::string_view code);

// Limits longer than this many days (or working days) are rejected as absurd.
inline constexpr int kMaxLimitDays = 3650;

struct TimeLimit {
  LimitUnit unit = LimitUnit::kWorkingDays;
  int amount = 0;  // ignored for kSameDay and kImmediate

  static TimeLimit WorkingDays(int n) { return {LimitUnit::kWorkingDays, n}; }
  static TimeLimit WorkingHours(int n) { return {LimitUnit::kWorkingHours, n}; }
  static TimeLimit CalendarDays(int n) { return {LimitUnit::kCalendarDays, n}; }
  static TimeLimit SameDay() { return {LimitUnit::kSameDay, 0}; }
  static TimeLimit Immediate() { return {LimitUnit::kImmediate, 0}; }

  friend bool operator==(const TimeLimit&, const TimeLimit&) = default;
};

// OK, or kInvalidArgument "limit.amount: ..." for a negative amount or one
// above kMaxLimitDays days (kMaxLimitDays × 8 working hours).
absl::Status ValidateTimeLimit(const TimeLimit& limit);

// Vietnamese: "3 ngày làm việc", "4 giờ làm việc", "10 ngày", "trong ngày",
// "giải quyết ngay".
std::string DescribeTimeLimit(const TimeLimit& limit);

// The due time of `limit` counted from `received` on `calendar`.
// kInvalidArgument for an invalid limit or when the count leaves the calendar's
// years.
absl::StatusOr<absl::Time> ComputeDueTime(const WorkingCalendar& calendar,
                                          absl::Time received,
                                          const TimeLimit& limit);

// The working time a working-days or working-hours limit stands for (N × 8 h, N
// h); zero for the other units.
absl::Duration WorkingTimeOf(const WorkingCalendar& calendar,
                             const TimeLimit& limit);

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_DUE_DATE_H_
