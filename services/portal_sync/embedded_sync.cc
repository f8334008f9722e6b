#include "services/portal_sync/embedded_sync.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/portal_sync/catalog_refresh.h"

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
  std::vector<PollTask> tasks;
  if (options.engine != nullptr && options.catalog_interval > absl::ZeroDuration()) {
    portal::PortalClient* client = sync->client_.get();
    CatalogRefreshOptions refresh;
    refresh.source = absl::StrCat("DVCQG ", options.portal_url);
    tasks.push_back({"catalog", options.catalog_interval, [&store, client, refresh] {
                       return RefreshCatalog(store, *client, SystemClock::Get(), refresh).status();
                     }});
  }
  if (options.engine != nullptr && options.pull_interval > absl::ZeroDuration()) {
    sync->puller_ = std::make_unique<DossierPuller>(*options.engine, store, *sync->client_,
                                                    DossierPullOptions());
    DossierPuller* puller = sync->puller_.get();
    tasks.push_back({"pull", options.pull_interval, [puller]() -> absl::Status {
                       MOTCUA_ASSIGN_OR_RETURN(DossierPullSummary s, puller->PullOnce());
                       if (s.pulled > 0 || !s.skipped.empty()) {
                         LogInfo("pull", "pulled from the portal",
                                 {{"pulled", absl::StrCat(s.pulled)},
                                  {"skipped", absl::StrCat(s.skipped.size())}});
                       }
                       return absl::OkStatus();
                     }});
  }
  sync->poller_ = std::make_unique<PortalPoller>(std::move(tasks));
  sync->poller_->Start();
  LogInfo("sync", "syncing inside the node",
          {{"portal", options.portal_url},
           {"pull_every", sync->puller_ ? absl::FormatDuration(options.pull_interval) : "off"}});
  return sync;
}

EmbeddedSync::~EmbeddedSync() { Stop(); }

void EmbeddedSync::Stop() {
  if (poller_) poller_->Stop();
  if (job_) job_->Stop();
}

}  // namespace motcua::portal_sync
