// File: services/calendar/working_time.h
// When a one-stop unit works: a morning and an afternoon session for each
// weekday, the sessions of a make-up working day (ngày làm bù), how many
// working minutes make one working day, and the same-day cut-off. A weekday
// without sessions is a weekly rest day. Defaults follow vendor practice
// (DOMAIN.md §2.5): Monday–Friday 07:00–11:30 and 13:30–17:00, 8 hours = 1
// working day, cut-off 15:00. WorkingTime is a plain value; Validate() before
// use.
#ifndef MOTCUA_SERVICES_CALENDAR_WORKING_TIME_H_
#define MOTCUA_SERVICES_CALENDAR_WORKING_TIME_H_

#include <array>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace motcua::calendar {

// [begin, end) in minutes after local midnight.
struct Session {
  int begin_minute = 0;
  int end_minute = 0;

  int minutes() const { return end_minute - begin_minute; }
  friend bool operator==(const Session&, const Session&) = default;
};

struct DaySessions {
  std::optional<Session> morning;
  std::optional<Session> afternoon;

  bool works() const { return morning.has_value() || afternoon.has_value(); }
  int WorkingMinutes() const;
  friend bool operator==(const DaySessions&, const DaySessions&) = default;
};

struct WorkingTime {
  // Index 0 = Monday … 6 = Sunday.
  std::array<DaySessions, 7> week;
  // Used on every make-up working day, whatever its weekday.
  DaySessions makeup_day;
  int minutes_per_working_day = 480;
  int same_day_cutoff_minute = 15 * 60;

  // Monday–Friday 07:00–11:30 + 13:30–17:00; make-up days the same.
  static WorkingTime Default();
  // Default() plus Saturday 07:00–11:30, for units that receive on Saturday
  // mornings; those hours count as working time for that unit.
  static WorkingTime DefaultWithSaturdayMorning();

  const DaySessions& ForWeekday(absl::Weekday weekday) const {
    return week[static_cast<int>(weekday)];
  }
  DaySessions& ForWeekday(absl::Weekday weekday) {
    return week[static_cast<int>(weekday)];
  }

  // OK, or kInvalidArgument naming the field ("working_time.monday.afternoon:
  // ..."): sessions inside 00:00–24:00, begin before end, morning ending no
  // later than the afternoon begins, at least one working weekday, a working
  // day of 1..1440 minutes, a cut-off inside the day.
  absl::Status Validate() const;

  // A canonical one-line description, equal exactly when the values are equal:
  // "mon=07:00-11:30,13:30-17:00;...;makeup=...;day=480;cutoff=15:00".
  std::string Canonical() const;

  friend bool operator==(const WorkingTime&, const WorkingTime&) = default;
};

// "07:30" → 450. kInvalidArgument for anything but HH:MM within 00:00–24:00.
absl::StatusOr<int> ParseClockMinute(absl::string_view text);

// "07:00-11:30" → {420, 690}. kInvalidArgument unless two clock times, the
// first earlier.
absl::StatusOr<Session> ParseSession(absl::string_view text);

// "07:00-11:30".
std::string FormatSession(const Session& session);

// "monday" … "sunday".
absl::string_view WeekdayCode(absl::Weekday weekday);

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_WORKING_TIME_H_
