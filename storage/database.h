// File: storage/database.h
// One SQLite connection with motcua's settings: WAL, synchronous=FULL, foreign keys on, a busy
// timeout, and a cache of prepared statements keyed by their SQL text. Not thread-safe: one
// connection belongs to one thread at a time (the writer thread, or a ReadPool lease).
#ifndef MOTCUA_STORAGE_DATABASE_H_
#define MOTCUA_STORAGE_DATABASE_H_

#include <memory>
#include <string>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/statement.h"

struct sqlite3;

namespace motcua::storage {

// A cached statement in use; resets it (and so ends any read it holds open) when it goes away.
class StatementRef {
 public:
  explicit StatementRef(Statement* stmt) : stmt_(stmt) {}
  StatementRef(StatementRef&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  StatementRef(const StatementRef&) = delete;
  StatementRef& operator=(const StatementRef&) = delete;
  ~StatementRef() {
    if (stmt_ != nullptr) stmt_->Reset();
  }
  Statement* operator->() const { return stmt_; }
  Statement& operator*() const { return *stmt_; }

 private:
  Statement* stmt_;
};

class Database {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating it in kReadWrite mode) the file at `path`. kUnavailable with the path when
  // the file cannot be opened or the folder is not writable.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results.
  absl::Status Exec(absl::string_view sql);
  // Returns the cached statement for `sql`, preparing it on first use.
  absl::StatusOr<StatementRef> Prepare(absl::string_view sql);
  // The first column of the first row of `sql`, as an integer.
  absl::StatusOr<int64_t> QueryInt(absl::string_view sql);

  int64_t LastInsertRowId() const;
  int Changes() const;
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_DATABASE_H_
