#include "storage/dossier_change.h"

#include "services/common/status_macros.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"

namespace motcua::storage {

absl::Status RecordChange(Database& db, dossier::Dossier& d, dossier::Event event) {
  d.revision += 1;
  MOTCUA_RETURN_IF_ERROR(UpdateDossier(db, d));
  event.dossier_code = d.code;
  event.status_after = d.status;
  return AppendEvent(db, std::move(event)).status();
}

}  // namespace motcua::storage
