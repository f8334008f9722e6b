// File: services/catalog_import/portal_catalog.h
// Turns the national portal's procedure records (services/portal/dvcqg_catalog.h) into catalogue
// versions. The portal's fields (name, field, time limit, fee amounts, papers, levels when given)
// replace motcua's; what the portal does not carry (English name, online level, process steps,
// fee notes, demo markers) is kept from the current version, and the step budgets are scaled to
// a changed time limit so they still add up. Written like --import-catalog: one writer work
// item, all or nothing; an unchanged procedure gets no new version.
#ifndef MOTCUA_SERVICES_CATALOG_IMPORT_PORTAL_CATALOG_H_
#define MOTCUA_SERVICES_CATALOG_IMPORT_PORTAL_CATALOG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/catalog/procedure.h"
#include "services/common/clock.h"
#include "services/portal/dvcqg_catalog.h"
#include "storage/store.h"

namespace motcua::catalog_import {

// The version `portal` describes, built on `current` (nullopt: motcua does not have the
// procedure). kFailedPrecondition for a new procedure without CAPTHUCHIEN (motcua cannot tell
// where it is carried out). `source` becomes the source of a changed procedure.
absl::StatusOr<catalog::Procedure> MergePortalProcedure(
    const std::optional<catalog::Procedure>& current, const portal::PortalProcedure& portal,
    const std::string& source, absl::CivilDay today);

struct PortalCatalogSummary {
  int listed = 0;                    // procedures the portal sent
  int unchanged = 0;                 // same content as motcua's current version
  std::vector<std::string> changed;  // "1.004837 v2": a new version of a known procedure
  std::vector<std::string> added;    // "1.099999 v1": new to motcua
  // Procedures left out, with the reason (e.g. new without CAPTHUCHIEN).
  std::vector<std::pair<std::string, std::string>> skipped;
};

// Compares `procedures` with the store and writes a new version of each changed or new one in
// one transaction. Nothing is written when nothing changed or on error.
absl::StatusOr<PortalCatalogSummary> ApplyPortalCatalog(
    storage::Store& store, const std::vector<portal::PortalProcedure>& procedures,
    const std::string& source, const Clock& clock);

}  // namespace motcua::catalog_import

#endif  // MOTCUA_SERVICES_CATALOG_IMPORT_PORTAL_CATALOG_H_
