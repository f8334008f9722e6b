#include "services/portal/portal_client.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/portal/throttled_portal_stub.h"

namespace motcua::portal {
namespace {

const absl::Status& StatusOf(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}

}  // namespace

absl::StatusOr<Credentials> LoadCredentials(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::InvalidArgumentError(absl::StrCat("credentials file ", path, ": cannot read it"));
  std::ostringstream text;
  text << in.rdbuf();
  const std::string body = text.str();
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  auto field = [&](const char* name) -> absl::StatusOr<std::string> {
    if (!j.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "credentials file ", path, ": not a JSON object {\"username\": ..., \"password\": ...}"));
    }
    auto it = j.find(name);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("credentials file ", path, ": \"", name, "\" must be a non-empty string"));
    }
    return it->get<std::string>();
  };
  Credentials c;
  MOTCUA_ASSIGN_OR_RETURN(c.username, field("username"));
  MOTCUA_ASSIGN_OR_RETURN(c.password, field("password"));
  return c;
}

PortalClient::PortalClient(std::unique_ptr<PortalStub> stub, Credentials credentials)
    : stub_(std::move(stub)), credentials_(std::move(credentials)) {}

int64_t PortalClient::logins() const {
  absl::MutexLock lock(&mu_);
  return logins_;
}

absl::StatusOr<std::string> PortalClient::Session() {
  {
    absl::MutexLock lock(&mu_);
    if (!session_.empty()) return session_;
  }
  absl::MutexLock login(&login_mu_);
  {
    absl::MutexLock lock(&mu_);
    if (!session_.empty()) return session_;  // another caller logged in meanwhile
  }
  MOTCUA_ASSIGN_OR_RETURN(std::string session, stub_->Login(credentials_));
  absl::MutexLock lock(&mu_);
  session_ = session;
  ++logins_;
  return session;
}

void PortalClient::Forget(const std::string& session) {
  absl::MutexLock lock(&mu_);
  if (session_ == session) session_.clear();
}

template <typename Call>
auto PortalClient::WithSession(Call call) -> decltype(call(std::string())) {
  for (int attempt = 0;; ++attempt) {
    auto session = Session();
    if (!session.ok()) return session.status();
    auto result = call(*session);
    if (!absl::IsUnauthenticated(StatusOf(result)) || attempt == kSessionAttempts) return result;
    Forget(*session);
  }
}

absl::Status PortalClient::SyncDossier(const DossierRecord& record, bool is_updating) {
  return WithSession(
      [&](const std::string& s) { return stub_->SyncDossier(s, record, is_updating); });
}

absl::Status PortalClient::UpdateProgress(const std::vector<ProgressEntry>& entries) {
  return WithSession([&](const std::string& s) { return stub_->UpdateProgress(s, entries); });
}

absl::StatusOr<std::optional<PortalDossier>> PortalClient::LookupDossier(absl::string_view code) {
  return WithSession([&](const std::string& s) { return stub_->LookupDossier(s, code); });
}

absl::StatusOr<nlohmann::json> PortalClient::Query(absl::string_view service,
                                                   const nlohmann::json& data) {
  return WithSession([&](const std::string& s) { return stub_->Query(s, service, data); });
}

absl::StatusOr<std::unique_ptr<PortalClient>> ConnectPortal(const PortalConfig& config) {
  MOTCUA_ASSIGN_OR_RETURN(std::unique_ptr<HttpPortalStub> http,
                          HttpPortalStub::Create(config.http));
  auto throttled = std::make_unique<ThrottledPortalStub>(std::move(http), config.max_in_flight,
                                                         config.max_per_second);
  auto retrying = std::make_unique<RetryingPortalStub>(std::move(throttled), config.retry);
  return std::make_unique<PortalClient>(std::move(retrying), config.credentials);
}

}  // namespace motcua::portal
