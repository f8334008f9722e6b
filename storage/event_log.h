// File: storage/event_log.h
// The append-only, hash-chained history of each dossier (Phiếu kiểm soát, Mẫu 05). Each event
// holds the SHA-256 of the event before it (the first holds 64 zeros) and its own hash over that
// and its fields; SQLite triggers refuse UPDATE and DELETE. AppendEvent runs inside the writer's
// transaction, beside the state change it records.
#ifndef MOTCUA_STORAGE_EVENT_LOG_H_
#define MOTCUA_STORAGE_EVENT_LOG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/dossier/dossier.h"
#include "storage/database.h"

namespace motcua::storage {

// Fills seq, prev_hash and hash of `event`, stores it and queues it in sync_outbox for the
// national portal; returns the stored event.
absl::StatusOr<dossier::Event> AppendEvent(Database& db, dossier::Event event);
absl::StatusOr<std::vector<dossier::Event>> LoadEvents(Database& db, absl::string_view code);
// Appends events written by another node (liên thông) to the local chain of their dossier: every
// event with a seq above the local last one, each checked to link to its predecessor and to carry
// its own hash. Not queued for the national portal: the node that wrote them syncs them.
// kDataLoss naming the seq when the chain does not link; nothing is written then.
absl::Status ImportEvents(Database& db, const std::vector<dossier::Event>& events);

// The hash an event must carry, given its fields and prev_hash.
std::string EventHash(const dossier::Event& event);

struct ChainReport {
  int64_t dossiers = 0;
  int64_t events = 0;
  // The first broken link, if any: the dossier, the event's seq and what is wrong.
  std::optional<std::string> broken_code;
  int64_t broken_seq = 0;
  std::string problem;
};

// Checks every chain in the store (or one dossier when `code` is given).
absl::StatusOr<ChainReport> VerifyChains(Database& db, absl::string_view code = "");

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_EVENT_LOG_H_
