#include "storage/handoff_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace motcua::storage {
namespace {

int64_t Secs(absl::Time t) { return absl::ToUnixSeconds(t); }
absl::Time FromSecs(int64_t s) { return absl::FromUnixSeconds(s); }
std::optional<absl::Time> OptionalTime(const Statement& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return FromSecs(st.ColumnInt64(col));
}

constexpr char kHeaderColumns[] =
    "key, kind, dossier_code, origin_node, destination_node, from_unit, to_unit, send_time, "
    "deadline";

// Reads kHeaderColumns starting at column 0.
HandoffHeader ReadHeader(const Statement& st) {
  HandoffHeader h;
  h.key = st.ColumnString(0);
  h.kind = static_cast<HandoffKind>(st.ColumnInt64(1));
  h.dossier_code = st.ColumnString(2);
  h.origin_node = st.ColumnString(3);
  h.destination_node = st.ColumnString(4);
  h.from_unit = st.ColumnString(5);
  h.to_unit = st.ColumnString(6);
  h.send_time = FromSecs(st.ColumnInt64(7));
  h.deadline = FromSecs(st.ColumnInt64(8));
  return h;
}

// Binds kHeaderColumns to ?1..?9.
void BindHeader(Statement& st, const HandoffHeader& h) {
  st.Bind(1, h.key).Bind(2, static_cast<int>(h.kind)).Bind(3, h.dossier_code);
  st.Bind(4, h.origin_node).Bind(5, h.destination_node).Bind(6, h.from_unit);
  st.Bind(7, h.to_unit).Bind(8, Secs(h.send_time)).Bind(9, Secs(h.deadline));
}

}  // namespace

absl::StatusOr<int64_t> NextHandoffId(Database& db) {
  return db.QueryInt("SELECT COALESCE(MAX(id), 0) + 1 FROM handoff_outbox");
}

absl::Status QueueHandoff(Database& db, const HandoffHeader& header, absl::string_view next_hop,
                          absl::string_view payload) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("INSERT INTO handoff_outbox(", kHeaderColumns,
                              ", next_hop, payload) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                              "?10, ?11)")));
  BindHeader(*st, header);
  st->Bind(10, next_hop).BindBlob(11, payload);
  absl::Status s = st->Run();
  if (absl::IsAlreadyExists(s)) {
    return absl::AlreadyExistsError(absl::StrCat("hand-off ", header.key, " is queued already"));
  }
  return s;
}

namespace {

constexpr char kOutboxRowColumns[] =
    ", id, next_hop, payload, attempts, next_attempt_time, last_error, refused FROM "
    "handoff_outbox ";

absl::StatusOr<std::vector<HandoffOutboxRow>> ReadOutboxRows(Statement& st) {
  std::vector<HandoffOutboxRow> out;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    HandoffOutboxRow r;
    r.header = ReadHeader(st);
    r.id = st.ColumnInt64(9);
    r.next_hop = st.ColumnString(10);
    r.payload = st.ColumnString(11);
    r.attempts = static_cast<int>(st.ColumnInt64(12));
    r.next_attempt_time = FromSecs(st.ColumnInt64(13));
    r.last_error = st.ColumnString(14);
    r.refused = st.ColumnInt64(15) != 0;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<HandoffOutboxRow>> HandoffHeads(Database& db) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("SELECT ", kHeaderColumns, kOutboxRowColumns,
                              "WHERE id IN (SELECT MIN(id) FROM handoff_outbox WHERE "
                              "delivered_time IS NULL GROUP BY next_hop) ORDER BY id")));
  return ReadOutboxRows(*st);
}

absl::StatusOr<std::vector<HandoffOutboxRow>> HandoffQueue(Database& db, absl::string_view next_hop,
                                                           int limit, absl::Time now) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat(
          "SELECT ", kHeaderColumns, kOutboxRowColumns,
          "WHERE next_hop=?1 AND delivered_time IS NULL AND dossier_code NOT IN ("
          "SELECT dossier_code FROM handoff_outbox WHERE next_hop=?1 AND delivered_time IS NULL "
          "AND refused=1 AND next_attempt_time>?3) ORDER BY id LIMIT ?2")));
  st->Bind(1, next_hop).Bind(2, limit).Bind(3, Secs(now));
  return ReadOutboxRows(*st);
}

absl::Status MarkHandoffDelivered(Database& db, int64_t id, absl::Time now,
                                  absl::Time receive_time) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("UPDATE handoff_outbox SET delivered_time=?2, receive_time=?3, last_error='', "
                 "attempts=attempts+1 "
                 "WHERE id=?1 AND delivered_time IS NULL"));
  return st->Bind(1, id).Bind(2, Secs(now)).Bind(3, Secs(receive_time)).Run();
}

absl::Status RecordHandoffFailure(Database& db, int64_t id, absl::string_view error,
                                  absl::Time next_attempt, bool refused) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("UPDATE handoff_outbox SET attempts=attempts+1, last_error=?2, "
                 "next_attempt_time=?3, refused=?4 WHERE id=?1 AND delivered_time IS NULL"));
  return st->Bind(1, id)
      .Bind(2, error.substr(0, 500))
      .Bind(3, Secs(next_attempt))
      .Bind(4, refused ? 1 : 0)
      .Run();
}

absl::StatusOr<bool> RecordInboxHandoff(Database& db, const HandoffHeader& header,
                                        absl::string_view peer_node, absl::Time receive_time) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("INSERT INTO handoff_inbox(", kHeaderColumns,
                              ", peer_node, receive_time) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                              "?9, ?10, ?11) ON CONFLICT(key) DO NOTHING")));
  BindHeader(*st, header);
  st->Bind(10, peer_node).Bind(11, Secs(receive_time));
  MOTCUA_RETURN_IF_ERROR(st->Run());
  return db.Changes() == 1;
}

absl::StatusOr<std::optional<InboxEntry>> FindInboxEntry(Database& db, absl::string_view key) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("SELECT dossier_code, kind, receive_time FROM handoff_inbox WHERE key=?1"));
  st->Bind(1, key);
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<InboxEntry>();
  return std::optional<InboxEntry>(InboxEntry{st->ColumnString(0),
                                              static_cast<HandoffKind>(st->ColumnInt64(1)),
                                              FromSecs(st->ColumnInt64(2))});
}

absl::StatusOr<std::vector<HandoffRecord>> ListHandoffs(Database& db, absl::string_view code,
                                                        int limit) {
  std::vector<HandoffRecord> out;
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare(absl::StrCat("SELECT ", kHeaderColumns,
                                ", next_hop, attempts, last_error, receive_time FROM "
                                "handoff_outbox ",
                                code.empty() ? "WHERE ?1 = '' " : "WHERE dossier_code = ?1 ",
                                "ORDER BY id DESC LIMIT ?2")));
    st->Bind(1, code).Bind(2, limit);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      HandoffRecord r;
      r.header = ReadHeader(*st);
      r.outgoing = true;
      r.next_hop = st->ColumnString(9);
      r.attempts = static_cast<int>(st->ColumnInt64(10));
      r.last_error = st->ColumnString(11);
      r.receive_time = OptionalTime(*st, 12);
      out.push_back(std::move(r));
    }
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare(absl::StrCat("SELECT ", kHeaderColumns,
                                ", peer_node, receive_time FROM handoff_inbox ",
                                code.empty() ? "WHERE ?1 = '' " : "WHERE dossier_code = ?1 ",
                                "ORDER BY receive_time DESC LIMIT ?2")));
    st->Bind(1, code).Bind(2, limit);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      HandoffRecord r;
      r.header = ReadHeader(*st);
      r.next_hop = st->ColumnString(9);
      r.receive_time = FromSecs(st->ColumnInt64(10));
      out.push_back(std::move(r));
    }
  }
  // The newest `limit` of both, then oldest first.
  std::stable_sort(out.begin(), out.end(), [](const HandoffRecord& a, const HandoffRecord& b) {
    return a.header.send_time > b.header.send_time;
  });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  std::reverse(out.begin(), out.end());
  return out;
}

absl::StatusOr<HandoffBacklog> CountUndeliveredHandoffs(Database& db) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare("SELECT COUNT(*), MIN(send_time) FROM handoff_outbox "
                                     "WHERE delivered_time IS NULL"));
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  HandoffBacklog b;
  if (row) {
    b.undelivered = st->ColumnInt64(0);
    b.oldest_send_time = OptionalTime(*st, 1);
  }
  return b;
}

}  // namespace motcua::storage
