#include "storage/sync_outbox.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace motcua::storage {
namespace {

constexpr char kRowColumns[] =
    "o.id, o.dossier_code, o.event_seq, o.created_time, o.state, o.attempts, "
    "o.next_attempt_time, o.last_error, o.synced_time";

OutboxRow ReadRow(const Statement& st) {
  OutboxRow r;
  r.id = st.ColumnInt64(0);
  r.dossier_code = st.ColumnString(1);
  r.event_seq = st.ColumnInt64(2);
  r.created_time = absl::FromUnixSeconds(st.ColumnInt64(3));
  r.state = static_cast<OutboxState>(st.ColumnInt64(4));
  r.attempts = static_cast<int>(st.ColumnInt64(5));
  r.next_attempt_time = absl::FromUnixSeconds(st.ColumnInt64(6));
  r.last_error = st.ColumnString(7);
  if (!st.IsNull(8)) r.synced_time = absl::FromUnixSeconds(st.ColumnInt64(8));
  return r;
}

absl::StatusOr<std::vector<OutboxRow>> ReadRows(StatementRef& st) {
  std::vector<OutboxRow> out;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadRow(*st));
  }
  return out;
}

int64_t Secs(absl::Time t) { return absl::ToUnixSeconds(t); }

// The nearest-rank percentile of sorted `values`.
int64_t Percentile(const std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

absl::StatusOr<std::vector<OutboxRow>> DueHeads(Database& db, absl::Time now, int limit) {
  // A row is its dossier's head when no earlier row of the dossier is unsynced. The unique
  // index on (dossier_code, event_seq) serves the NOT EXISTS.
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat(
          "SELECT ", kRowColumns,
          " FROM sync_outbox o WHERE o.state = 0 AND o.next_attempt_time <= ?1 AND NOT EXISTS "
          "(SELECT 1 FROM sync_outbox p WHERE p.dossier_code = o.dossier_code AND "
          "p.event_seq < o.event_seq AND p.state != 1) ORDER BY o.id LIMIT ?2")));
  st->Bind(1, Secs(now)).Bind(2, limit);
  return ReadRows(st);
}

absl::StatusOr<std::vector<OutboxRow>> PendingRows(Database& db, absl::string_view code,
                                                   int limit) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("SELECT ", kRowColumns,
                              " FROM sync_outbox o WHERE o.dossier_code = ?1 AND o.state != 1 "
                              "ORDER BY o.event_seq LIMIT ?2")));
  st->Bind(1, code).Bind(2, limit);
  MOTCUA_ASSIGN_OR_RETURN(std::vector<OutboxRow> rows, ReadRows(st));
  auto dead = std::find_if(rows.begin(), rows.end(),
                           [](const OutboxRow& r) { return r.state == OutboxState::kDead; });
  rows.erase(dead, rows.end());
  return rows;
}

absl::StatusOr<bool> AnySynced(Database& db, absl::string_view code) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("SELECT 1 FROM sync_outbox WHERE dossier_code = ?1 AND state = 1 LIMIT 1"));
  st->Bind(1, code);
  return st->Step();
}

absl::StatusOr<std::optional<absl::Time>> NextAttemptTime(Database& db) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("SELECT MIN(o.next_attempt_time) FROM sync_outbox o WHERE o.state = 0 AND NOT "
                 "EXISTS (SELECT 1 FROM sync_outbox p WHERE p.dossier_code = o.dossier_code AND "
                 "p.event_seq < o.event_seq AND p.state != 1)"));
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || st->IsNull(0)) return std::optional<absl::Time>();
  return std::optional<absl::Time>(absl::FromUnixSeconds(st->ColumnInt64(0)));
}

absl::StatusOr<std::vector<DossierSyncState>> ListDossierSyncStates(Database& db,
                                                                    absl::string_view after_code,
                                                                    int limit) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("SELECT d.code, d.status, (SELECT COUNT(*) FROM dossier_events e WHERE e.code = "
                 "d.code), (SELECT COUNT(*) FROM sync_outbox o WHERE o.dossier_code = d.code AND "
                 "o.state != 1) FROM dossiers d WHERE d.code > ?1 ORDER BY d.code LIMIT ?2"));
  st->Bind(1, after_code).Bind(2, limit);
  std::vector<DossierSyncState> out;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->ColumnString(0), static_cast<int>(st->ColumnInt64(1)), st->ColumnInt64(2),
                   st->ColumnInt64(3)});
  }
  return out;
}

absl::Status MarkSynced(Database& db, const std::vector<int64_t>& ids, absl::Time now) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("UPDATE sync_outbox SET state = 1, synced_time = ?2, last_error = '' "
                 "WHERE id = ?1 AND state = 0"));
  for (int64_t id : ids) {
    st->Bind(1, id).Bind(2, Secs(now));
    MOTCUA_RETURN_IF_ERROR(st->Run());
    st->Reset();
  }
  return absl::OkStatus();
}

absl::Status RecordFailure(Database& db, int64_t id, absl::string_view error,
                           absl::Time next_attempt) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?2, "
                 "next_attempt_time = ?3 WHERE id = ?1 AND state = 0"));
  st->Bind(1, id).Bind(2, error).Bind(3, Secs(next_attempt));
  return st->Run();
}

absl::Status DeadLetter(Database& db, int64_t id, absl::string_view reason) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("UPDATE sync_outbox SET state = 2, attempts = attempts + 1, last_error = ?2 "
                 "WHERE id = ?1 AND state = 0"));
  st->Bind(1, id).Bind(2, reason);
  return st->Run();
}

absl::StatusOr<int> RetryDeadLetters(Database& db, absl::string_view code) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("UPDATE sync_outbox SET state = 0, attempts = 0, next_attempt_time = 0 "
                 "WHERE state = 2 AND (?1 = '' OR dossier_code = ?1)"));
  st->Bind(1, code);
  MOTCUA_RETURN_IF_ERROR(st->Run());
  return db.Changes();
}

absl::StatusOr<int> RequeueDossier(Database& db, absl::string_view code) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef add,
      db.Prepare("INSERT OR IGNORE INTO sync_outbox(dossier_code, event_seq, created_time) "
                 "SELECT code, seq, time FROM dossier_events WHERE code = ?1"));
  add->Bind(1, code);
  MOTCUA_RETURN_IF_ERROR(add->Run());
  int added = db.Changes();
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef again,
      db.Prepare("UPDATE sync_outbox SET state = 0, attempts = 0, next_attempt_time = 0, "
                 "synced_time = NULL WHERE dossier_code = ?1 AND state = 1"));
  again->Bind(1, code);
  MOTCUA_RETURN_IF_ERROR(again->Run());
  return added + db.Changes();
}

absl::StatusOr<OutboxStats> ComputeOutboxStats(Database& db, std::optional<absl::Time> from,
                                               std::optional<absl::Time> to) {
  const int64_t lo = from ? Secs(*from) : std::numeric_limits<int64_t>::min();
  const int64_t hi = to ? Secs(*to) : std::numeric_limits<int64_t>::max();
  OutboxStats s;
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT COUNT(*), COALESCE(SUM(state = 1), 0), COALESCE(SUM(state = 0), 0), "
                   "COALESCE(SUM(state = 2), 0), MIN(CASE WHEN state != 1 THEN created_time END) "
                   "FROM sync_outbox WHERE created_time >= ?1 AND created_time < ?2"));
    st->Bind(1, lo).Bind(2, hi);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      s.rows = st->ColumnInt64(0);
      s.synced_rows = st->ColumnInt64(1);
      s.pending_rows = st->ColumnInt64(2);
      s.dead_rows = st->ColumnInt64(3);
      if (!st->IsNull(4)) s.oldest_unsynced = absl::FromUnixSeconds(st->ColumnInt64(4));
    }
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare(
            "SELECT COUNT(*) FROM sync_outbox o WHERE o.state = 0 AND o.created_time >= ?1 "
            "AND o.created_time < ?2 AND EXISTS (SELECT 1 FROM sync_outbox p WHERE "
            "p.dossier_code = o.dossier_code AND p.state = 2 AND p.event_seq < o.event_seq)"));
    st->Bind(1, lo).Bind(2, hi);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) s.blocked_rows = st->ColumnInt64(0);
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT COUNT(*), COALESCE(SUM(unsynced = 0), 0) FROM (SELECT dossier_code, "
                   "SUM(state != 1) AS unsynced FROM sync_outbox WHERE created_time >= ?1 AND "
                   "created_time < ?2 GROUP BY dossier_code)"));
    st->Bind(1, lo).Bind(2, hi);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      s.dossiers = st->ColumnInt64(0);
      s.synced_dossiers = st->ColumnInt64(1);
    }
  }
  if (s.dossiers > 0) s.sync_rate = 100.0 * s.synced_dossiers / s.dossiers;
  if (s.rows > 0) s.event_sync_rate = 100.0 * s.synced_rows / s.rows;
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT MAX(synced_time - created_time, 0) AS lag FROM sync_outbox WHERE "
                   "state = 1 AND created_time >= ?1 AND created_time < ?2 ORDER BY lag"));
    st->Bind(1, lo).Bind(2, hi);
    std::vector<int64_t> lags;
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      lags.push_back(st->ColumnInt64(0));
    }
    s.lag_p50 = absl::Seconds(Percentile(lags, 50));
    s.lag_p99 = absl::Seconds(Percentile(lags, 99));
    s.lag_max = absl::Seconds(lags.empty() ? 0 : lags.back());
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT d.receiving_unit, COALESCE(SUM(o.state = 0), 0), "
                   "COALESCE(SUM(o.state = 2), 0), COUNT(DISTINCT o.dossier_code), "
                   "MIN(o.created_time) FROM sync_outbox o JOIN dossiers d ON d.code = "
                   "o.dossier_code WHERE o.state != 1 AND o.created_time >= ?1 AND "
                   "o.created_time < ?2 GROUP BY d.receiving_unit ORDER BY d.receiving_unit"));
    st->Bind(1, lo).Bind(2, hi);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      s.backlog.push_back({st->ColumnString(0), st->ColumnInt64(1), st->ColumnInt64(2),
                           st->ColumnInt64(3), absl::FromUnixSeconds(st->ColumnInt64(4))});
    }
  }
  return s;
}

absl::StatusOr<std::vector<OutboxRow>> ListDeadLetters(Database& db, int limit) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("SELECT ", kRowColumns,
                              " FROM sync_outbox o WHERE o.state = 2 ORDER BY o.id LIMIT ?1")));
  st->Bind(1, limit);
  return ReadRows(st);
}

}  // namespace motcua::storage
