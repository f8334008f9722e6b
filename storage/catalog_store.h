// File: storage/catalog_store.h
// The catalogue tables: divisions, units and versioned procedures. WriteCatalog runs inside a
// Writer work item (so one import is one savepoint: all or nothing); the readers take any
// connection. A procedure whose content changed gets a new version; old versions stay readable,
// so a dossier keeps the version it was received under.
#ifndef MOTCUA_STORAGE_CATALOG_STORE_H_
#define MOTCUA_STORAGE_CATALOG_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/catalog/administrative_unit.h"
#include "services/catalog/catalog_data.h"
#include "services/catalog/procedure.h"
#include "storage/database.h"

namespace motcua::storage {

struct ImportSummary {
  int divisions = 0;
  int units = 0;
  int procedures = 0;
  // Procedures that were new or changed.
  int new_versions = 0;
};

// Writes divisions and units (replacing those of the same division) and procedures (a new
// version where the content differs from the current one).
absl::StatusOr<ImportSummary> WriteCatalog(Database& db, const catalog::CatalogData& data,
                                           absl::string_view source, absl::Time now);

struct ProcedureQuery {
  std::optional<catalog::Level> level;
  std::optional<catalog::OnlineLevel> online_level;
  std::string field_code;
  // Folded words (FoldVietnamese) that must all occur in the code or name.
  std::vector<std::string> terms;
  // Keyset pagination: only codes after this one.
  std::string after_code;
  int limit = 50;
};

struct ProcedurePage {
  std::vector<catalog::Procedure> procedures;
  int total = 0;
  bool more = false;
};

absl::StatusOr<ProcedurePage> ListProcedures(Database& db, const ProcedureQuery& query);
// The current version, or `version` when given. kNotFound when absent.
absl::StatusOr<catalog::Procedure> GetProcedure(Database& db, absl::string_view code,
                                                std::optional<int> version = std::nullopt);

// Ordered by valid_from.
absl::StatusOr<std::vector<catalog::Division>> ListDivisions(Database& db);
// The division in force on `day` (the latest one starting on or before it).
absl::StatusOr<catalog::Division> DivisionOn(Database& db, absl::CivilDay day);

absl::StatusOr<catalog::AdministrativeUnit> GetUnit(Database& db, absl::string_view division,
                                                    absl::string_view code);

struct UnitQuery {
  std::string division;
  std::string parent_code;  // only children of this unit
  std::optional<catalog::Level> level;
  std::vector<std::string> terms;
  std::string after_code;
  int limit = 50;
};

struct UnitPage {
  std::vector<catalog::AdministrativeUnit> units;
  int total = 0;
  bool more = false;
};

absl::StatusOr<UnitPage> ListUnits(Database& db, const UnitQuery& query);

// One predecessor → successor link of a division's formed_from (the units it merged).
struct UnitSuccession {
  std::string predecessor_code;
  std::string predecessor_name;
  std::string successor_code;
  std::string successor_name;
  bool partial = false;  // the predecessor was split between several units
};
// Every link of `division` whose predecessor is another unit, by predecessor code;
// kNotFound for an unknown division.
absl::StatusOr<std::vector<UnitSuccession>> ListUnitSuccessions(Database& db,
                                                                absl::string_view division);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_CATALOG_STORE_H_
