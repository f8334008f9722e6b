// File: tests/services/calendar/test_times.h
// Short ways for calendar tests to write Vietnam local times (UTC+7) and to
// share calendars that are costly to build.
#ifndef MOTCUA_TESTS_SERVICES_CALENDAR_TEST_TIMES_H_
#define MOTCUA_TESTS_SERVICES_CALENDAR_TEST_TIMES_H_

#include <string>
#include <utility>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/calendar/builtin_schedules.h"
#include "services/calendar/working_calendar.h"
#include "services/common/clock.h"

namespace motcua::calendar::testing {

// y-m-d hh:mm:ss in Vietnam.
inline absl::Time Vn(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss),
                         VietnamTimeZone());
}

// "2026-02-25T16:00:00+07:00".
inline std::string Iso(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, VietnamTimeZone());
}

// Default working time with the built-in schedules, years 2000..2060; built
// once.
inline const WorkingCalendar& StandardCalendar() {
  static const WorkingCalendar* const calendar = [] {
    WorkingCalendar::Options options;
    options.schedule = *BuiltinAnnouncedSchedule();
    options.first_year = 2000;
    options.last_year = 2060;
    return new WorkingCalendar(*WorkingCalendar::Create(std::move(options)));
  }();
  return *calendar;
}

// The same calendar with `schedule` (text format) instead of the built-in one;
// dies on a bad schedule, so tests state valid ones.
inline WorkingCalendar CalendarWith(
    const std::string& schedule_text,
    WorkingTime working_time = WorkingTime::Default()) {
  WorkingCalendar::Options options;
  options.schedule = *AnnouncedSchedule::Parse(schedule_text);
  options.working_time = working_time;
  options.first_year = 2020;
  options.last_year = 2032;
  return *WorkingCalendar::Create(std::move(options));
}

}  // namespace motcua::calendar::testing

#endif  // MOTCUA_TESTS_SERVICES_CALENDAR_TEST_TIMES_H_
