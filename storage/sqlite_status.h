// File: storage/sqlite_status.h
// Maps SQLite result codes to absl::Status: BUSY/LOCKED → kUnavailable, CONSTRAINT →
// kAlreadyExists or kFailedPrecondition, FULL/IOERR/CANTOPEN/READONLY → kUnavailable,
// everything else → kInternal. Internal to storage/.
#ifndef MOTCUA_STORAGE_SQLITE_STATUS_H_
#define MOTCUA_STORAGE_SQLITE_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

struct sqlite3;

namespace motcua::storage {

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view context);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_SQLITE_STATUS_H_
