#include "services/portal/http_portal_stub.h"

#include <httplib.h>
#include <signal.h>

#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"

namespace motcua::portal {
namespace {

using nlohmann::json;

// cpp-httplib (as Debian builds it) writes to sockets without MSG_NOSIGNAL: a portal that closes
// the connection mid-request would kill the process with SIGPIPE. The error is seen on the call.
void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { signal(SIGPIPE, SIG_IGN); });
}

std::chrono::microseconds Micros(absl::Duration d) {
  return std::chrono::microseconds(absl::ToInt64Microseconds(d));
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpPortalStub>> HttpPortalStub::Create(HttpPortalOptions options) {
  const std::string& url = options.base_url;
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("portal URL \"", url, "\": ", why,
                                                   " (expected http(s)://host[:port][/path])"));
  };
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return bad("no scheme");
  std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return bad("the scheme is not http or https");
  size_t host_start = scheme_end + 3;
  size_t path_start = url.find('/', host_start);
  std::string host_port = url.substr(
      host_start, path_start == std::string::npos ? std::string::npos : path_start - host_start);
  if (host_port.empty()) return bad("no host");
  if (auto colon = host_port.rfind(':'); colon != std::string::npos) {
    int port = 0;
    if (!absl::SimpleAtoi(host_port.substr(colon + 1), &port) || port <= 0 || port > 65535) {
      return bad("the port is not 1..65535");
    }
  }
  std::string prefix = path_start == std::string::npos ? "" : url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  for (std::string* path : {&options.auth_path, &options.integration_path}) {
    if (path->empty() || (*path)[0] != '/') *path = "/" + *path;
  }
  if (options.max_answer_bytes == 0) options.max_answer_bytes = kDefaultMaxAnswerBytes;
  IgnoreSigpipeOnce();
  std::string origin = absl::StrCat(scheme, "://", host_port);
  return std::unique_ptr<HttpPortalStub>(
      new HttpPortalStub(std::move(options), std::move(origin), std::move(prefix)));
}

HttpPortalStub::HttpPortalStub(HttpPortalOptions options, std::string origin, std::string prefix)
    : options_(std::move(options)), origin_(std::move(origin)), prefix_(std::move(prefix)) {}

HttpPortalStub::~HttpPortalStub() = default;

std::unique_ptr<httplib::Client> HttpPortalStub::Take() {
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      auto client = std::move(idle_.back());
      idle_.pop_back();
      return client;
    }
  }
  auto client = std::make_unique<httplib::Client>(origin_);
  client->set_connection_timeout(Micros(options_.connect_timeout));
  client->set_read_timeout(Micros(options_.timeout));
  client->set_write_timeout(Micros(options_.timeout));
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);  // small requests: no Nagle/delayed-ACK stalls
  client->set_follow_location(false);
  if (!options_.ca_file.empty()) client->set_ca_cert_path(options_.ca_file);
  return client;
}

void HttpPortalStub::Give(std::unique_ptr<httplib::Client> client) {
  absl::MutexLock lock(&mu_);
  if (idle_.size() < 16) idle_.push_back(std::move(client));
}

absl::StatusOr<json> HttpPortalStub::Post(const std::string& path, const std::string& session,
                                          const std::string& body) {
  httplib::Request req;
  req.method = "POST";
  req.path = prefix_ + path;
  req.set_header("Content-Type", "application/json; charset=utf-8");
  req.set_header("Accept", "application/json");
  if (!session.empty()) req.set_header("session", session);
  req.body = body;
  const size_t limit = options_.max_answer_bytes;
  std::string answer;
  bool too_big = false;
  int http_status = 0;
  req.response_handler = [&](const httplib::Response& res) {
    http_status = res.status;
    // Refuse a declared oversize body before reading it.
    uint64_t declared = 0;
    if (res.has_header("Content-Length") &&
        absl::SimpleAtoi(res.get_header_value("Content-Length"), &declared) && declared > limit) {
      too_big = true;
      return false;
    }
    return true;
  };
  req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
    if (answer.size() + n > limit) {
      too_big = true;
      return false;
    }
    answer.append(data, n);
    return true;
  };
  std::unique_ptr<httplib::Client> client = Take();
  httplib::Result result = client->send(req);
  const std::string where = absl::StrCat(origin_, req.path);
  if (too_big) {
    LogWarning("portal", "answer too large", {{"url", where}, {"limit", absl::StrCat(limit)}});
    return absl::UnavailableError(
        absl::StrCat("the portal's answer from ", where, " is larger than ", limit, " bytes"));
  }
  if (!result) {
    // The connection is in an unknown state: drop it.
    httplib::Error err = result.error();
    std::string text = absl::StrCat("portal ", where, " did not answer: ", httplib::to_string(err));
    if (err == httplib::Error::ConnectionTimeout) return absl::DeadlineExceededError(text);
    return absl::UnavailableError(text);
  }
  Give(std::move(client));
  if (http_status == 401 || http_status == 403) {
    return absl::UnauthenticatedError(
        absl::StrCat("portal ", where, " answered HTTP ", http_status));
  }
  if (http_status == 408 || http_status == 429 || http_status >= 500) {
    return absl::UnavailableError(absl::StrCat("portal ", where, " answered HTTP ", http_status));
  }
  if (http_status < 200 || http_status >= 300) {
    return absl::FailedPreconditionError(
        absl::StrCat("portal ", where, " answered HTTP ", http_status,
                     ": check --portal-url and the endpoint paths"));
  }
  auto parsed = ParseAnswer(answer);
  if (!parsed.ok()) {
    LogWarning("portal", "malformed answer",
               {{"url", where},
                {"bytes", absl::StrCat(answer.size())},
                {"error", std::string(parsed.status().message())}});
    return absl::UnavailableError(
        absl::StrCat(parsed.status().message(), " (", where, ", ", answer.size(), " bytes)"));
  }
  return parsed;
}

absl::StatusOr<std::string> HttpPortalStub::Login(const Credentials& credentials) {
  json body = {{"username", credentials.username}, {"password", credentials.password}};
  auto answer =
      Post(options_.auth_path, "", body.dump(-1, ' ', false, json::error_handler_t::replace));
  if (!answer.ok()) {
    if (absl::IsUnauthenticated(answer.status())) {
      return absl::PermissionDeniedError(
          absl::StrCat("the portal refused the credentials: ", answer.status().message()));
    }
    return answer.status();
  }
  absl::Status status = AnswerStatus(*answer);
  if (absl::IsUnauthenticated(status) || absl::IsPermissionDenied(status)) {
    return absl::PermissionDeniedError(
        absl::StrCat("the portal refused the credentials: ", status.message()));
  }
  MOTCUA_RETURN_IF_ERROR(status);
  auto session = answer->find("session");
  if (session == answer->end() || !session->is_string() || session->get<std::string>().empty()) {
    return absl::UnavailableError("the portal's answer is malformed: login without a session");
  }
  return session->get<std::string>();
}

absl::StatusOr<json> HttpPortalStub::Call(const std::string& session, absl::string_view service,
                                          json data, bool is_updating) {
  json body = {{"service", std::string(service)},
               {"data", std::move(data)},
               {"isUpdating", is_updating ? "True" : "False"}};
  // Invalid UTF-8 would make dump() throw; replace it instead (the text came from our store).
  MOTCUA_ASSIGN_OR_RETURN(json answer,
                          Post(options_.integration_path, session,
                               body.dump(-1, ' ', false, json::error_handler_t::replace)));
  MOTCUA_RETURN_IF_ERROR(AnswerStatus(answer));
  return answer;
}

absl::Status HttpPortalStub::SyncDossier(const std::string& session, const DossierRecord& record,
                                         bool is_updating) {
  json data = json::array();
  data.push_back(record.json);
  return Call(session, "DongBoHoSoMC", std::move(data), is_updating).status();
}

absl::Status HttpPortalStub::UpdateProgress(const std::string& session,
                                            const std::vector<ProgressEntry>& entries) {
  json data = json::array();
  for (const auto& e : entries) data.push_back(e.json);
  return Call(session, "CapNhatTienDoHoSoMC", std::move(data), false).status();
}

absl::StatusOr<std::optional<PortalDossier>> HttpPortalStub::LookupDossier(
    const std::string& session, absl::string_view code) {
  json data = {{"MaHoSo", std::string(code)}};
  MOTCUA_ASSIGN_OR_RETURN(json answer, Call(session, "TraCuuHoSo", std::move(data), false));
  return ParseLookup(answer, code);
}

absl::StatusOr<json> HttpPortalStub::Query(const std::string& session, absl::string_view service,
                                           const json& data) {
  return Call(session, service, data, false);
}

}  // namespace motcua::portal
