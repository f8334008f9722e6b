// File: services/calendar/builtin_schedules.h
// The announced schedules shipped with motcua (data/calendar/announced-*.tsv),
// compiled into the library at build time so that the calendar and the CLI work
// with no files around. Thread-safe.
#ifndef MOTCUA_SERVICES_CALENDAR_BUILTIN_SCHEDULES_H_
#define MOTCUA_SERVICES_CALENDAR_BUILTIN_SCHEDULES_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/calendar/announced_schedule.h"

namespace motcua::calendar {

struct BuiltinScheduleFile {
  absl::string_view name;  // "announced-2026.tsv"
  absl::string_view text;  // the file's content
};

// The embedded files, in name order (generated from data/calendar/ by CMake).
std::vector<BuiltinScheduleFile> BuiltinScheduleFiles();

// All embedded files parsed and merged. kInternal naming the file if one does
// not parse (a defect of the build, which the tests catch).
absl::StatusOr<AnnouncedSchedule> BuiltinAnnouncedSchedule();

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_BUILTIN_SCHEDULES_H_
