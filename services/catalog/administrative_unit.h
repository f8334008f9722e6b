// File: services/catalog/administrative_unit.h
// Domain types of administrative units and divisions. A Division is the set of units in force
// over one period; GSO codes are reused across divisions, so a unit is keyed by (division, code).
#ifndef MOTCUA_SERVICES_CATALOG_ADMINISTRATIVE_UNIT_H_
#define MOTCUA_SERVICES_CATALOG_ADMINISTRATIVE_UNIT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/catalog/procedure.h"

namespace motcua::catalog {

struct Division {
  std::string id;  // "2024", "2025-h1", "2025"
  std::string display_name;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
  // Output only: number of units.
  int unit_count = 0;
};

struct Predecessor {
  std::string code;
  std::string name;
  bool partial = false;
};

struct AdministrativeUnit {
  std::string division;
  std::string code;
  std::string name;
  std::string type;  // tỉnh, thành phố, thị xã, huyện, xã, phường, thị trấn
  Level level = Level::kCommune;
  std::string parent_code;  // empty for the province
  std::vector<Predecessor> formed_from;
  // Output only (filled by the store): "division/code" of the units that took this one over, and
  // the number of direct children.
  std::vector<std::string> successors;
  int child_count = 0;
};

// Maps a GSO type to its level: tỉnh → province; thành phố/thị xã/huyện → district (only in a
// three-tier division; nullopt in a two-tier one); xã/phường/thị trấn → commune.
std::optional<Level> LevelOfUnitType(absl::string_view type, bool two_tier);

}  // namespace motcua::catalog

#endif  // MOTCUA_SERVICES_CATALOG_ADMINISTRATIVE_UNIT_H_
