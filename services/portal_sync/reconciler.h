// File: services/portal_sync/reconciler.h
// Reconciliation: compares each dossier the node holds with what the national portal holds
// (TraCuuHoSo): the portal must hold the dossier, at its latest version and status, with every
// history entry once and in event order. With `repair`, a dossier that differs is queued again
// whole (storage RequeueDossier); the sync job resends it and the portal keeps each key once.
// Dossiers with events still waiting in the outbox are not compared (they are in flight).
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_RECONCILER_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_RECONCILER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/portal/portal_client.h"
#include "storage/store.h"

namespace motcua::portal_sync {

struct ReconcileOptions {
  bool repair = false;
};

struct Difference {
  std::string code;
  std::string what;  // in English, for logs and the report
};

struct ReconcileReport {
  int64_t dossiers = 0;   // dossiers on the node
  int64_t compared = 0;   // asked the portal about
  int64_t in_flight = 0;  // not compared: events still waiting in the outbox
  int64_t matching = 0;
  std::vector<Difference> differences;
  int64_t requeued_rows = 0;  // with repair
};

// Stops at the first portal failure (after the client's retries) with its status.
absl::StatusOr<ReconcileReport> Reconcile(storage::Store& store, portal::PortalClient& portal,
                                          const ReconcileOptions& options);

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_RECONCILER_H_
