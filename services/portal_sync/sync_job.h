// File: services/portal_sync/sync_job.h
// The national-portal sync loop over the node's outbox (storage/sync_outbox.h). Up to
// `concurrency` dossiers are worked on at once, never the same dossier twice; for each, the job
// sends the dossier record (DongBoHoSoMC: update when the portal acknowledged the dossier before,
// else add, switching when the portal says otherwise), then its pending history entries in
// event order, in batches (CapNhatTienDoHoSoMC), and marks each batch synced only after the
// portal's success. A rejected record (kInvalidArgument) becomes a dead letter with the reason;
// its dossier waits, the others go on. Any other failure is retried: the row waits its backoff
// and, when the portal itself is failing, the whole job pauses with exponential backoff and
// then probes with one dossier at a time, so an outage of any length ends without a flood.
// A killed job loses nothing (the outbox is durable) and resends at most what was in flight,
// which the portal drops by idempotency key. Thread-safe.
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_SYNC_JOB_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_SYNC_JOB_H_

#include <cstdint>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/portal/portal_client.h"
#include "services/portal/retrying_portal_stub.h"
#include "storage/store.h"
#include "storage/sync_outbox.h"

namespace motcua::portal_sync {

struct SyncJobOptions {
  int concurrency = 4;  // dossiers in flight at once
  int batch_size = 10;  // history entries per CapNhatTienDoHoSoMC (Tân Dân sends 10)
  int max_rows_per_dossier = 100;
  // A row's wait after a failed attempt (stored in whole seconds). It keeps one bad record from
  // holding up the others; its cap bounds how long a dossier probed during an outage waits after
  // the portal is back.
  portal::BackoffPolicy row_backoff{absl::Seconds(1), absl::Minutes(1), 2.0};
  // The whole job's pause while the portal is failing.
  portal::BackoffPolicy pause_backoff{absl::Milliseconds(500), absl::Seconds(30), 2.0};
  // How often an idle job looks at the outbox.
  absl::Duration poll = absl::Milliseconds(250);
};

// Holds an exclusive lock on DATA_DIR/motcua-sync.lock so that one sync job runs per store
// (the kernel releases it when the process dies). kFailedPrecondition when another holds it.
class SyncLock {
 public:
  static absl::StatusOr<SyncLock> Acquire(const std::string& data_dir);
  SyncLock(SyncLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  SyncLock(const SyncLock&) = delete;
  ~SyncLock();

 private:
  explicit SyncLock(int fd) : fd_(fd) {}
  int fd_;
};

class SyncJob {
 public:
  struct Stats {
    int64_t rows_synced = 0;
    int64_t records_sent = 0;  // DongBoHoSoMC calls that succeeded
    int64_t batches_sent = 0;  // CapNhatTienDoHoSoMC calls that succeeded
    int64_t failures = 0;      // dossier attempts that failed (before any retry of theirs)
    int64_t dead_letters = 0;
    int64_t pauses = 0;  // times the job paused because the portal was failing
  };

  // `store`, `portal` and `clock` must outlive the job.
  SyncJob(storage::Store& store, portal::PortalClient& portal, const Clock& clock,
          SyncJobOptions options);
  ~SyncJob();
  SyncJob(const SyncJob&) = delete;

  // Starts the workers; they run until Stop().
  void Start();
  // Lets the dossiers in flight finish, then stops the workers.
  void Stop();
  // Starts the workers, waits until nothing is due or waiting in backoff (dead letters and the
  // rows behind them excepted), stops. kDeadlineExceeded with the backlog when `max_time` ends
  // first.
  absl::Status Drain(absl::Duration max_time);

  Stats stats() const;

 private:
  enum class Outcome { kNothing, kSynced, kRetryLater, kPortalFailing, kDeadLettered };

  void Work();
  // Picks a due dossier no other worker holds; "" when none (or the job is paused).
  std::string Claim();
  void Release(const std::string& code, Outcome outcome);
  Outcome SyncDossier(const std::string& code);
  // Sends the record, switching add/update when the portal asks to.
  absl::Status SendRecord(const portal::DossierRecord& record, bool known);
  Outcome Fail(const storage::OutboxRow& row, const absl::Status& status);
  absl::Status Write(storage::Writer::Work work);
  bool Idle();

  bool CanClaim() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  storage::Store& store_;
  portal::PortalClient& portal_;
  const Clock& clock_;
  const SyncJobOptions options_;

  mutable absl::Mutex mu_;
  bool running_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::set<std::string> in_flight_ ABSL_GUARDED_BY(mu_);
  // Consecutive portal failures; while > 0 one dossier at a time probes the portal.
  int portal_failures_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time paused_until_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  absl::CondVar wake_;  // signalled on Stop() and whenever a dossier is released
  Stats stats_ ABSL_GUARDED_BY(mu_);
  absl::BitGen random_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> workers_;
};

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_SYNC_JOB_H_
