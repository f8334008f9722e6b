// File: services/portal/http_portal_stub.h
// The national portal over HTTP/JSON (DOMAIN.md §3.1), with cpp-httplib: Login POSTs
// {username, password} to base URL + auth path and reads "session"; every other call POSTs
// {service, data, isUpdating} to base URL + integration path with the session in the "session"
// header. Answers are read strictly (portal_answer.h) and never beyond max_answer_bytes; an
// answer that is not well-formed is kUnavailable, so it is retried and never taken as success.
// No retries here (RetryingPortalStub does that). Thread-safe: connections are pooled.
#ifndef MOTCUA_SERVICES_PORTAL_HTTP_PORTAL_STUB_H_
#define MOTCUA_SERVICES_PORTAL_HTTP_PORTAL_STUB_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/portal/portal_answer.h"
#include "services/portal/portal_stub.h"

namespace httplib {
class Client;
}

namespace motcua::portal {

struct HttpPortalOptions {
  // "http://host:port" or "https://host:port", optionally with a path prefix ("/lgsp/dvcqg").
  std::string base_url;
  std::string auth_path = "/auth";
  std::string integration_path = "/integration";
  absl::Duration connect_timeout = absl::Seconds(5);
  // Per read and per write on the socket.
  absl::Duration timeout = absl::Seconds(10);
  size_t max_answer_bytes = kDefaultMaxAnswerBytes;
  // HTTPS: CA bundle to verify the portal with (empty: the system's).
  std::string ca_file;
};

class HttpPortalStub final : public PortalStub {
 public:
  // kInvalidArgument when base_url is not http(s)://host[:port][/prefix].
  static absl::StatusOr<std::unique_ptr<HttpPortalStub>> Create(HttpPortalOptions options);
  ~HttpPortalStub() override;

  absl::StatusOr<std::string> Login(const Credentials& credentials) override;
  absl::Status SyncDossier(const std::string& session, const DossierRecord& record,
                           bool is_updating) override;
  absl::Status UpdateProgress(const std::string& session,
                              const std::vector<ProgressEntry>& entries) override;
  absl::StatusOr<std::optional<PortalDossier>> LookupDossier(const std::string& session,
                                                             absl::string_view code) override;
  absl::StatusOr<nlohmann::json> Query(const std::string& session, absl::string_view service,
                                       const nlohmann::json& data) override;

 private:
  HttpPortalStub(HttpPortalOptions options, std::string origin, std::string prefix);
  // POSTs `body` to `path`; returns the parsed answer (ParseAnswer), not yet its status.
  absl::StatusOr<nlohmann::json> Post(const std::string& path, const std::string& session,
                                      const std::string& body);
  // {service, data, isUpdating} with the session; returns the parsed answer after AnswerStatus.
  absl::StatusOr<nlohmann::json> Call(const std::string& session, absl::string_view service,
                                      nlohmann::json data, bool is_updating);
  std::unique_ptr<httplib::Client> Take();
  void Give(std::unique_ptr<httplib::Client> client);

  const HttpPortalOptions options_;
  const std::string origin_;  // scheme://host:port
  const std::string prefix_;  // "" or "/path"
  absl::Mutex mu_;
  std::vector<std::unique_ptr<httplib::Client>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_HTTP_PORTAL_STUB_H_
