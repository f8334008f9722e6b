// File: services/catalog_import/catalog_import.h
// Imports a catalogue folder (divisions.tsv, the units files it names, procedures.tsv; formats
// in data/demo/) into a store: everything is read and validated first, then written in one
// writer work item, so an import is all or nothing — also when the process dies half-way.
#ifndef MOTCUA_SERVICES_CATALOG_IMPORT_CATALOG_IMPORT_H_
#define MOTCUA_SERVICES_CATALOG_IMPORT_CATALOG_IMPORT_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/catalog/catalog_data.h"
#include "services/common/clock.h"
#include "storage/catalog_store.h"
#include "storage/store.h"

namespace motcua::catalog_import {

// Reads and validates the folder. Errors name the file, line and column.
absl::StatusOr<catalog::CatalogData> ReadCatalogDir(const std::string& dir);

// Reads the whole file; kNotFound / kUnavailable with the path on failure.
absl::StatusOr<std::string> ReadFile(const std::string& path);

using Progress = std::function<void(absl::string_view)>;

// Reads `dir` and writes it to `store`. `progress` (optional) receives one line per phase.
absl::StatusOr<storage::ImportSummary> ImportCatalogDir(storage::Store& store,
                                                        const std::string& dir,
                                                        const Clock& clock,
                                                        const Progress& progress = nullptr);

}  // namespace motcua::catalog_import

#endif  // MOTCUA_SERVICES_CATALOG_IMPORT_CATALOG_IMPORT_H_
