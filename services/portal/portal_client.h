// File: services/portal/portal_client.h
// PortalClient: the national portal as the sync job uses it. It logs in on first use, keeps the
// session, and when a call says the session expired (kUnauthenticated) logs in again and repeats
// the call, up to kSessionAttempts fresh sessions. ConnectPortal() builds the usual stack: HTTP,
// throttled, retried. Errors are those of portal_stub.h. Thread-safe.
#ifndef MOTCUA_SERVICES_PORTAL_PORTAL_CLIENT_H_
#define MOTCUA_SERVICES_PORTAL_PORTAL_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/portal/http_portal_stub.h"
#include "services/portal/portal_stub.h"
#include "services/portal/retrying_portal_stub.h"

namespace motcua::portal {

// Reads a credentials file: a JSON object {"username": "...", "password": "..."}.
// kInvalidArgument naming the file when it cannot be read or lacks a field.
absl::StatusOr<Credentials> LoadCredentials(const std::string& path);

class PortalClient {
 public:
  // Fresh sessions tried for one call after the first one expired.
  static constexpr int kSessionAttempts = 3;

  PortalClient(std::unique_ptr<PortalStub> stub, Credentials credentials);

  absl::Status SyncDossier(const DossierRecord& record, bool is_updating);
  absl::Status UpdateProgress(const std::vector<ProgressEntry>& entries);
  absl::StatusOr<std::optional<PortalDossier>> LookupDossier(absl::string_view code);
  // PortalStub::Query with the session.
  absl::StatusOr<nlohmann::json> Query(absl::string_view service, const nlohmann::json& data);

  // Logins so far (the first one included).
  int64_t logins() const;

 private:
  absl::StatusOr<std::string> Session();
  void Forget(const std::string& session);
  template <typename Call>
  auto WithSession(Call call) -> decltype(call(std::string()));

  std::unique_ptr<PortalStub> stub_;
  const Credentials credentials_;
  absl::Mutex login_mu_;  // one login at a time
  mutable absl::Mutex mu_;
  std::string session_ ABSL_GUARDED_BY(mu_);
  int64_t logins_ ABSL_GUARDED_BY(mu_) = 0;
};

struct PortalConfig {
  HttpPortalOptions http;
  Credentials credentials;
  int max_in_flight = 4;
  double max_per_second = 20;
  RetryPolicy retry;
};

// PortalClient over RetryingPortalStub over ThrottledPortalStub over HttpPortalStub.
absl::StatusOr<std::unique_ptr<PortalClient>> ConnectPortal(const PortalConfig& config);

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_PORTAL_CLIENT_H_
