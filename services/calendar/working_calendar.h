// File: services/calendar/working_calendar.h
// A unit's working calendar: the holidays of holidays.h, an announced schedule
// and the unit's working time, precomputed as one table of days over a range of
// years so that working-time arithmetic costs a few table look-ups (no
// allocation). Times are absl::Time; local days and clock times use the
// calendar's fixed UTC offset (UTC+7 for Vietnam), to the second.
//
// version() is a content hash of everything that affects due dates (rules
// version, UTC offset, working time, the dates and kinds of the announced
// schedule; not names), so a stored due date can record which calendar computed
// it.
//
// Create() once, then share: a WorkingCalendar is immutable and thread-safe,
// and copies share their tables.
#ifndef MOTCUA_SERVICES_CALENDAR_WORKING_CALENDAR_H_
#define MOTCUA_SERVICES_CALENDAR_WORKING_CALENDAR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/calendar/announced_schedule.h"
#include "services/calendar/holidays.h"
#include "services/calendar/lunar.h"
#include "services/calendar/working_time.h"

namespace motcua::calendar {

// Bump when a rule change (holidays.h defaults, counting rules) can move a due
// date.
inline constexpr char kCalendarRulesVersion[] = "motcua-calendar-rules/1";

enum class DayType {
  kWorking,       // a weekday with sessions
  kMakeup,        // ngày làm bù: a weekly rest day worked by announcement
  kWeeklyRest,    // a weekday without sessions
  kHoliday,       // a statutory holiday, Tết days included
  kCompensatory,  // ngày nghỉ bù
  kAnnouncedOff,  // another announced day off
};

struct DayInfo {
  absl::CivilDay day;
  DayType type = DayType::kWorking;
  std::optional<Holiday> holiday;  // for kHoliday, kCompensatory, kAnnouncedOff
  std::string makeup_name;         // for kMakeup
  DaySessions sessions;            // empty unless working()

  bool working() const {
    return type == DayType::kWorking || type == DayType::kMakeup;
  }
  // Why the day is (not) worked, in Vietnamese: "ngày nghỉ hằng tuần (Thứ
  // Bảy)", "ngày nghỉ lễ: Giỗ Tổ Hùng Vương (10/3 âm lịch)", "ngày nghỉ bù …",
  // "ngày nghỉ theo thông báo: …", "ngày làm bù (…)", "ngày làm việc".
  std::string Reason() const;
};

class WorkingCalendar {
 public:
  struct Options {
    WorkingTime working_time = WorkingTime::Default();
    AnnouncedSchedule schedule;
    // The local clock and the lunar meridian.
    int utc_offset_hours = kVietnamUtcOffsetHours;
    // The years the tables cover.
    int first_year = 1900;
    int last_year = 2199;
  };

  // Builds the tables. kInvalidArgument naming the field for bad options, or
  // when the schedule contradicts the holidays of a covered year (see
  // HolidaysOfYear()).
  static absl::StatusOr<WorkingCalendar> Create(Options options);
  static absl::StatusOr<WorkingCalendar> Create() { return Create(Options()); }

  const WorkingTime& working_time() const;
  const AnnouncedSchedule& schedule() const;
  int utc_offset_hours() const;
  absl::TimeZone time_zone() const;
  int first_year() const;
  int last_year() const;
  const std::string& version() const;

  // Whether `day` lies in the covered years.
  bool Covers(absl::CivilDay day) const;
  // Whether `day` is worked; false outside the covered years.
  bool IsWorkingDay(absl::CivilDay day) const;
  // The type, holiday and sessions of `day`. kInvalidArgument outside the
  // covered years.
  absl::StatusOr<DayInfo> Describe(absl::CivilDay day) const;
  // The days off and make-up days of a covered `year`; kInvalidArgument
  // otherwise.
  absl::StatusOr<YearHolidays> Holidays(int year) const;

  // The local day of `time`.
  absl::CivilDay LocalDay(absl::Time time) const;

  // The first instant at or after `time` inside a session: `time` itself when
  // it is inside one. kInvalidArgument when that instant would lie outside the
  // covered years (as for all below).
  absl::StatusOr<absl::Time> NextSessionStart(absl::Time time) const;
  // The instant at which `amount` (>= 0) of working time has passed since
  // `from`; counting starts at NextSessionStart(from). An amount ending exactly
  // at a session's end gives that end (17:00), not the next morning.
  absl::StatusOr<absl::Time> AddWorkingTime(absl::Time from,
                                            absl::Duration amount) const;
  // Working time inside [from, to]. kInvalidArgument when `to` is before
  // `from`.
  absl::StatusOr<absl::Duration> WorkingTimeBetween(absl::Time from,
                                                    absl::Time to) const;
  // `day` when it is worked, else the next working day.
  absl::StatusOr<absl::CivilDay> WorkingDayOnOrAfter(absl::CivilDay day) const;
  // The end of the last session of working day `day` (17:00 by default).
  // kInvalidArgument when `day` is not worked.
  absl::StatusOr<absl::Time> EndOfWorkingDay(absl::CivilDay day) const;

 private:
  struct Impl;  // the day tables; working_calendar.cc
  explicit WorkingCalendar(std::shared_ptr<const Impl> impl)
      : impl_(std::move(impl)) {}

  std::shared_ptr<const Impl> impl_;
};

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_WORKING_CALENDAR_H_
