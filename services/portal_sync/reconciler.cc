#include "services/portal_sync/reconciler.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/portal/dvcqg_payload.h"
#include "storage/sync_outbox.h"

namespace motcua::portal_sync {
namespace {

// What differs between the node's dossier and the portal's; empty when they agree.
std::vector<std::string> Compare(const storage::DossierSyncState& local,
                                 const std::optional<portal::PortalDossier>& held) {
  if (!held) return {"the portal does not hold the dossier"};
  std::vector<std::string> out;
  if (held->status != local.status) {
    out.push_back(absl::StrCat("TrangThaiHoSo: node ", local.status, ", portal ", held->status));
  }
  if (held->version != local.events) {
    out.push_back(absl::StrCat("record version: node ", local.events, ", portal ", held->version));
  }
  std::set<int64_t> seen;
  int64_t last = 0;
  int64_t foreign = 0, repeated = 0;
  bool ordered = true;
  for (const auto& key : held->history_keys) {
    auto parsed = portal::ParseKey(key);
    if (!parsed.ok() || parsed->is_record || parsed->code != local.code ||
        parsed->number > local.events) {
      ++foreign;
      continue;
    }
    if (!seen.insert(parsed->number).second) ++repeated;
    if (parsed->number < last) ordered = false;
    last = parsed->number;
  }
  const int64_t missing = local.events - static_cast<int64_t>(seen.size());
  if (missing > 0) {
    out.push_back(
        absl::StrCat("history: the portal lacks ", missing, " of ", local.events, " entries"));
  }
  if (foreign > 0)
    out.push_back(absl::StrCat("history: ", foreign, " entries unknown to the node"));
  if (repeated > 0) out.push_back(absl::StrCat("history: ", repeated, " entries held twice"));
  if (!ordered) out.push_back("history: entries out of event order");
  return out;
}

}  // namespace

absl::StatusOr<ReconcileReport> Reconcile(storage::Store& store, portal::PortalClient& portal,
                                          const ReconcileOptions& options) {
  ReconcileReport report;
  std::string after;
  while (true) {
    std::vector<storage::DossierSyncState> page;
    {
      auto db = store.Read();
      MOTCUA_ASSIGN_OR_RETURN(page, storage::ListDossierSyncStates(*db, after, 200));
    }
    if (page.empty()) break;
    after = page.back().code;
    for (const auto& local : page) {
      ++report.dossiers;
      if (local.unsynced_rows > 0) {
        ++report.in_flight;
        continue;
      }
      ++report.compared;
      MOTCUA_ASSIGN_OR_RETURN(std::optional<portal::PortalDossier> held,
                              portal.LookupDossier(local.code));
      std::vector<std::string> what = Compare(local, held);
      if (what.empty()) {
        ++report.matching;
        continue;
      }
      std::string text = absl::StrJoin(what, "; ");
      LogWarning("sync.reconcile", "the portal differs", {{"dossier", local.code}, {"what", text}});
      report.differences.push_back({local.code, text});
      if (options.repair) {
        int requeued = 0;
        MOTCUA_RETURN_IF_ERROR(store.writer().Write([&](storage::Database& db) {
          MOTCUA_ASSIGN_OR_RETURN(requeued, storage::RequeueDossier(db, local.code));
          return absl::OkStatus();
        }));
        report.requeued_rows += requeued;
      }
    }
  }
  return report;
}

}  // namespace motcua::portal_sync
