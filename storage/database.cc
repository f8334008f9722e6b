#include "storage/database.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "storage/sqlite_status.h"

namespace motcua::storage {
namespace {

constexpr int kBusyTimeoutMs = 10000;

// Durability is the point: WAL with synchronous=FULL fsyncs the WAL on every commit, so an
// acknowledged write survives power loss; foreign keys catch broken references at the source.
constexpr char kConnectionPragmas[] =
    "PRAGMA foreign_keys=ON;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-16000;";

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, Mode mode) {
  sqlite3* handle = nullptr;
  int flags =
      SQLITE_OPEN_NOMUTEX | (mode == Mode::kReadOnly ? SQLITE_OPEN_READWRITE
                                                     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status s = absl::UnavailableError(
        absl::StrCat("cannot open database ", path, ": ", sqlite3_errstr(rc)));
    sqlite3_close(handle);
    return s;
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  std::unique_ptr<Database> db(new Database(handle, path));
  if (mode == Mode::kReadWrite) {
    // journal_mode=WAL persists in the file; set it from the writer only.
    auto journal = db->Prepare("PRAGMA journal_mode=WAL");
    if (!journal.ok()) return journal.status();
    auto row = (*journal)->Step();
    if (!row.ok()) {
      return absl::UnavailableError(
          absl::StrCat("cannot use database ", path, ": ", row.status().message()));
    }
    if ((*journal)->ColumnText(0) != "wal") {
      return absl::UnavailableError(absl::StrCat("database ", path, " cannot switch to WAL mode"));
    }
  }
  MOTCUA_RETURN_IF_ERROR(db->Exec(kConnectionPragmas));
  if (mode == Mode::kReadOnly) {
    MOTCUA_RETURN_IF_ERROR(db->Exec("PRAGMA query_only=ON;"));
  }
  return db;
}

Database::~Database() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

absl::Status Database::Exec(absl::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    absl::Status s = SqliteError(db_, rc, text);
    sqlite3_free(err);
    return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<StatementRef> Database::Prepare(absl::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) return StatementRef(it->second.get());
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* raw = owned.get();
  cache_.emplace(std::string(sql), std::move(owned));
  return StatementRef(raw);
}

absl::StatusOr<int64_t> Database::QueryInt(absl::string_view sql) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef stmt, Prepare(sql));
  MOTCUA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("no row for ", sql));
  return stmt->ColumnInt64(0);
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int Database::Changes() const { return sqlite3_changes(db_); }

}  // namespace motcua::storage
