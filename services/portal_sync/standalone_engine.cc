#include "services/portal_sync/standalone_engine.h"

#include "absl/strings/str_cat.h"
#include "services/calendar_config/node_calendars.h"
#include "services/common/clock.h"
#include "services/common/status_macros.h"

namespace motcua::portal_sync {

absl::StatusOr<std::unique_ptr<dossier_service::DossierEngine>> OpenStandaloneEngine(
    storage::Store& store, const std::string& data_dir, dossier_service::NodeConfig config) {
  // The calendars motcuad has without --schedule and --unit-working-time.
  MOTCUA_ASSIGN_OR_RETURN(calendar_config::NodeCalendars calendars,
                          calendar_config::LoadNodeCalendars(store, {}));
  return std::make_unique<dossier_service::DossierEngine>(
      store, storage::BlobStore(data_dir + "/blobs"), std::move(calendars.calendars),
      SystemClock::Get(), std::move(config));
}

}  // namespace motcua::portal_sync
