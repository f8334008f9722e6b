#include "services/portal_sync/sync_job.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/portal_sync/sync_batch.h"
#include "storage/sync_outbox.h"

namespace motcua::portal_sync {
namespace {

std::string Describe(const absl::Status& s) {
  return absl::StrCat(absl::StatusCodeToString(s.code()), ": ", s.message());
}

// Failures that say the portal (or the way to it) is not working, rather than this record.
bool PortalIsFailing(const absl::Status& s) {
  return portal::IsTransient(s) || absl::IsUnauthenticated(s) || absl::IsPermissionDenied(s) ||
         absl::IsFailedPrecondition(s) || absl::IsAlreadyExists(s) || absl::IsNotFound(s);
}

}  // namespace

absl::StatusOr<SyncLock> SyncLock::Acquire(const std::string& data_dir) {
  std::string path = data_dir + "/motcua-sync.lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot open ", path));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return absl::FailedPreconditionError(
        absl::StrCat("another sync job already works on ", data_dir, " (", path, " is locked)"));
  }
  return SyncLock(fd);
}

SyncLock::~SyncLock() {
  if (fd_ >= 0) close(fd_);
}

SyncJob::SyncJob(storage::Store& store, portal::PortalClient& portal, const Clock& clock,
                 SyncJobOptions options)
    : store_(store), portal_(portal), clock_(clock), options_(options) {}

SyncJob::~SyncJob() { Stop(); }

SyncJob::Stats SyncJob::stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

void SyncJob::Start() {
  absl::MutexLock lock(&mu_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  for (int i = 0; i < std::max(options_.concurrency, 1); ++i) {
    workers_.emplace_back([this] { Work(); });
  }
}

void SyncJob::Stop() {
  std::vector<std::thread> workers;
  {
    absl::MutexLock lock(&mu_);
    if (!running_) return;
    stopping_ = true;
    wake_.SignalAll();
    workers.swap(workers_);
  }
  for (auto& t : workers) t.join();
  absl::MutexLock lock(&mu_);
  running_ = false;
  stopping_ = false;
}

bool SyncJob::CanClaim() const {
  if (stopping_ || absl::Now() < paused_until_) return false;
  if (static_cast<int>(in_flight_.size()) >= std::max(options_.concurrency, 1)) return false;
  // While the portal is failing, one dossier at a time probes it.
  return portal_failures_ == 0 || in_flight_.empty();
}

void SyncJob::Work() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    std::string code = Claim();
    if (code.empty()) {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      absl::Duration wait = options_.poll;
      if (paused_until_ > absl::Now())
        wait = std::min(paused_until_ - absl::Now(), absl::Seconds(1));
      wake_.WaitWithTimeout(&mu_, wait);
      continue;
    }
    Outcome outcome = SyncDossier(code);
    Release(code, outcome);
  }
}

std::string SyncJob::Claim() {
  {
    absl::MutexLock lock(&mu_);
    if (!CanClaim()) return "";
  }
  absl::StatusOr<std::vector<storage::OutboxRow>> heads;
  {
    auto db = store_.Read();
    heads = storage::DueHeads(*db, clock_.Now(), std::max(options_.concurrency, 1) + 1);
  }
  if (!heads.ok()) {
    LogError("sync", "cannot read the outbox", {{"error", Describe(heads.status())}});
    return "";
  }
  absl::MutexLock lock(&mu_);
  if (!CanClaim()) return "";
  for (const auto& head : *heads) {
    if (in_flight_.insert(head.dossier_code).second) return head.dossier_code;
  }
  return "";
}

void SyncJob::Release(const std::string& code, Outcome outcome) {
  absl::MutexLock lock(&mu_);
  in_flight_.erase(code);
  switch (outcome) {
    case Outcome::kSynced:
    case Outcome::kDeadLettered:
      // The portal answered as a portal does: it works.
      if (portal_failures_ > 0) {
        LogInfo("sync", "the portal answers again; resuming",
                {{"after_failures", absl::StrCat(portal_failures_)}});
      }
      portal_failures_ = 0;
      paused_until_ = absl::InfinitePast();
      break;
    case Outcome::kPortalFailing: {
      ++portal_failures_;
      absl::Duration pause = portal::Backoff(options_.pause_backoff, portal_failures_, random_);
      paused_until_ = absl::Now() + pause;
      ++stats_.pauses;
      LogWarning(
          "sync", "the portal is failing; pausing",
          {{"failures", absl::StrCat(portal_failures_)}, {"pause", absl::FormatDuration(pause)}});
      break;
    }
    case Outcome::kNothing:
    case Outcome::kRetryLater:
      break;
  }
  wake_.SignalAll();
}

absl::Status SyncJob::Write(storage::Writer::Work work) {
  return store_.writer().Write(std::move(work));
}

absl::Status SyncJob::SendRecord(const portal::DossierRecord& record, bool known) {
  absl::Status s = portal_.SyncDossier(record, known);
  // The local flag can be wrong (a job killed after the portal's answer, a portal that lost the
  // dossier): the portal's answer decides between add and update.
  if (absl::IsAlreadyExists(s) && !known) return portal_.SyncDossier(record, true);
  if (absl::IsNotFound(s) && known) return portal_.SyncDossier(record, false);
  return s;
}

SyncJob::Outcome SyncJob::SyncDossier(const std::string& code) {
  absl::StatusOr<SyncBatch> batch;
  absl::StatusOr<std::vector<storage::OutboxRow>> head;
  {
    auto db = store_.Read();
    batch = LoadSyncBatch(*db, code, options_.max_rows_per_dossier, clock_.Now());
    if (!batch.ok()) head = storage::PendingRows(*db, code, 1);
  }
  if (!batch.ok()) {
    if (!head.ok() || head->empty()) {
      LogError("sync", "cannot read a dossier to sync",
               {{"dossier", code}, {"error", Describe(batch.status())}});
      return Outcome::kRetryLater;
    }
    const storage::OutboxRow row = head->front();
    if (absl::IsNotFound(batch.status())) {
      // The row can never be sent as it is: a dead letter, not a busy loop.
      const std::string why = Describe(batch.status());
      Write([&](storage::Database& w) {
        return storage::DeadLetter(w, row.id, why);
      }).IgnoreError();
      LogError("sync", "a row cannot be sent: dead letter", {{"dossier", code}, {"reason", why}});
      absl::MutexLock lock(&mu_);
      ++stats_.dead_letters;
      return Outcome::kRetryLater;
    }
    return Fail(row, batch.status());
  }
  if (batch->rows.empty()) return Outcome::kNothing;

  absl::Status s = SendRecord(batch->record, batch->known_to_portal);
  if (!s.ok()) {
    return Fail(batch->rows.front(),
                absl::Status(s.code(), absl::StrCat("DongBoHoSoMC: ", s.message())));
  }
  {
    absl::MutexLock lock(&mu_);
    ++stats_.records_sent;
  }
  const size_t n = batch->rows.size();
  const size_t size = static_cast<size_t>(std::max(options_.batch_size, 1));
  for (size_t begin = 0; begin < n; begin += size) {
    const size_t end = std::min(n, begin + size);
    std::vector<portal::ProgressEntry> entries(batch->entries.begin() + begin,
                                               batch->entries.begin() + end);
    std::vector<int64_t> ids;
    for (size_t i = begin; i < end; ++i) ids.push_back(batch->rows[i].id);
    s = portal_.UpdateProgress(entries);
    if (absl::IsInvalidArgument(s) && entries.size() > 1) {
      // The portal refused the batch: send one at a time to find the refused entry; the ones
      // before it are synced, it becomes a dead letter, the ones after it wait behind it.
      for (size_t i = begin; i < end; ++i) {
        absl::Status one = portal_.UpdateProgress({batch->entries[i]});
        if (!one.ok()) {
          return Fail(batch->rows[i], absl::Status(one.code(), absl::StrCat("CapNhatTienDoHoSoMC: ",
                                                                            one.message())));
        }
        const int64_t id = batch->rows[i].id;
        absl::Status marked =
            Write([&](storage::Database& w) { return storage::MarkSynced(w, {id}, clock_.Now()); });
        if (!marked.ok()) return Outcome::kRetryLater;
        absl::MutexLock lock(&mu_);
        ++stats_.rows_synced;
      }
      continue;
    }
    if (!s.ok()) {
      return Fail(batch->rows[begin],
                  absl::Status(s.code(), absl::StrCat("CapNhatTienDoHoSoMC: ", s.message())));
    }
    absl::Status marked =
        Write([&](storage::Database& w) { return storage::MarkSynced(w, ids, clock_.Now()); });
    if (!marked.ok()) {
      // The portal holds the batch; it will be resent and dropped by key.
      LogError("sync", "cannot mark rows synced", {{"dossier", code}, {"error", Describe(marked)}});
      return Outcome::kRetryLater;
    }
    absl::MutexLock lock(&mu_);
    stats_.rows_synced += static_cast<int64_t>(ids.size());
    ++stats_.batches_sent;
  }
  return Outcome::kSynced;
}

SyncJob::Outcome SyncJob::Fail(const storage::OutboxRow& row, const absl::Status& status) {
  const std::string why = Describe(status);
  if (absl::IsInvalidArgument(status)) {
    absl::Status s =
        Write([&](storage::Database& db) { return storage::DeadLetter(db, row.id, why); });
    LogWarning(
        "sync", "the portal refused a record: dead letter",
        {{"dossier", row.dossier_code}, {"event", absl::StrCat(row.event_seq)}, {"reason", why}});
    if (!s.ok()) return Outcome::kRetryLater;
    absl::MutexLock lock(&mu_);
    ++stats_.dead_letters;
    return Outcome::kDeadLettered;
  }
  absl::Duration wait;
  {
    absl::MutexLock lock(&mu_);
    ++stats_.failures;
    wait = portal::Backoff(options_.row_backoff, row.attempts + 1, random_);
  }
  // Rows keep whole seconds: round the next attempt up.
  absl::Time next = absl::FromUnixSeconds(absl::ToUnixSeconds(clock_.Now() + wait) + 1);
  absl::Status s =
      Write([&](storage::Database& db) { return storage::RecordFailure(db, row.id, why, next); });
  if (!s.ok()) LogError("sync", "cannot record a failed attempt", {{"error", Describe(s)}});
  LogInfo("sync", "attempt failed; will retry",
          {{"dossier", row.dossier_code},
           {"event", absl::StrCat(row.event_seq)},
           {"attempts", absl::StrCat(row.attempts + 1)},
           {"error", why}});
  return PortalIsFailing(status) ? Outcome::kPortalFailing : Outcome::kRetryLater;
}

bool SyncJob::Idle() {
  {
    absl::MutexLock lock(&mu_);
    if (!in_flight_.empty()) return false;
  }
  auto db = store_.Read();
  auto next = storage::NextAttemptTime(*db);
  return next.ok() && !next->has_value();
}

absl::Status SyncJob::Drain(absl::Duration max_time) {
  Start();
  const absl::Time deadline = absl::Now() + max_time;
  while (true) {
    if (Idle()) {
      Stop();
      return absl::OkStatus();
    }
    if (absl::Now() >= deadline) {
      Stop();
      auto db = store_.Read();
      auto stats = storage::ComputeOutboxStats(*db);
      return absl::DeadlineExceededError(
          absl::StrCat("the outbox did not drain in ", absl::FormatDuration(max_time), ": ",
                       stats.ok() ? absl::StrCat(stats->pending_rows, " events still wait")
                                  : "unknown backlog"));
    }
    absl::SleepFor(std::min(options_.poll, absl::Milliseconds(100)));
  }
}

}  // namespace motcua::portal_sync
