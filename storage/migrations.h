// File: storage/migrations.h
// Schema versions keyed by PRAGMA user_version. Migrate() applies every pending version, each in
// its own transaction, so a newer binary upgrades an older file; a file newer than this binary
// knows is refused with kFailedPrecondition and left untouched.
#ifndef MOTCUA_STORAGE_MIGRATIONS_H_
#define MOTCUA_STORAGE_MIGRATIONS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "storage/database.h"

namespace motcua::storage {

struct Migration {
  int version;
  absl::string_view description;
  absl::string_view sql;
};

// The migrations of this binary, in order, versions 1..N.
const std::vector<Migration>& SchemaMigrations();
int LatestSchemaVersion();

// Applies `migrations` (defaults to SchemaMigrations()) to `db`.
absl::Status Migrate(Database& db);
absl::Status Migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_MIGRATIONS_H_
