#include "services/portal_sync/standalone_engine.h"

#include "absl/strings/str_cat.h"
#include "services/calendar/builtin_schedules.h"
#include "services/calendar/unit_working_time.h"
#include "services/common/clock.h"
#include "services/common/status_macros.h"
#include "storage/schedule_store.h"

namespace motcua::portal_sync {

absl::StatusOr<std::unique_ptr<dossier_service::DossierEngine>> OpenStandaloneEngine(
    storage::Store& store, const std::string& data_dir, dossier_service::NodeConfig config) {
  // The same precedence as motcuad without --schedule (services/motcuad/node.cc).
  calendar::WorkingCalendar::Options options;
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
  } else {
    MOTCUA_ASSIGN_OR_RETURN(options.schedule, calendar::BuiltinAnnouncedSchedule());
  }
  // The units' own working hours as motcuad has them without --unit-working-time.
  MOTCUA_ASSIGN_OR_RETURN(
      calendar::UnitWorkingTimes units,
      calendar::UnitWorkingTimes::Parse(calendar::BuiltinUnitWorkingTimeText()));
  MOTCUA_ASSIGN_OR_RETURN(calendar::UnitCalendars calendars,
                          calendar::UnitCalendars::Create(std::move(options), std::move(units)));
  return std::make_unique<dossier_service::DossierEngine>(
      store, storage::BlobStore(data_dir + "/blobs"), std::move(calendars), SystemClock::Get(),
      std::move(config));
}

}  // namespace motcua::portal_sync
