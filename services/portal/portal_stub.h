// File: services/portal/portal_stub.h
// PortalStub: one method per national-portal (DVCQG) operation, each returning absl::Status(Or).
// Implementations: HttpPortalStub (the wire), and the decorators RetryingPortalStub (backoff
// with jitter) and ThrottledPortalStub (bounded concurrency and rate). PortalClient keeps the
// session on top of them. Errors, for every method and implementation:
//   kUnavailable / kDeadlineExceeded  the portal is down, slow, busy or answered garbage: retry;
//   kUnauthenticated                  the session expired or is unknown: log in again;
//   kPermissionDenied                 the credentials are wrong;
//   kInvalidArgument                  the portal rejected the data (the message names the field):
//                                     sending it again will not help;
//   kAlreadyExists / kNotFound        add of a dossier the portal holds / update of one it lacks;
//   kFailedPrecondition               misconfiguration (wrong URL path, refused request).
#ifndef MOTCUA_SERVICES_PORTAL_PORTAL_STUB_H_
#define MOTCUA_SERVICES_PORTAL_PORTAL_STUB_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace motcua::portal {

struct Credentials {
  std::string username;
  std::string password;
};

// One DongBoHoSoMC item (BuildDossierRecord): the dossier as of its events 1..version.
struct DossierRecord {
  std::string code;
  int64_t version = 0;
  nlohmann::json json;
};

// One CapNhatTienDoHoSoMC item (BuildProgressEntry): history entry `seq` of dossier `code`.
struct ProgressEntry {
  std::string code;
  int64_t seq = 0;
  nlohmann::json json;
};

// What TraCuuHoSo says the portal holds for one dossier.
struct PortalDossier {
  std::string code;
  int status = 0;  // TrangThaiHoSo 1..10
  int64_t version = 0;
  // The IdempotencyKey of each history entry, in the order the portal stored them.
  std::vector<std::string> history_keys;
};

// Thread-safe in every implementation.
class PortalStub {
 public:
  virtual ~PortalStub() = default;

  // POST the credentials; returns the session.
  virtual absl::StatusOr<std::string> Login(const Credentials& credentials) = 0;
  // DongBoHoSoMC with isUpdating "True" (update) or "False" (add).
  virtual absl::Status SyncDossier(const std::string& session, const DossierRecord& record,
                                   bool is_updating) = 0;
  // CapNhatTienDoHoSoMC: one batch, all or nothing.
  virtual absl::Status UpdateProgress(const std::string& session,
                                      const std::vector<ProgressEntry>& entries) = 0;
  // TraCuuHoSo: nullopt when the portal does not hold the dossier.
  virtual absl::StatusOr<std::optional<PortalDossier>> LookupDossier(const std::string& session,
                                                                     absl::string_view code) = 0;
  // Any other data service, read or idempotent ({service, data, isUpdating "False"}): the whole
  // answer once AnswerStatus is OK. Used for the portal-to-province direction: LayDanhSachTTHC,
  // LayThuTuc, and the online-dossier pull and its acknowledgement (dvcqg_online.h).
  virtual absl::StatusOr<nlohmann::json> Query(const std::string& session,
                                               absl::string_view service,
                                               const nlohmann::json& data) = 0;
};

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_PORTAL_STUB_H_
