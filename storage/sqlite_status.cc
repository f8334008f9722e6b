#include "storage/sqlite_status.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"

namespace motcua::storage {

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view context) {
  std::string message = absl::StrCat("sqlite: ", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (!context.empty()) {
    absl::StrAppend(&message, " [", context.substr(0, 120), "]");
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return absl::UnavailableError(message);
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) {
        return absl::AlreadyExistsError(message);
      }
      return absl::FailedPreconditionError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace motcua::storage
