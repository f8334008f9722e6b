#include "services/portal_sync/catalog_refresh.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/log.h"

namespace motcua::portal_sync {
namespace {

absl::Status Unchanged(const absl::Status& s, absl::string_view where) {
  return absl::Status(s.code(),
                      absl::StrCat(where, ": ", s.message(), "; the catalogue is unchanged"));
}

}  // namespace

absl::StatusOr<catalog_import::PortalCatalogSummary> RefreshCatalog(
    storage::Store& store, portal::PortalClient& portal, const Clock& clock,
    const CatalogRefreshOptions& options) {
  auto list = portal.Query(options.list_service, nlohmann::json::object());
  if (!list.ok()) return Unchanged(list.status(), options.list_service);
  auto codes = portal::ParseProcedureList(*list);
  if (!codes.ok()) return Unchanged(codes.status(), options.list_service);
  std::vector<portal::PortalProcedure> procedures;
  for (const auto& code : *codes) {
    const std::string where = absl::StrCat(options.detail_service, " ", code);
    auto answer = portal.Query(options.detail_service, nlohmann::json{{"MATTHC", code}});
    if (!answer.ok()) return Unchanged(answer.status(), where);
    auto record = portal::ParseProcedureRecord(*answer, code);
    if (!record.ok()) return Unchanged(record.status(), where);
    procedures.push_back(*std::move(record));
  }
  auto summary = catalog_import::ApplyPortalCatalog(store, procedures, options.source, clock);
  if (!summary.ok()) return Unchanged(summary.status(), "writing the catalogue");
  for (const auto& [code, why] : summary->skipped) {
    LogWarning("catalog", "portal procedure skipped", {{"code", code}, {"reason", why}});
  }
  LogInfo("catalog", "catalogue refreshed from the portal",
          {{"listed", absl::StrCat(summary->listed)},
           {"changed", absl::StrJoin(summary->changed, ",")},
           {"added", absl::StrJoin(summary->added, ",")}});
  return summary;
}

std::string CatalogSummaryText(const catalog_import::PortalCatalogSummary& s) {
  std::string out = absl::StrCat("catalogue: ", s.listed, " procedure(s) on the portal, ",
                                 s.changed.size(), " new version(s)");
  if (!s.changed.empty()) absl::StrAppend(&out, " (", absl::StrJoin(s.changed, ", "), ")");
  absl::StrAppend(&out, ", ", s.added.size(), " new procedure(s)");
  if (!s.added.empty()) absl::StrAppend(&out, " (", absl::StrJoin(s.added, ", "), ")");
  absl::StrAppend(&out, ", ", s.unchanged, " unchanged");
  if (s.skipped.empty()) {
    absl::StrAppend(&out, "\n");
  } else {
    absl::StrAppend(&out, ", ", s.skipped.size(), " skipped:\n");
    for (const auto& [code, why] : s.skipped) absl::StrAppend(&out, "  ", code, ": ", why, "\n");
  }
  return out;
}

}  // namespace motcua::portal_sync
