// File: services/portal_sync/sync_batch.h
// What the sync job sends for one dossier at a time, read from the node's store in one read
// transaction (a consistent snapshot): the rows still to send (storage/sync_outbox.h
// PendingRows), the dossier record as of its latest event, and the history entry of each row,
// in event order.
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_SYNC_BATCH_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_SYNC_BATCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/portal/portal_stub.h"
#include "storage/database.h"
#include "storage/sync_outbox.h"

namespace motcua::portal_sync {

struct SyncBatch {
  std::vector<storage::OutboxRow> rows;
  std::vector<portal::ProgressEntry> entries;  // entries[i] is the event of rows[i]
  portal::DossierRecord record;
  // The portal has acknowledged this dossier before (DongBoHoSoMC update rather than add).
  bool known_to_portal = false;
};

// An empty batch (no rows) when nothing of `code` is to be sent. kNotFound when the dossier or
// an event of a row is missing (the row can never be sent). Unit names are those of the
// division in force at `now`.
absl::StatusOr<SyncBatch> LoadSyncBatch(storage::Database& db, absl::string_view code, int max_rows,
                                        absl::Time now);

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_SYNC_BATCH_H_
