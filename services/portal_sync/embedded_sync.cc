#include "services/portal_sync/embedded_sync.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"

namespace motcua::portal_sync {

absl::StatusOr<std::unique_ptr<EmbeddedSync>> EmbeddedSync::Start(
    storage::Store& store, const EmbeddedSyncOptions& options) {
  auto credentials = portal::LoadCredentials(options.credentials_file);
  if (!credentials.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--portal-credentials: ", credentials.status().message()));
  }
  portal::PortalConfig config;
  config.http.base_url = options.portal_url;
  config.credentials = *credentials;
  config.max_in_flight = options.concurrency;
  config.max_per_second = options.rate;
  auto client = portal::ConnectPortal(config);
  if (!client.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--portal-url: ", client.status().message()));
  }
  MOTCUA_ASSIGN_OR_RETURN(SyncLock lock, SyncLock::Acquire(options.data_dir));
  std::unique_ptr<EmbeddedSync> sync(new EmbeddedSync(std::move(lock), *std::move(client)));
  SyncJobOptions job_options;
  job_options.concurrency = options.concurrency;
  sync->job_ = std::make_unique<SyncJob>(store, *sync->client_, SystemClock::Get(), job_options);
  sync->job_->Start();
  LogInfo("sync", "syncing inside the node", {{"portal", options.portal_url}});
  return sync;
}

EmbeddedSync::~EmbeddedSync() { Stop(); }

void EmbeddedSync::Stop() {
  if (job_) job_->Stop();
}

}  // namespace motcua::portal_sync
