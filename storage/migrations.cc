#include "storage/migrations.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "storage/transaction.h"

namespace motcua::storage {
namespace {

// Version 1: the catalogue (divisions, units, versioned procedures with their papers, steps and
// fees). Later versions append; never edit a released one.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE divisions (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE TABLE units (
  division TEXT NOT NULL REFERENCES divisions(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  search_name TEXT NOT NULL,
  type TEXT NOT NULL,
  level INTEGER NOT NULL,
  parent_code TEXT,
  PRIMARY KEY (division, code)
) WITHOUT ROWID;
CREATE INDEX units_by_parent ON units(division, parent_code);
CREATE TABLE unit_predecessors (
  division TEXT NOT NULL,
  code TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  predecessor_code TEXT NOT NULL,
  predecessor_name TEXT NOT NULL,
  partial INTEGER NOT NULL,
  PRIMARY KEY (division, code, ordinal),
  FOREIGN KEY (division, code) REFERENCES units(division, code) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX unit_predecessors_by_code ON unit_predecessors(predecessor_code);
CREATE TABLE procedures (
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  is_current INTEGER NOT NULL,
  name TEXT NOT NULL,
  english_name TEXT NOT NULL,
  search_text TEXT NOT NULL,
  field_code TEXT NOT NULL,
  field_name TEXT NOT NULL,
  levels INTEGER NOT NULL,
  online_level INTEGER NOT NULL,
  time_value REAL NOT NULL,
  time_unit INTEGER NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  source_uri TEXT NOT NULL,
  demo_fields TEXT NOT NULL,
  canonical TEXT NOT NULL,
  PRIMARY KEY (code, version)
) WITHOUT ROWID;
CREATE INDEX procedures_current ON procedures(is_current, code);
CREATE TABLE procedure_components (
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  component_code TEXT NOT NULL,
  name TEXT NOT NULL,
  required INTEGER NOT NULL,
  copies INTEGER NOT NULL,
  PRIMARY KEY (code, version, ordinal),
  FOREIGN KEY (code, version) REFERENCES procedures(code, version)
) WITHOUT ROWID;
CREATE TABLE procedure_steps (
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  role INTEGER NOT NULL,
  budget_hours REAL NOT NULL,
  PRIMARY KEY (code, version, ordinal),
  FOREIGN KEY (code, version) REFERENCES procedures(code, version)
) WITHOUT ROWID;
CREATE TABLE procedure_fees (
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  fee_code TEXT NOT NULL,
  name TEXT NOT NULL,
  amount_vnd INTEGER NOT NULL,
  per TEXT NOT NULL,
  note TEXT NOT NULL,
  set_by_province INTEGER NOT NULL,
  PRIMARY KEY (code, version, ordinal),
  FOREIGN KEY (code, version) REFERENCES procedures(code, version)
) WITHOUT ROWID;
CREATE TABLE catalog_imports (
  id INTEGER PRIMARY KEY,
  import_time TEXT NOT NULL,
  source TEXT NOT NULL,
  procedures INTEGER NOT NULL,
  units INTEGER NOT NULL,
  new_versions INTEGER NOT NULL
);
)sql";

}  // namespace

const std::vector<Migration>& SchemaMigrations() {
  static const auto* migrations = new std::vector<Migration>{
      {1, "catalogue: divisions, units, versioned procedures", kSchemaV1},
  };
  return *migrations;
}

int LatestSchemaVersion() { return SchemaMigrations().back().version; }

absl::Status Migrate(Database& db) { return Migrate(db, SchemaMigrations()); }

absl::Status Migrate(Database& db, const std::vector<Migration>& migrations) {
  MOTCUA_ASSIGN_OR_RETURN(int64_t current, db.QueryInt("PRAGMA user_version"));
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database ", db.path(), " has schema version ", current,
        ", newer than this binary understands (", latest,
        "); run a newer motcuad or restore a backup made by this version"));
  }
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    MOTCUA_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(db));
    MOTCUA_RETURN_IF_ERROR(db.Exec(m.sql));
    MOTCUA_RETURN_IF_ERROR(db.Exec(absl::StrCat("PRAGMA user_version=", m.version)));
    MOTCUA_RETURN_IF_ERROR(tx.Commit());
    LogInfo("storage.migrate", "applied schema migration",
            {{"version", absl::StrCat(m.version)}, {"what", std::string(m.description)}});
  }
  return absl::OkStatus();
}

}  // namespace motcua::storage
