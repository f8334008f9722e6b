// File: storage/dossier_change.h
// The one way an existing dossier changes: its row is rewritten with the revision bumped and one
// event is appended (hash-chained and queued for the national portal) in the caller's writer
// transaction. Going through here is what keeps "revision = number of events" and "last event's
// status = the dossier's status", which VerifyChains checks to detect a truncated history.
#ifndef MOTCUA_STORAGE_DOSSIER_CHANGE_H_
#define MOTCUA_STORAGE_DOSSIER_CHANGE_H_

#include "absl/status/status.h"
#include "services/dossier/dossier.h"
#include "storage/database.h"

namespace motcua::storage {

// Bumps d.revision, writes `d`, and appends `event` with its dossier code and status taken from
// `d`. Errors leave the transaction to the caller's savepoint.
absl::Status RecordChange(Database& db, dossier::Dossier& d, dossier::Event event);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_DOSSIER_CHANGE_H_
