#include "services/catalog_import/catalog_import.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace motcua::catalog_import {
namespace {

std::string Join(const std::string& dir, const std::string& file) {
  return dir.empty() || dir.back() == '/' ? dir + file : dir + "/" + file;
}

}  // namespace

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return absl::UnavailableError(absl::StrCat("error while reading ", path));
  return buf.str();
}

absl::StatusOr<catalog::CatalogData> ReadCatalogDir(const std::string& dir) {
  catalog::CatalogData data;
  const std::string divisions_path = Join(dir, "divisions.tsv");
  MOTCUA_ASSIGN_OR_RETURN(std::string divisions_text, ReadFile(divisions_path));
  MOTCUA_ASSIGN_OR_RETURN(auto divisions, catalog::ParseDivisions(divisions_text, divisions_path));
  for (auto& d : divisions) {
    const std::string path = Join(dir, d.file);
    MOTCUA_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    MOTCUA_ASSIGN_OR_RETURN(auto units, catalog::ParseUnits(text, path, d.division.id));
    for (auto& u : units) data.units.push_back(std::move(u));
    data.divisions.push_back(std::move(d.division));
  }
  const std::string procedures_path = Join(dir, "procedures.tsv");
  MOTCUA_ASSIGN_OR_RETURN(std::string procedures_text, ReadFile(procedures_path));
  MOTCUA_ASSIGN_OR_RETURN(data.procedures,
                          catalog::ParseProcedures(procedures_text, procedures_path));
  return data;
}

absl::StatusOr<storage::ImportSummary> ImportCatalogDir(storage::Store& store,
                                                        const std::string& dir,
                                                        const Clock& clock,
                                                        const Progress& progress) {
  auto say = [&](absl::string_view line) {
    if (progress) progress(line);
  };
  say(absl::StrCat("reading catalogue folder ", dir));
  MOTCUA_ASSIGN_OR_RETURN(catalog::CatalogData data, ReadCatalogDir(dir));
  say(absl::StrCat("validated ", data.divisions.size(), " divisions, ", data.units.size(),
                   " units, ", data.procedures.size(), " procedures; writing in one transaction"));
  storage::ImportSummary summary;
  absl::Time now = clock.Now();
  MOTCUA_RETURN_IF_ERROR(store.writer().Write([&](storage::Database& db) -> absl::Status {
    MOTCUA_ASSIGN_OR_RETURN(summary, storage::WriteCatalog(db, data, dir, now));
    return absl::OkStatus();
  }));
  say(absl::StrCat("committed: ", summary.new_versions, " new or changed procedure versions"));
  return summary;
}

}  // namespace motcua::catalog_import
