#include "storage/event_log.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "storage/blob_store.h"

namespace motcua::storage {
namespace {

const std::string kGenesisHash(64, '0');

dossier::Event ReadEvent(const Statement& st) {
  dossier::Event e;
  e.dossier_code = st.ColumnString(0);
  e.seq = st.ColumnInt64(1);
  e.time = absl::FromUnixSeconds(st.ColumnInt64(2));
  e.actor = st.ColumnString(3);
  e.role = static_cast<workflow::Role>(st.ColumnInt64(4));
  e.unit = st.ColumnString(5);
  e.action = st.ColumnString(6);
  e.status_after = static_cast<workflow::Status>(st.ColumnInt64(7));
  e.reason = st.ColumnString(8);
  e.prev_hash = st.ColumnString(9);
  e.hash = st.ColumnString(10);
  return e;
}

constexpr char kEventColumns[] =
    "code, seq, time, actor, role, unit, action, status_after, reason, prev_hash, hash";

}  // namespace

std::string EventHash(const dossier::Event& e) {
  // Fields separated by US (0x1f), which no field may hold unescaped meaning-wise: a change to
  // any field, or to the previous hash, changes the hash.
  std::string text = absl::StrCat(e.prev_hash, "\x1f", e.dossier_code, "\x1f", e.seq, "\x1f",
                                  absl::ToUnixSeconds(e.time), "\x1f", e.actor, "\x1f",
                                  static_cast<int>(e.role), "\x1f", e.unit, "\x1f", e.action,
                                  "\x1f", static_cast<int>(e.status_after), "\x1f", e.reason);
  return Sha256Hex(text);
}

namespace {

// The last event of `code`: its seq (0 when none) and hash (the genesis hash when none).
absl::StatusOr<std::pair<int64_t, std::string>> ChainTip(Database& db, absl::string_view code) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("SELECT seq, hash FROM dossier_events WHERE code=?1 ORDER BY seq DESC LIMIT 1"));
  st->Bind(1, code);
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::make_pair(int64_t{0}, kGenesisHash);
  return std::make_pair(st->ColumnInt64(0), st->ColumnString(1));
}

absl::Status InsertEventRow(Database& db, const dossier::Event& e) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("INSERT INTO dossier_events(", kEventColumns,
                              ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")));
  st->Bind(1, e.dossier_code).Bind(2, e.seq).Bind(3, absl::ToUnixSeconds(e.time));
  st->Bind(4, e.actor).Bind(5, static_cast<int>(e.role)).Bind(6, e.unit).Bind(7, e.action);
  st->Bind(8, static_cast<int>(e.status_after)).Bind(9, e.reason).Bind(10, e.prev_hash);
  st->Bind(11, e.hash);
  return st->Run();
}

}  // namespace

absl::StatusOr<dossier::Event> AppendEvent(Database& db, dossier::Event e) {
  MOTCUA_ASSIGN_OR_RETURN(auto tip, ChainTip(db, e.dossier_code));
  e.seq = tip.first + 1;
  e.prev_hash = tip.second;
  e.hash = EventHash(e);
  MOTCUA_RETURN_IF_ERROR(InsertEventRow(db, e));
  // The portal must learn of every change: queue it in the same transaction.
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef outbox,
      db.Prepare("INSERT INTO sync_outbox(dossier_code, event_seq, created_time) "
                 "VALUES(?1, ?2, ?3)"));
  outbox->Bind(1, e.dossier_code).Bind(2, e.seq).Bind(3, absl::ToUnixSeconds(e.time));
  MOTCUA_RETURN_IF_ERROR(outbox->Run());
  return e;
}

absl::Status ImportEvents(Database& db, const std::vector<dossier::Event>& events) {
  if (events.empty()) return absl::OkStatus();
  MOTCUA_ASSIGN_OR_RETURN(auto tip, ChainTip(db, events.front().dossier_code));
  // Check everything first: a chain that does not link changes nothing.
  std::vector<const dossier::Event*> missing;
  std::string prev = kGenesisHash;
  for (size_t i = 0; i < events.size(); ++i) {
    const dossier::Event& e = events[i];
    if (e.dossier_code != events.front().dossier_code || e.seq != static_cast<int64_t>(i) + 1) {
      return absl::DataLossError(absl::StrCat("events[", i, "]: expected event ", i + 1, " of ",
                                              events.front().dossier_code, ", got ", e.seq, " of ",
                                              e.dossier_code));
    }
    if (e.prev_hash != prev || EventHash(e) != e.hash) {
      return absl::DataLossError(absl::StrCat("events[", i, "]: event ", e.seq, " of ",
                                              e.dossier_code, " does not link to the chain"));
    }
    prev = e.hash;
    if (e.seq == tip.first && e.hash != tip.second) {
      return absl::DataLossError(absl::StrCat("event ", e.seq, " of ", e.dossier_code,
                                              " differs from the one this node holds"));
    }
    if (e.seq > tip.first) missing.push_back(&e);
  }
  if (tip.first > static_cast<int64_t>(events.size())) {
    return absl::DataLossError(absl::StrCat("dossier ", events.front().dossier_code, " has ",
                                            tip.first, " events here but only ", events.size(),
                                            " arrived"));
  }
  for (const dossier::Event* e : missing) MOTCUA_RETURN_IF_ERROR(InsertEventRow(db, *e));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<dossier::Event>> LoadEvents(Database& db, absl::string_view code) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st, db.Prepare(absl::StrCat("SELECT ", kEventColumns,
                                               " FROM dossier_events WHERE code=?1 ORDER BY seq")));
  st->Bind(1, code);
  std::vector<dossier::Event> out;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadEvent(*st));
  }
  return out;
}

absl::StatusOr<ChainReport> VerifyChains(Database& db, absl::string_view code) {
  ChainReport report;
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare(absl::StrCat("SELECT ", kEventColumns,
                                                  " FROM dossier_events WHERE ?1 = '' OR code = ?1 "
                                                  "ORDER BY code, seq")));
  st->Bind(1, code);
  std::string current;
  std::string prev_hash;
  int64_t expected_seq = 0;
  bool broken_in_current = false;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    dossier::Event e = ReadEvent(*st);
    ++report.events;
    if (e.dossier_code != current) {
      current = e.dossier_code;
      ++report.dossiers;
      prev_hash = kGenesisHash;
      expected_seq = 1;
      broken_in_current = false;
    }
    if (report.broken_code || broken_in_current) continue;
    std::string problem;
    if (e.seq != expected_seq) {
      problem = absl::StrCat("event ", expected_seq, " is missing");
    } else if (e.prev_hash != prev_hash) {
      problem = "prev_hash does not match the hash of the event before";
    } else if (EventHash(e) != e.hash) {
      problem = "the event's content does not match its hash";
    }
    if (!problem.empty()) {
      report.broken_code = e.dossier_code;
      report.broken_seq = e.seq;
      report.problem = problem;
      broken_in_current = true;
      continue;
    }
    prev_hash = e.hash;
    ++expected_seq;
  }
  // The end of each chain is anchored by the dossier row: every change bumps `revision` and
  // appends exactly one event, and the last event's status is the dossier's. Deleting the newest
  // events therefore shows.
  if (!report.broken_code) {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef tail,
        db.Prepare("SELECT d.code, d.revision, d.status, "
                   "(SELECT MAX(e.seq) FROM dossier_events e WHERE e.code = d.code), "
                   "(SELECT e.status_after FROM dossier_events e WHERE e.code = d.code "
                   " ORDER BY e.seq DESC LIMIT 1) "
                   "FROM dossiers d WHERE (?1 = '' OR d.code = ?1) ORDER BY d.code"));
    tail->Bind(1, code);
    while (!report.broken_code) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, tail->Step());
      if (!row) break;
      if (tail->IsNull(3)) continue;  // no history at all: reported below
      int64_t revision = tail->ColumnInt64(1);
      int64_t last_seq = tail->ColumnInt64(3);
      if (last_seq != revision) {
        report.broken_code = tail->ColumnString(0);
        report.broken_seq = std::min(last_seq, revision) + 1;
        report.problem = absl::StrCat("the history ends at event ", last_seq,
                                      " but the dossier "
                                      "has had ",
                                      revision, " changes");
      } else if (tail->ColumnInt64(4) != tail->ColumnInt64(2)) {
        report.broken_code = tail->ColumnString(0);
        report.broken_seq = last_seq;
        report.problem = "the last event's status is not the dossier's status";
      }
    }
  }
  // Dossiers without any event are broken too: every dossier starts with one.
  if (!report.broken_code) {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef orphan,
        db.Prepare("SELECT d.code FROM dossiers d WHERE (?1 = '' OR d.code = ?1) AND NOT EXISTS "
                   "(SELECT 1 FROM dossier_events e WHERE e.code = d.code) LIMIT 1"));
    orphan->Bind(1, code);
    MOTCUA_ASSIGN_OR_RETURN(bool row, orphan->Step());
    if (row) {
      report.broken_code = orphan->ColumnString(0);
      report.broken_seq = 1;
      report.problem = "the dossier has no history";
    }
  }
  return report;
}

}  // namespace motcua::storage
