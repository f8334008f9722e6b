// File: services/calendar/unit_working_time.h
// Working time per one-stop unit (a commune that also receives on Saturday mornings, a unit with
// longer sessions), and the set of working calendars a node computes due dates with: one per
// distinct working time, all sharing the node's announced schedule.
//
// Table format (data/calendar/unit-working-time.tsv; UTF-8, tab-separated, '#' starts a
// comment line):
//   unit_code<TAB>working_time[<TAB>note]
// where working_time is "default" (Monday–Friday 07:00–11:30, 13:30–17:00), "saturday_morning"
// (the default plus Saturday 07:00–11:30), or a spec of ';'-separated items:
//   mon=07:00-11:30,13:30-17:00  one item per working weekday (mon..sun); "-" or no item is a
//                                weekly rest day; one session is the afternoon when it begins
//                                at 12:00 or later
//   makeup=07:00-11:30,13:30-17:00  sessions of a make-up working day (default as above)
//   day=480                      working minutes in one working day (default 480)
//   cutoff=15:00                 the same-day cut-off (default 15:00)
// WorkingTime::Canonical() is such a spec, so every working time can be written back.
// A unit not in the table works the node's default working time.
#ifndef MOTCUA_SERVICES_CALENDAR_UNIT_WORKING_TIME_H_
#define MOTCUA_SERVICES_CALENDAR_UNIT_WORKING_TIME_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/calendar/working_calendar.h"
#include "services/calendar/working_time.h"

namespace motcua::calendar {

// "default", "saturday_morning" or a spec (above). kInvalidArgument naming the item that is wrong.
absl::StatusOr<WorkingTime> ParseWorkingTime(absl::string_view text);

struct UnitWorkingTime {
  std::string unit;
  WorkingTime working_time;
  std::string spec;  // as written in the table
  std::string note;
};

// In Vietnamese, for people: "Thứ Hai–Thứ Sáu 07:00–11:30, 13:30–17:00; Thứ Bảy 07:00–11:30".
std::string DescribeWorkingTimeVi(const WorkingTime& wt);

class UnitWorkingTimes {
 public:
  // kInvalidArgument as "line N: ..." for a malformed line, a bad unit code or working time, or
  // a unit listed twice. Nothing is kept on error.
  static absl::StatusOr<UnitWorkingTimes> Parse(absl::string_view text);

  // The unit's entry, or null when the unit is not listed.
  const UnitWorkingTime* Find(absl::string_view unit) const;
  const std::vector<UnitWorkingTime>& entries() const { return entries_; }

 private:
  std::vector<UnitWorkingTime> entries_;  // in file order
  std::map<std::string, size_t, std::less<>> index_;
};

// The table shipped in data/calendar/unit-working-time.tsv, compiled in.
absl::string_view BuiltinUnitWorkingTimeText();

// The calendars of a node: the default one (base options) and one per distinct working time in
// the table. Immutable and cheap to copy (copies share the tables).
class UnitCalendars {
 public:
  // kInvalidArgument as WorkingCalendar::Create, naming the unit whose working time is invalid.
  static absl::StatusOr<UnitCalendars> Create(WorkingCalendar::Options base,
                                              UnitWorkingTimes units);
  // A single calendar for every unit.
  explicit UnitCalendars(WorkingCalendar calendar);

  const WorkingCalendar& Default() const { return state_->default_calendar; }
  // The calendar of `unit`: its own working time, or the default.
  const WorkingCalendar& ForUnit(absl::string_view unit) const;
  const UnitWorkingTimes& units() const { return state_->units; }

  // The same units under another announced schedule.
  absl::StatusOr<UnitCalendars> WithSchedule(AnnouncedSchedule schedule) const;

 private:
  struct State {
    WorkingCalendar default_calendar;
    UnitWorkingTimes units;
    WorkingCalendar::Options base;
    std::map<std::string, WorkingCalendar, std::less<>> by_unit;
  };
  explicit UnitCalendars(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_UNIT_WORKING_TIME_H_
