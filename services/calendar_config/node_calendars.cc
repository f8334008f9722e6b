#include "services/calendar_config/node_calendars.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/calendar/builtin_schedules.h"
#include "services/common/status_macros.h"
#include "storage/schedule_store.h"

namespace motcua::calendar_config {
namespace {

absl::StatusOr<std::string> ReadFlagFile(absl::string_view flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<NodeCalendars> LoadNodeCalendars(storage::Store& store,
                                                const NodeCalendarFiles& files) {
  calendar::WorkingCalendar::Options options;
  std::string source = "built-in";
  if (!files.schedule_file.empty()) {
    MOTCUA_ASSIGN_OR_RETURN(std::string text, ReadFlagFile("--schedule", files.schedule_file));
    auto schedule = calendar::AnnouncedSchedule::Parse(text);
    if (!schedule.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--schedule ", files.schedule_file, ": ", schedule.status().message()));
    }
    options.schedule = *std::move(schedule);
    source = absl::StrCat("file ", files.schedule_file);
  } else {
    std::optional<storage::StoredSchedule> stored;
    {
      auto db = store.Read();
      MOTCUA_ASSIGN_OR_RETURN(stored, storage::LatestSchedule(*db));
    }
    if (stored) {
      auto schedule = calendar::AnnouncedSchedule::Parse(stored->schedule_text);
      if (!schedule.ok()) {
        return absl::DataLossError(absl::StrCat("the stored calendar schedule does not parse: ",
                                                schedule.status().message()));
      }
      options.schedule = *std::move(schedule);
      source = stored->source;
    } else {
      MOTCUA_ASSIGN_OR_RETURN(options.schedule, calendar::BuiltinAnnouncedSchedule());
    }
  }
  std::string table_text(calendar::BuiltinUnitWorkingTimeText());
  if (!files.unit_working_time_file.empty()) {
    MOTCUA_ASSIGN_OR_RETURN(table_text,
                            ReadFlagFile("--unit-working-time", files.unit_working_time_file));
  }
  auto table = calendar::UnitWorkingTimes::Parse(table_text);
  if (!table.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--unit-working-time ",
        files.unit_working_time_file.empty() ? "(built-in)" : files.unit_working_time_file, ": ",
        table.status().message()));
  }
  MOTCUA_ASSIGN_OR_RETURN(calendar::UnitCalendars calendars,
                          calendar::UnitCalendars::Create(std::move(options), *std::move(table)));
  return NodeCalendars{std::move(calendars), std::move(source)};
}

}  // namespace motcua::calendar_config
