// File: services/portal_sync/embedded_sync.h
// The sync job inside motcuad (--portal-url, --portal-credentials): the same loop as motcua-sync,
// over the node's own store, with the portal client stack built from a few settings. Holds the
// data folder's sync lock, so a motcua-sync on the same folder refuses to start (and the other
// way round). With an engine it also brings the portal's side in periodically: the online
// dossiers citizens submitted there (dossier_puller.h) and the procedure catalogue
// (catalog_refresh.h). Stop() (or the destructor) lets the dossiers in flight finish.
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_EMBEDDED_SYNC_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_EMBEDDED_SYNC_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/dossier_service/dossier_engine.h"
#include "services/portal/portal_client.h"
#include "services/portal_sync/dossier_puller.h"
#include "services/portal_sync/portal_poller.h"
#include "services/portal_sync/sync_job.h"
#include "storage/store.h"

namespace motcua::portal_sync {

struct EmbeddedSyncOptions {
  std::string data_dir;
  std::string portal_url;
  std::string credentials_file;
  int concurrency = 4;
  double rate = 20;  // portal calls per second
  // The node's engine: pulled dossiers enter through it. Null: no pull, no catalogue refresh.
  dossier_service::DossierEngine* engine = nullptr;
  // How often to pull online dossiers and to refresh the catalogue; zero turns either off.
  absl::Duration pull_interval = absl::Seconds(60);
  absl::Duration catalog_interval = absl::Hours(24);
};

class EmbeddedSync {
 public:
  // kInvalidArgument naming the flag for a bad URL or credentials file; kFailedPrecondition when
  // another sync job holds the folder.
  static absl::StatusOr<std::unique_ptr<EmbeddedSync>> Start(storage::Store& store,
                                                             const EmbeddedSyncOptions& options);
  ~EmbeddedSync();
  void Stop();

 private:
  EmbeddedSync(SyncLock lock, std::unique_ptr<portal::PortalClient> client)
      : lock_(std::move(lock)), client_(std::move(client)) {}
  SyncLock lock_;
  std::unique_ptr<portal::PortalClient> client_;
  std::unique_ptr<SyncJob> job_;
  std::unique_ptr<DossierPuller> puller_;
  std::unique_ptr<PortalPoller> poller_;
};

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_EMBEDDED_SYNC_H_
