#include "services/calendar/builtin_schedules.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace motcua::calendar {

absl::StatusOr<AnnouncedSchedule> BuiltinAnnouncedSchedule() {
  AnnouncedSchedule all;
  for (const BuiltinScheduleFile& file : BuiltinScheduleFiles()) {
    absl::StatusOr<AnnouncedSchedule> one = AnnouncedSchedule::Parse(file.text);
    if (one.ok()) {
      one = AnnouncedSchedule::Merge(all, *one);
    }
    if (!one.ok()) {
      return absl::InternalError(absl::StrCat("built-in schedule ", file.name,
                                              ": ", one.status().message()));
    }
    all = *std::move(one);
  }
  return all;
}

}  // namespace motcua::calendar
