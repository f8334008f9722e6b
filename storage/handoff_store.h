// File: storage/handoff_store.h
// Liên thông hand-offs between nodes (schema version 8). The sender queues a hand-off in its
// outbox inside the transaction of the dossier change; a delivery loop sends each next hop's rows
// strictly in id order and marks a row delivered only after the receiver's acknowledgement. The
// receiver's inbox keeps every key it has committed, so a hand-off delivered twice is applied
// once. Times are whole seconds. Reads take any connection; writes run inside a Writer work item.
#ifndef MOTCUA_STORAGE_HANDOFF_STORE_H_
#define MOTCUA_STORAGE_HANDOFF_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/dossier/dossier.h"
#include "storage/database.h"

namespace motcua::storage {

// What travels; values match motcua.v1.Handoff.Kind.
enum class HandoffKind { kTransfer = 1, kResult = 2 };

// The routing facts of a hand-off, the same in the outbox and the inbox.
struct HandoffHeader {
  std::string key;  // "<origin node>/<sequence>"
  HandoffKind kind = HandoffKind::kTransfer;
  std::string dossier_code;
  std::string origin_node;
  std::string destination_node;
  std::string from_unit;
  std::string to_unit;
  absl::Time send_time;
  absl::Time deadline;
};

struct HandoffOutboxRow {
  int64_t id = 0;
  HandoffHeader header;
  std::string next_hop;
  std::string payload;  // a serialized motcua.v1.Handoff
  int attempts = 0;
  absl::Time next_attempt_time;
  std::string last_error;
  // The peer refused it (as opposed to the link failing): only its dossier waits behind it.
  bool refused = false;
  std::optional<absl::Time> delivered_time;
  std::optional<absl::Time> receive_time;  // as the next hop reported it
};

// The next outbox id, for a new key "<origin>/<id>" (the row is inserted in the same
// transaction, so the id is the one it gets).
absl::StatusOr<int64_t> NextHandoffId(Database& db);
// Queues `header` for `next_hop`; kAlreadyExists when the key is queued already.
absl::Status QueueHandoff(Database& db, const HandoffHeader& header, absl::string_view next_hop,
                          absl::string_view payload);
// The first undelivered row of each next hop (rows behind it wait: a hop's hand-offs go in
// order), whatever their next attempt time. Oldest first. Reads every undelivered row: for
// tools and tests; the delivery loop reads HandoffQueue per hop.
absl::StatusOr<std::vector<HandoffOutboxRow>> HandoffHeads(Database& db);
// The oldest `limit` undelivered rows for `next_hop`, in order (an index range, whatever the
// backlog), leaving out the dossiers whose hand-off the peer refused and that wait at `now`.
absl::StatusOr<std::vector<HandoffOutboxRow>> HandoffQueue(Database& db, absl::string_view next_hop,
                                                           int limit, absl::Time now);
absl::Status MarkHandoffDelivered(Database& db, int64_t id, absl::Time now,
                                  absl::Time receive_time);
// Counts a failed attempt: keeps `error`, waits until `next_attempt`; `refused` when the peer
// refused it rather than the link failing.
absl::Status RecordHandoffFailure(Database& db, int64_t id, absl::string_view error,
                                  absl::Time next_attempt, bool refused = false);

// Records a received hand-off; false (and nothing written) when its key is there already.
absl::StatusOr<bool> RecordInboxHandoff(Database& db, const HandoffHeader& header,
                                        absl::string_view peer_node, absl::Time receive_time);
// What the inbox committed under `key`, if anything.
struct InboxEntry {
  std::string dossier_code;
  HandoffKind kind = HandoffKind::kTransfer;
  absl::Time receive_time;
};
absl::StatusOr<std::optional<InboxEntry>> FindInboxEntry(Database& db, absl::string_view key);

// One hand-off as this node saw it, for reports: sent from here (outbox) or received (inbox).
struct HandoffRecord {
  HandoffHeader header;
  bool outgoing = false;
  std::string next_hop;  // outgoing: where it went; incoming: the peer it came from
  int attempts = 0;
  std::string last_error;
  std::optional<absl::Time> receive_time;  // when the next node committed it
  // The unit that held it is late when the next node committed it after the deadline (or has
  // not yet and the deadline has passed at `now`).
  bool Late(absl::Time now) const {
    return receive_time ? *receive_time > header.deadline : now > header.deadline;
  }
};
// The newest `limit` hand-offs of `code` (every dossier when empty), outgoing and incoming, in
// time order.
absl::StatusOr<std::vector<HandoffRecord>> ListHandoffs(Database& db, absl::string_view code,
                                                        int limit);

struct HandoffBacklog {
  int64_t undelivered = 0;
  std::optional<absl::Time> oldest_send_time;
};
absl::StatusOr<HandoffBacklog> CountUndeliveredHandoffs(Database& db);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_HANDOFF_STORE_H_
