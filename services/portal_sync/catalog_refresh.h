// File: services/portal_sync/catalog_refresh.h
// Refreshes the node's procedure catalogue from the national portal: LayDanhSachTTHC for the
// list, LayThuTuc for each procedure, then one new catalogue version per changed procedure
// (services/catalog_import/portal_catalog.h), written in one transaction. Everything is fetched
// and parsed before anything is written: a malformed answer or a failing portal changes nothing.
// Dossiers keep the version they were received under.
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_CATALOG_REFRESH_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_CATALOG_REFRESH_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/catalog_import/portal_catalog.h"
#include "services/common/clock.h"
#include "services/portal/dvcqg_catalog.h"
#include "services/portal/portal_client.h"
#include "storage/store.h"

namespace motcua::portal_sync {

struct CatalogRefreshOptions {
  std::string list_service = portal::kListProceduresService;
  std::string detail_service = portal::kGetProcedureService;
  // Recorded as the source of each new version and of the import (e.g. the portal URL).
  std::string source = "DVCQG";
};

// Errors name the service, procedure and field, and end with "; the catalogue is unchanged".
absl::StatusOr<catalog_import::PortalCatalogSummary> RefreshCatalog(
    storage::Store& store, portal::PortalClient& portal, const Clock& clock,
    const CatalogRefreshOptions& options);

// "catalogue: 33 procedure(s) on the portal, 1 new version (1.004837 v2), 0 new, 32 unchanged".
std::string CatalogSummaryText(const catalog_import::PortalCatalogSummary& summary);

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_CATALOG_REFRESH_H_
