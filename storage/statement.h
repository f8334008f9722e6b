// File: storage/statement.h
// A prepared SQLite statement: bind by 1-based index, step, read columns. Not thread-safe; it
// belongs to the connection that prepared it.
#ifndef MOTCUA_STORAGE_STATEMENT_H_
#define MOTCUA_STORAGE_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct sqlite3;
struct sqlite3_stmt;

namespace motcua::storage {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  // Copies the text (SQLITE_TRANSIENT).
  Statement& Bind(int index, absl::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, absl::string_view(value)); }
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, absl::string_view(value));
  }
  Statement& BindNull(int index);
  Statement& BindBlob(int index, absl::string_view bytes);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Advances: true when a row is available, false when done. Any bind error is reported here.
  absl::StatusOr<bool> Step();
  // Steps to completion (for INSERT/UPDATE/DELETE).
  absl::Status Run();
  // Resets for re-execution and clears bindings.
  void Reset();

  int64_t ColumnInt64(int col) const;
  double ColumnDouble(int col) const;
  // Valid until the next Step or Reset.
  absl::string_view ColumnText(int col) const;
  std::string ColumnString(int col) const { return std::string(ColumnText(col)); }
  bool IsNull(int col) const;

 private:
  void NoteBindError(int rc, int index);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  absl::Status bind_status_;
};

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_STATEMENT_H_
