// File: services/portal_sync/dossier_puller.h
// Pulls the dossiers citizens submitted on the national portal into the node (services/portal/
// dvcqg_online.h): page by page, each record becomes an online dossier in status 1 through
// DossierEngine::Create with request_id "dvcqg:<MaHoSo>", so a pull repeated, or resumed after a
// crash, finds the dossier it made before instead of making another; the portal's code stays on
// the dossier as its request_id. Then the page is acknowledged to the portal. A record that is
// malformed or that the engine refuses (unknown procedure or unit, missing papers) is skipped
// with its reason and is not acknowledged; nothing of it is written. A failure of the portal or
// the store stops the pull (what was created stays; the next pull goes on). Thread-compatible:
// one PullOnce at a time.
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_DOSSIER_PULLER_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_DOSSIER_PULLER_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/dossier_service/dossier_engine.h"
#include "services/portal/dvcqg_online.h"
#include "services/portal/portal_client.h"
#include "storage/store.h"

namespace motcua::portal_sync {

struct DossierPullOptions {
  std::string list_service = portal::kListOnlineService;
  std::string ack_service = portal::kAckOnlineService;
  int page_size = 50;
  int max_pages = 1000;  // per pull
  // The user the pulled dossiers are submitted by (a sync-role actor).
  std::string actor = "sync";
};

struct DossierPullSummary {
  int listed = 0;   // records the portal sent
  int pulled = 0;   // new dossiers, status 1
  int already = 0;  // pulled before (acknowledged again)
  // (portal code, or "record N" when it has none; reason)
  std::vector<std::pair<std::string, std::string>> skipped;
  // (portal code, motcua code) of the new dossiers.
  std::vector<std::pair<std::string, std::string>> created;
  // Set when an acknowledgement failed: the portal lists those dossiers again next time, and the
  // next pull acknowledges them without creating anything.
  std::string ack_error;

  // "pulled 2 dossier(s) from the portal (1 already here), 1 skipped:\n  CODE: reason\n".
  std::string Text() const;
};

class DossierPuller {
 public:
  // All must outlive the puller.
  DossierPuller(dossier_service::DossierEngine& engine, storage::Store& store,
                portal::PortalClient& portal, DossierPullOptions options);

  // One pull of every page. Errors: the portal's (portal_stub.h) or the store's.
  absl::StatusOr<DossierPullSummary> PullOnce();

 private:
  enum class Result { kCreated, kAlready, kSkipped };
  // Brings one record in; kSkipped fills `reason`. An error stops the pull.
  absl::StatusOr<Result> PullOne(const portal::OnlineDossier& d, std::string* motcua_code,
                                 std::string* reason);

  dossier_service::DossierEngine& engine_;
  storage::Store& store_;
  portal::PortalClient& portal_;
  const DossierPullOptions options_;
  // Bad records already logged as warnings (later pulls log them at debug level).
  std::set<std::string> warned_;
};

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_DOSSIER_PULLER_H_
