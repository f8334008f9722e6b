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

// Version 2: dossiers, their supplement rounds, papers and fees, the per-agency daily sequence
// behind dossier codes, and the hash-chained event log.
constexpr char kSchemaV2[] = R"sql(
CREATE TABLE dossier_sequences (
  agency TEXT NOT NULL,
  day TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (agency, day)
) WITHOUT ROWID;
CREATE TABLE dossiers (
  code TEXT PRIMARY KEY,
  procedure_code TEXT NOT NULL,
  procedure_version INTEGER NOT NULL,
  procedure_name TEXT NOT NULL,
  channel INTEGER NOT NULL,
  status INTEGER NOT NULL,
  step INTEGER NOT NULL,
  resume_step INTEGER NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_id TEXT NOT NULL,
  applicant_phone TEXT NOT NULL,
  applicant_email TEXT NOT NULL,
  applicant_address TEXT NOT NULL,
  summary TEXT NOT NULL,
  submitted_by TEXT NOT NULL,
  receiving_unit TEXT NOT NULL,
  competent_unit TEXT NOT NULL,
  support_unit TEXT NOT NULL,
  submitted_time INTEGER NOT NULL,
  received_time INTEGER,
  transfer_time INTEGER,
  due_time INTEGER,
  original_due_time INTEGER,
  scoring_due_time INTEGER,
  calendar_version TEXT NOT NULL,
  extended INTEGER NOT NULL,
  extension_reason TEXT NOT NULL,
  assignee TEXT NOT NULL,
  paid_time INTEGER,
  handling_end_time INTEGER,
  returned_time INTEGER,
  delivery INTEGER NOT NULL,
  decision_note TEXT NOT NULL,
  request_id TEXT,
  revision INTEGER NOT NULL,
  rating INTEGER NOT NULL DEFAULT 0,
  due_key INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE UNIQUE INDEX dossiers_by_request ON dossiers(request_id) WHERE request_id IS NOT NULL;
-- Worklists read one ordered index range per (unit, status, step) queue and merge them, so a page
-- costs the page, not the size of the backlog (storage/dossier_store.cc ListDossiers).
CREATE INDEX dossiers_receiving_queue ON dossiers(receiving_unit, status, step, due_key, code);
CREATE INDEX dossiers_competent_queue ON dossiers(competent_unit, status, step, due_key, code);
CREATE INDEX dossiers_assignee_queue ON dossiers(assignee, status, step, due_key, code);
CREATE INDEX dossiers_receiving_due ON dossiers(receiving_unit, due_key, code);
CREATE INDEX dossiers_competent_due ON dossiers(competent_unit, due_key, code);
CREATE INDEX dossiers_support_due ON dossiers(support_unit, due_key, code);
CREATE INDEX dossiers_owner_due ON dossiers(applicant_id, due_key, code);
CREATE INDEX dossiers_due ON dossiers(due_key, code);
CREATE INDEX dossiers_by_received ON dossiers(received_time);
CREATE TABLE dossier_supplements (
  code TEXT NOT NULL REFERENCES dossiers(code),
  round INTEGER NOT NULL,
  requested_time INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  content TEXT NOT NULL,
  requested_late INTEGER NOT NULL,
  completed_time INTEGER,
  previous_due INTEGER NOT NULL,
  new_due INTEGER,
  PRIMARY KEY (code, round)
) WITHOUT ROWID;
CREATE TABLE dossier_attachments (
  code TEXT NOT NULL REFERENCES dossiers(code),
  ordinal INTEGER NOT NULL,
  component_code TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  PRIMARY KEY (code, ordinal)
) WITHOUT ROWID;
CREATE TABLE dossier_fees (
  code TEXT NOT NULL REFERENCES dossiers(code),
  ordinal INTEGER NOT NULL,
  fee_code TEXT NOT NULL,
  name TEXT NOT NULL,
  amount_vnd INTEGER NOT NULL,
  PRIMARY KEY (code, ordinal)
) WITHOUT ROWID;
CREATE TABLE dossier_events (
  code TEXT NOT NULL REFERENCES dossiers(code),
  seq INTEGER NOT NULL,
  time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role INTEGER NOT NULL,
  unit TEXT NOT NULL,
  action TEXT NOT NULL,
  status_after INTEGER NOT NULL,
  reason TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (code, seq)
) WITHOUT ROWID;
-- The log is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
  BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
  BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
)sql";

// Version 3: users who sign in, with PBKDF2 password hashes.
constexpr char kSchemaV3[] = R"sql(
CREATE TABLE users (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role INTEGER NOT NULL,
  units TEXT NOT NULL,
  citizen_id TEXT NOT NULL,
  password_salt TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  iterations INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 4: announced holiday schedules put in force by admins, newest last.
constexpr char kSchemaV4[] = R"sql(
CREATE TABLE calendar_schedules (
  id INTEGER PRIMARY KEY,
  version TEXT NOT NULL,
  schedule_text TEXT NOT NULL,
  source TEXT NOT NULL,
  created_time INTEGER NOT NULL
);
)sql";

// Version 5: the outbox towards the national portal (DVCQG). Every dossier event adds one row in
// the same transaction (storage/event_log.cc), so nothing acknowledged can miss the portal.
constexpr char kSchemaV5[] = R"sql(
CREATE TABLE sync_outbox (
  id INTEGER PRIMARY KEY,
  dossier_code TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  created_time INTEGER NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_time INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  synced_time INTEGER,
  UNIQUE (dossier_code, event_seq)
);
CREATE INDEX sync_outbox_by_state ON sync_outbox(state, id);
)sql";

// Version 6: same-level liên thông consultations, one row per consulted unit. Worklists read the
// open ones per consulted unit (the unit's queue) and the late ones per deadline (the one-stop
// head's list); both indexes are partial, over open rows only, so answered history costs nothing.
constexpr char kSchemaV6[] = R"sql(
CREATE TABLE dossier_consultations (
  code TEXT NOT NULL REFERENCES dossiers(code),
  number INTEGER NOT NULL,
  unit TEXT NOT NULL,
  lead_unit TEXT NOT NULL,
  question TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_time INTEGER NOT NULL,
  due_time INTEGER NOT NULL,
  answer TEXT NOT NULL,
  answered_by TEXT NOT NULL,
  answered_time INTEGER,
  agreed INTEGER NOT NULL,
  PRIMARY KEY (code, number)
) WITHOUT ROWID;
CREATE INDEX dossier_consultations_open_by_unit ON dossier_consultations(unit, due_time, code)
  WHERE answered_time IS NULL;
CREATE INDEX dossier_consultations_open_by_due ON dossier_consultations(due_time, code)
  WHERE answered_time IS NULL;
)sql";

// Version 7: where each process step is done (catalog::StepUnit); 0 for steps stored before,
// read as their role's default.
constexpr char kSchemaV7[] = R"sql(
ALTER TABLE procedure_steps ADD COLUMN unit INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 8: liên thông across nodes. A dossier records which node holds it now and which keeps
// its appointment; hand-offs leave through an outbox written in the transaction of the dossier
// change and arrive through an inbox whose key drops duplicates. The outbox keeps a partial index
// over undelivered rows per next hop, so a long-delivered history costs the sender nothing.
constexpr char kSchemaV8[] = R"sql(
ALTER TABLE dossiers ADD COLUMN held_by TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN home_node TEXT NOT NULL DEFAULT '';
CREATE TABLE handoff_outbox (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL,
  dossier_code TEXT NOT NULL,
  origin_node TEXT NOT NULL,
  destination_node TEXT NOT NULL,
  next_hop TEXT NOT NULL,
  from_unit TEXT NOT NULL,
  to_unit TEXT NOT NULL,
  send_time INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  payload BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_time INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  refused INTEGER NOT NULL DEFAULT 0,
  delivered_time INTEGER,
  receive_time INTEGER
);
CREATE INDEX handoff_outbox_pending ON handoff_outbox(next_hop, id) WHERE delivered_time IS NULL;
CREATE INDEX handoff_outbox_by_dossier ON handoff_outbox(dossier_code, id);
CREATE TABLE handoff_inbox (
  key TEXT PRIMARY KEY,
  kind INTEGER NOT NULL,
  dossier_code TEXT NOT NULL,
  origin_node TEXT NOT NULL,
  destination_node TEXT NOT NULL,
  peer_node TEXT NOT NULL,
  from_unit TEXT NOT NULL,
  to_unit TEXT NOT NULL,
  send_time INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  receive_time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX handoff_inbox_by_dossier ON handoff_inbox(dossier_code, receive_time);
)sql";

}  // namespace

const std::vector<Migration>& SchemaMigrations() {
  static const auto* migrations = new std::vector<Migration>{
      {1, "catalogue: divisions, units, versioned procedures", kSchemaV1},
      {2, "dossiers, supplements, papers, fees, codes, hash-chained events", kSchemaV2},
      {3, "users", kSchemaV3},
      {4, "announced calendar schedules", kSchemaV4},
      {5, "national-portal sync outbox", kSchemaV5},
      {6, "same-level liên thông consultations", kSchemaV6},
      {7, "the unit of each process step", kSchemaV7},
      {8, "liên thông across nodes: hand-off outbox and inbox", kSchemaV8},
  };
  return *migrations;
}

int LatestSchemaVersion() { return SchemaMigrations().back().version; }

absl::Status Migrate(Database& db) { return Migrate(db, SchemaMigrations()); }

absl::Status Migrate(Database& db, const std::vector<Migration>& migrations) {
  MOTCUA_ASSIGN_OR_RETURN(int64_t current, db.QueryInt("PRAGMA user_version"));
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", db.path(), " has schema version ", current,
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
