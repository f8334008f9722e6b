// File: services/catalog/catalog_data.h
// Parses the catalogue's data files (procedures, divisions, units; formats in data/demo/) into
// domain types and validates them as a whole. Pure: the caller reads the files.
#ifndef MOTCUA_SERVICES_CATALOG_CATALOG_DATA_H_
#define MOTCUA_SERVICES_CATALOG_CATALOG_DATA_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "services/catalog/administrative_unit.h"
#include "services/catalog/procedure.h"

namespace motcua::catalog {

// Everything one import writes, all or nothing.
struct CatalogData {
  std::vector<Division> divisions;
  std::vector<AdministrativeUnit> units;
  std::vector<Procedure> procedures;
};

// Parses a procedures file (`where` names it in errors). Every error names the line and column:
// a malformed code, an unknown level or unit, a negative fee, step budgets that do not add up to
// the time limit, a duplicated code.
absl::StatusOr<std::vector<Procedure>> ParseProcedures(absl::string_view text, std::string where);

// One row of divisions.tsv: the division and the file that holds its units.
struct DivisionFile {
  Division division;
  std::string file;
};
absl::StatusOr<std::vector<DivisionFile>> ParseDivisions(absl::string_view text, std::string where);

// Parses the units of `division`. A unit's parent must be in the same file; the division has two
// tiers when no unit is of district type.
absl::StatusOr<std::vector<AdministrativeUnit>> ParseUnits(absl::string_view text,
                                                           std::string where,
                                                           const std::string& division);

// Parses "YYYY-MM-DD".
absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text);

}  // namespace motcua::catalog

#endif  // MOTCUA_SERVICES_CATALOG_CATALOG_DATA_H_
