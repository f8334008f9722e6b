// File: services/portal_sync/standalone_engine.h
// The DossierEngine motcua-sync uses to bring portal dossiers in when it runs apart from motcuad:
// over the node's store and blob folder (DATA_DIR/blobs), with the working calendar the node
// uses (the schedule an admin last put in force, else the built-in schedules; the built-in
// table of units' own working hours) and the node's
// dossier-code settings, which must be motcuad's (--province-code, --dossier-code-format).
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_STANDALONE_ENGINE_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_STANDALONE_ENGINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/dossier_service/dossier_engine.h"
#include "storage/store.h"

namespace motcua::portal_sync {

// `store` must outlive the engine. kDataLoss when the stored schedule does not parse.
absl::StatusOr<std::unique_ptr<dossier_service::DossierEngine>> OpenStandaloneEngine(
    storage::Store& store, const std::string& data_dir, dossier_service::NodeConfig config);

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_STANDALONE_ENGINE_H_
