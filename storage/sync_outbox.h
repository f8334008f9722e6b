// File: storage/sync_outbox.h
// The outbox towards the national portal (table sync_outbox, schema version 5): one row per
// dossier event, queued by AppendEvent in the transaction of the change. The sync job sends each
// dossier's rows strictly in event order and marks a row synced only after the portal's success.
// A dead letter (a row the portal rejected) blocks the later rows of its own dossier, so the
// portal never holds a history with a hole, and never blocks other dossiers; RetryDeadLetters
// puts it back on demand. Times are whole seconds. Reads take any connection; writes run inside
// a Writer work item.
#ifndef MOTCUA_STORAGE_SYNC_OUTBOX_H_
#define MOTCUA_STORAGE_SYNC_OUTBOX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/database.h"

namespace motcua::storage {

enum class OutboxState { kPending = 0, kSynced = 1, kDead = 2 };

struct OutboxRow {
  int64_t id = 0;
  std::string dossier_code;
  int64_t event_seq = 0;
  absl::Time created_time;
  OutboxState state = OutboxState::kPending;
  int attempts = 0;
  absl::Time next_attempt_time;
  std::string last_error;
  std::optional<absl::Time> synced_time;
};

// The dossiers with work due at `now`, one row each: the dossier's first row not yet synced,
// when it is pending and its next_attempt_time has come (a dead head blocks the dossier).
// Oldest first (id order), at most `limit`.
absl::StatusOr<std::vector<OutboxRow>> DueHeads(Database& db, absl::Time now, int limit);
// The rows of `code` to send now, in event order: its unsynced rows from the first one, up to
// (not including) the first dead letter, at most `limit`. Empty when the head is dead.
absl::StatusOr<std::vector<OutboxRow>> PendingRows(Database& db, absl::string_view code, int limit);
// True when some row of `code` is synced, i.e. the portal has acknowledged the dossier.
absl::StatusOr<bool> AnySynced(Database& db, absl::string_view code);
// When the next dossier head comes due (nullopt when no dossier has a pending head; dossiers
// blocked by a dead letter do not count).
absl::StatusOr<std::optional<absl::Time>> NextAttemptTime(Database& db);

// A dossier as reconciliation compares it: its status, its events and its unsynced rows.
struct DossierSyncState {
  std::string code;
  int status = 0;  // TrangThaiHoSo
  int64_t events = 0;
  int64_t unsynced_rows = 0;
};
// Dossiers in code order after `after_code`, at most `limit`.
absl::StatusOr<std::vector<DossierSyncState>> ListDossierSyncStates(Database& db,
                                                                    absl::string_view after_code,
                                                                    int limit);

// Marks the rows synced at `now`; rows no longer pending are left alone.
absl::Status MarkSynced(Database& db, const std::vector<int64_t>& ids, absl::Time now);
// Counts a failed attempt on a pending row: keeps `error`, waits until `next_attempt`.
absl::Status RecordFailure(Database& db, int64_t id, absl::string_view error,
                           absl::Time next_attempt);
// Moves a pending row to the dead letters with `reason`.
absl::Status DeadLetter(Database& db, int64_t id, absl::string_view reason);
// Puts the dead letters of `code` (all dossiers when empty) back in the queue, due now;
// returns how many.
absl::StatusOr<int> RetryDeadLetters(Database& db, absl::string_view code);
// Reconciliation's repair: queues every event of `code` again (adding rows for events that have
// none), so the whole dossier is resent; the portal drops what it already holds by key. Dead
// letters stay dead. Returns the rows queued.
absl::StatusOr<int> RequeueDossier(Database& db, absl::string_view code);

struct UnitBacklog {
  std::string unit;  // the dossier's receiving unit
  int64_t pending_rows = 0;
  int64_t dead_rows = 0;
  int64_t dossiers = 0;
  absl::Time oldest;
};

struct OutboxStats {
  int64_t rows = 0;
  int64_t synced_rows = 0;
  int64_t pending_rows = 0;
  int64_t dead_rows = 0;
  int64_t blocked_rows = 0;  // pending behind a dead letter of the same dossier
  int64_t dossiers = 0;
  int64_t synced_dossiers = 0;  // every row synced
  // synced_dossiers / dossiers and synced_rows / rows, in percent (100 when there is nothing).
  double sync_rate = 100;
  double event_sync_rate = 100;
  // From an event to the portal's acknowledgement, over the synced rows (nearest rank).
  absl::Duration lag_p50;
  absl::Duration lag_p99;
  absl::Duration lag_max;
  std::optional<absl::Time> oldest_unsynced;
  std::vector<UnitBacklog> backlog;  // units with unsynced rows, by unit code
};

// Over the rows created in [from, to) (every row when not given).
absl::StatusOr<OutboxStats> ComputeOutboxStats(Database& db,
                                               std::optional<absl::Time> from = std::nullopt,
                                               std::optional<absl::Time> to = std::nullopt);
// Dead letters, oldest first, at most `limit`.
absl::StatusOr<std::vector<OutboxRow>> ListDeadLetters(Database& db, int limit);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_SYNC_OUTBOX_H_
