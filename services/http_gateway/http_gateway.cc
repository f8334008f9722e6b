#include "services/http_gateway/http_gateway.h"

#include <httplib.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <functional>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "motcua/v1/auth_service.pb.h"
#include "motcua/v1/catalog_service.pb.h"
#include "motcua/v1/intake_service.pb.h"
#include "motcua/v1/routing_service.pb.h"
#include "motcua/v1/tracking_service.pb.h"
#include "motcua/v1/web_gateway.pb.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/dossier_service/dossier_handler.h"
#include "services/dossier_service/dossier_proto.h"
#include "services/grpc_util/page_token.h"
#include "services/http_gateway/http_status.h"
#include "services/http_gateway/proto_json.h"
#include "services/http_gateway/session_cookies.h"
#include "storage/dossier_store.h"

namespace motcua::http_gateway {
namespace {

using dossier_service::ActionInput;
using dossier_service::DossierEngine;
using httplib::Request;
using httplib::Response;
using workflow::Action;
using workflow::Actor;

constexpr char kJson[] = "application/json; charset=utf-8";
// A dossier code in a path: "000.00.00.H44-261126-0001" (validated again by the engine).
constexpr char kCode[] = "([A-Za-z0-9.\\-]{1,64})";

void SendError(Response& res, const absl::Status& status) {
  HttpError e = ToHttpError(status);
  if (e.http_code >= 500) LogWarning("http", "request failed", {{"status", status.ToString()}});
  res.status = e.http_code;
  res.set_content(HttpErrorJson(e), kJson);
}

void SendJson(Response& res, const google::protobuf::Message& m) {
  res.status = 200;
  res.set_content(ToJson(m), kJson);
}

// Runs an engine call that answers through a callback (after its commit) and waits for it: the
// gateway's threads are httplib's pool, so blocking one of them is the model.
template <typename T>
absl::StatusOr<T> Await(const std::function<void(std::function<void(absl::StatusOr<T>)>)>& start) {
  struct State {
    absl::Notification done;
    std::optional<absl::StatusOr<T>> result;
  };
  auto state = std::make_shared<State>();
  start([state](absl::StatusOr<T> r) {
    state->result = std::move(r);
    state->done.Notify();
  });
  state->done.WaitForNotification();
  return std::move(*state->result);
}

std::multimap<std::string, std::string> QueryParams(const Request& req) {
  return std::multimap<std::string, std::string>(req.params.begin(), req.params.end());
}

absl::Status RequireJsonBody(const Request& req) {
  if (req.body.empty()) return absl::OkStatus();
  std::string type = absl::AsciiStrToLower(req.get_header_value("Content-Type"));
  if (!absl::StartsWith(type, "application/json")) {
    return absl::InvalidArgumentError("body: must be sent as application/json");
  }
  return absl::OkStatus();
}

// The body's "name" must agree with the path when given; the path wins.
absl::Status NameFromPath(const std::string& code, std::string* name) {
  std::string from_path = absl::StrCat("dossiers/", code);
  if (!name->empty() && absl::AsciiStrToUpper(*name) != absl::AsciiStrToUpper(from_path)) {
    return absl::InvalidArgumentError(
        absl::StrCat("name: \"", *name, "\" differs from the path's ", from_path));
  }
  *name = from_path;
  return absl::OkStatus();
}

std::string RandomHex(int bytes) {
  std::string raw(static_cast<size_t>(bytes), '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), bytes);
  return absl::BytesToHexString(raw);
}

// The web's upload policy (the desk's gRPC clients are not bound by it): papers are PDF, JPEG or
// PNG, recognised by their first bytes, whatever the file name says.
absl::Status CheckUploadTypes(const google::protobuf::RepeatedPtrField<v1::Attachment>& files,
                              absl::string_view field) {
  for (int i = 0; i < files.size(); ++i) {
    const std::string& c = files[i].content();
    const bool pdf = absl::StartsWith(c, "%PDF-");
    const bool jpeg = absl::StartsWith(c, "\xFF\xD8\xFF");
    const bool png = absl::StartsWith(c, "\x89PNG\r\n\x1A\n");
    if (!c.empty() && !pdf && !jpeg && !png) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, "[", i, "].content: \"", files[i].file_name(),
                       "\" is a file of type other than PDF, JPEG or PNG"));
    }
  }
  return absl::OkStatus();
}

struct Caller {
  std::optional<Actor> actor;
  // Signed in by the session cookie (so CSRF rules applied).
  bool cookie = false;
};

absl::StatusOr<Actor> Required(const Caller& caller) {
  if (!caller.actor) return absl::UnauthenticatedError("session: sign-in required");
  return *caller.actor;
}

absl::Status SplitHostPort(const std::string& listen, std::string* host, int* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), port) || *port < 0 || *port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http-listen: \"", listen, "\" is not HOST:PORT with a port 0..65535"));
  }
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  return absl::OkStatus();
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

HttpGateway::HttpGateway(GatewayOptions options, GatewayDeps deps)
    : options_(std::move(options)),
      deps_(deps),
      limiter_(options_.rate_per_second, options_.rate_burst, deps.clock) {}

HttpGateway::~HttpGateway() { Shutdown(); }

void HttpGateway::Shutdown() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<std::unique_ptr<HttpGateway>> HttpGateway::Start(const GatewayOptions& options,
                                                                GatewayDeps deps) {
  std::unique_ptr<HttpGateway> gw(new HttpGateway(options, deps));
  std::string host;
  int port = 0;
  if (absl::Status s = SplitHostPort(options.listen, &host, &port); !s.ok()) return s;
  if (options.cert_file.empty() != options.key_file.empty()) {
    return absl::InvalidArgumentError("--http-cert and --http-key go together");
  }
  if (!options.cert_file.empty()) {
    auto tls =
        std::make_unique<httplib::SSLServer>(options.cert_file.c_str(), options.key_file.c_str());
    if (!tls->is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat("--http-cert/--http-key: cannot load ",
                                                     options.cert_file, " and ", options.key_file,
                                                     " (PEM certificate and its private key)"));
    }
    gw->server_ = std::move(tls);
    gw->tls_ = true;
  } else {
    gw->server_ = std::make_unique<httplib::Server>();
  }
  if (options.web_root.empty() || !IsDirectory(options.web_root + "/portal")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--web-root: \"", options.web_root,
        "\" has no portal/ folder (build the motcua_web_assets target, or point --web-root at "
        "clients/web)"));
  }
  // SO_REUSEADDR only: SO_REUSEPORT (httplib's default) would let two nodes share a port.
  gw->server_->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  gw->server_->set_payload_max_length(options.max_body_bytes);
  gw->server_->set_read_timeout(30, 0);
  gw->server_->set_write_timeout(30, 0);
  gw->Route();
  if (port == 0) {
    port = gw->server_->bind_to_any_port(host);
    if (port < 0) port = 0;
  } else if (!gw->server_->bind_to_port(host, port)) {
    port = 0;
  }
  if (port == 0) {
    return absl::UnavailableError(absl::StrCat(
        "--http-listen ", options.listen,
        ": cannot listen there (is the port in use by another process, or the host not an "
        "address of this machine?)"));
  }
  gw->address_ = absl::StrCat(options.listen.substr(0, options.listen.rfind(':')), ":", port);
  httplib::Server* server = gw->server_.get();
  gw->thread_ = std::thread([server] { server->listen_after_bind(); });
  // Serving before "http listening on" is printed, and before Shutdown() may call stop() (which
  // does nothing to a server that is not running yet).
  for (int i = 0; i < 500 && !server->is_running(); ++i) absl::SleepFor(absl::Milliseconds(10));
  if (!server->is_running()) return absl::InternalError("the HTTP server did not start");
  return gw;
}

void HttpGateway::Route() {
  httplib::Server& s = *server_;
  const bool secure = tls_;
  const size_t max_body = options_.max_body_bytes;

  httplib::Headers headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
      {"X-Frame-Options", "DENY"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'"},
  };
  if (secure) headers.emplace("Strict-Transport-Security", "max-age=31536000");
  s.set_default_headers(headers);

  // Rate limit the API before anything else; the static pages are cheap and cached.
  s.set_pre_routing_handler([this](const Request& req, Response& res) {
    const bool api =
        absl::StartsWith(req.path, "/api/") || absl::StartsWith(req.path, "/pay/sim/api/");
    if (!api || limiter_.Allow(req.remote_addr)) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.set_header("Retry-After", "5");
    SendError(res, RateLimitedError());
    return httplib::Server::HandlerResponse::Handled;
  });
  // Errors httplib raises itself (413 for a body over the limit, 404 for no route) get the same
  // body as the handlers' errors.
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([max_body](const Request& req, Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        absl::Status status;
        if (res.status == 413) {
          status = PayloadTooLargeError(max_body);
        } else if (res.status == 404) {
          status = absl::NotFoundError(absl::StrCat("path: no route ", req.method, " ", req.path));
        } else {
          status = absl::UnknownError(absl::StrCat("http status ", res.status));
        }
        const int code = res.status;
        SendError(res, status);
        res.status = code;
        return httplib::Server::HandlerResponse::Handled;
      }));
  s.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
    SendError(res, absl::InternalError("unexpected exception in a handler"));
  });

  // ---- static files ----
  httplib::Headers static_headers = {{"Cache-Control", "no-cache"}};
  s.set_mount_point("/portal", options_.web_root + "/portal", static_headers);
  s.set_mount_point("/dashboard", options_.web_root + "/dashboard", static_headers);
  s.set_mount_point("/pay/sim", options_.web_root + "/paysim", static_headers);
  s.set_mount_point("/shared", options_.web_root + "/shared", static_headers);
  s.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
  s.set_file_extension_and_mimetype_mapping("webmanifest", "application/manifest+json");
  for (const char* path : {"/", "/portal", "/dashboard", "/pay/sim"}) {
    std::string target = std::string(path) == "/" ? "/portal/" : absl::StrCat(path, "/");
    s.Get(path, [target](const Request&, Response& res) { res.set_redirect(target); });
  }
  s.Get("/healthz",
        [](const Request&, Response& res) { res.set_content("{\"status\":\"SERVING\"}", kJson); });

  // ---- API plumbing ----
  // Who calls: a Bearer token (API clients; never sent by a browser on its own, so no CSRF
  // check), else the session cookie (CSRF header and Origin checked on state-changing requests).
  auto identify = [this](const Request& req, bool state_changing) -> absl::StatusOr<Caller> {
    Caller caller;
    const std::string authorization = req.get_header_value("Authorization");
    if (!authorization.empty()) {
      absl::string_view token = authorization;
      if (!absl::ConsumePrefix(&token, "Bearer ") || token.empty()) {
        return absl::UnauthenticatedError("authorization: expected \"Bearer TOKEN\"");
      }
      auto actor = deps_.auth.VerifyToken(token);
      if (!actor.ok()) return actor.status();
      caller.actor = *actor;
      return caller;
    }
    const std::string token = CookieValue(req.get_header_value("Cookie"), kSessionCookie);
    if (state_changing) {
      // A browser names the page's origin on every POST; another site's page is refused even
      // before the CSRF token is looked at.
      const std::string origin = req.get_header_value("Origin");
      const std::string host = req.get_header_value("Host");
      if (!origin.empty() && origin != absl::StrCat(tls_ ? "https://" : "http://", host)) {
        return absl::PermissionDeniedError(
            absl::StrCat("origin: cross-origin request from ", origin, " refused"));
      }
      if (req.get_header_value("Sec-Fetch-Site") == "cross-site") {
        return absl::PermissionDeniedError("origin: cross-origin request refused");
      }
    }
    if (token.empty()) return caller;
    auto actor = deps_.auth.VerifyToken(token);
    if (!actor.ok()) {
      return absl::UnauthenticatedError(absl::StrCat("session: the session cookie is not valid (",
                                                     actor.status().message(), "); sign in again"));
    }
    if (state_changing &&
        !ConstantTimeEquals(req.get_header_value(kCsrfHeader), CsrfTokenFor(token))) {
      return absl::PermissionDeniedError(
          absl::StrCat("csrf: the ", kCsrfHeader, " header does not match the session"));
    }
    caller.actor = *actor;
    caller.cookie = true;
    return caller;
  };

  using ApiHandler = std::function<absl::Status(const Request&, Response&, const Caller&)>;
  auto api = [identify, secure](ApiHandler handler, bool state_changing) {
    return [identify, handler, state_changing, secure](const Request& req, Response& res) {
      res.set_header("Cache-Control", "no-store");
      absl::Status status = state_changing ? RequireJsonBody(req) : absl::OkStatus();
      absl::StatusOr<Caller> caller = identify(req, state_changing);
      if (status.ok()) status = caller.status();
      if (status.ok()) status = handler(req, res, *caller);
      if (!status.ok()) {
        SendError(res, status);
        if (status.code() == absl::StatusCode::kUnauthenticated &&
            absl::StartsWith(status.message(), "session: the session cookie")) {
          // A forged or expired cookie is dropped, so the page falls back to signing in.
          res.set_header("Set-Cookie", ClearSetCookie(kSessionCookie, true, secure));
        }
      }
    };
  };
  auto get = [&s, api](const std::string& pattern, ApiHandler h) {
    s.Get(pattern, api(std::move(h), false));
  };
  auto post = [&s, api](const std::string& pattern, ApiHandler h) {
    s.Post(pattern, api(std::move(h), true));
  };

  // ---- CatalogService ----
  catalog_service::CatalogHandler& catalog = deps_.catalog;
  get("/api/v1/procedures", [&catalog](const Request& req, Response& res, const Caller&) {
    v1::ListProceduresRequest in;
    MOTCUA_RETURN_IF_ERROR(FillFromQuery(QueryParams(req), &in));
    v1::ListProceduresResponse out;
    MOTCUA_RETURN_IF_ERROR(catalog.ListProcedures(in, &out));
    SendJson(res, out);
    return absl::OkStatus();
  });
  get("/api/v1/procedures/([^/]{1,32})",
      [&catalog](const Request& req, Response& res, const Caller&) {
        v1::GetProcedureRequest in;
        in.set_name(absl::StrCat("procedures/", req.matches[1].str()));
        v1::Procedure out;
        MOTCUA_RETURN_IF_ERROR(catalog.GetProcedure(in, &out));
        SendJson(res, out);
        return absl::OkStatus();
      });
  get("/api/v1/divisions", [&catalog](const Request&, Response& res, const Caller&) {
    v1::ListDivisionsResponse out;
    MOTCUA_RETURN_IF_ERROR(catalog.ListDivisions(v1::ListDivisionsRequest(), &out));
    SendJson(res, out);
    return absl::OkStatus();
  });
  get("/api/v1/units", [&catalog](const Request& req, Response& res, const Caller&) {
    v1::ListUnitsRequest in;
    MOTCUA_RETURN_IF_ERROR(FillFromQuery(QueryParams(req), &in));
    v1::ListUnitsResponse out;
    MOTCUA_RETURN_IF_ERROR(catalog.ListUnits(in, &out));
    SendJson(res, out);
    return absl::OkStatus();
  });
  get("/api/v1/(units/[^/]{1,16}|divisions/[^/]{1,16}/units/[^/]{1,16})",
      [&catalog](const Request& req, Response& res, const Caller&) {
        v1::GetUnitRequest in;
        in.set_name(req.matches[1].str());
        v1::AdministrativeUnit out;
        MOTCUA_RETURN_IF_ERROR(catalog.GetUnit(in, &out));
        SendJson(res, out);
        return absl::OkStatus();
      });

  // ---- AuthService and browser sessions ----
  const auth::Authenticator& auth = deps_.auth;
  auto user_proto = [&auth](const Actor& actor, v1::User* out) -> absl::Status {
    MOTCUA_ASSIGN_OR_RETURN(storage::UserRecord u, auth.UserOf(actor));
    out->set_username(u.username);
    out->set_display_name(u.display_name);
    out->set_role(std::string(workflow::RoleName(u.role)));
    for (const auto& unit : u.units) out->add_units(unit);
    out->set_citizen_id(u.citizen_id);
    return absl::OkStatus();
  };
  auto login = [&auth, user_proto](const Request& req,
                                   v1::LoginResponse* out) -> absl::StatusOr<std::string> {
    v1::LoginRequest in;
    MOTCUA_RETURN_IF_ERROR(ParseJson(req.body, &in));
    if (in.username().empty()) return absl::InvalidArgumentError("username: is required");
    if (in.password().empty()) return absl::InvalidArgumentError("password: is required");
    MOTCUA_ASSIGN_OR_RETURN(auth::Authenticator::Session session,
                            auth.Login(in.username(), in.password()));
    out->mutable_expire_time()->set_seconds(absl::ToUnixSeconds(session.expiry));
    auto* u = out->mutable_user();
    u->set_username(session.user.username);
    u->set_display_name(session.user.display_name);
    u->set_role(std::string(workflow::RoleName(session.user.role)));
    for (const auto& unit : session.user.units) u->add_units(unit);
    u->set_citizen_id(session.user.citizen_id);
    return session.token;
  };
  // API clients: the token in the body, for "Authorization: Bearer".
  post("/api/v1/auth:login", [login](const Request& req, Response& res, const Caller&) {
    v1::LoginResponse out;
    MOTCUA_ASSIGN_OR_RETURN(std::string token, login(req, &out));
    out.set_token(token);
    SendJson(res, out);
    return absl::OkStatus();
  });
  get("/api/v1/auth:whoami", [user_proto](const Request&, Response& res, const Caller& caller) {
    MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
    v1::User out;
    MOTCUA_RETURN_IF_ERROR(user_proto(actor, &out));
    SendJson(res, out);
    return absl::OkStatus();
  });
  // Browsers: the token goes only into the HttpOnly cookie, never into the page. Signing in
  // needs the CSRF header too (any value: a cross-site form cannot set a header).
  post("/api/v1/session", [login, secure](const Request& req, Response& res, const Caller&) {
    if (req.get_header_value(kCsrfHeader).empty()) {
      return absl::PermissionDeniedError(
          absl::StrCat("csrf: the ", kCsrfHeader, " header is required to sign in"));
    }
    v1::LoginResponse out;
    MOTCUA_ASSIGN_OR_RETURN(std::string token, login(req, &out));
    const absl::Duration max_age = auth::kTokenLifetime;
    res.set_header("Set-Cookie", SessionSetCookie(token, max_age, secure));
    res.headers.emplace("Set-Cookie", CsrfSetCookie(CsrfTokenFor(token), max_age, secure));
    SendJson(res, out);
    return absl::OkStatus();
  });
  get("/api/v1/session", [user_proto](const Request&, Response& res, const Caller& caller) {
    MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
    v1::User out;
    MOTCUA_RETURN_IF_ERROR(user_proto(actor, &out));
    SendJson(res, out);
    return absl::OkStatus();
  });
  s.Delete("/api/v1/session", [secure](const Request&, Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("Set-Cookie", ClearSetCookie(kSessionCookie, true, secure));
    res.headers.emplace("Set-Cookie", ClearSetCookie(kCsrfCookie, false, secure));
    res.status = 204;
  });

  // ---- IntakeService ----
  DossierEngine& engine = deps_.engine;
  post("/api/v1/dossiers", [&engine](const Request& req, Response& res, const Caller& caller) {
    MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
    v1::CreateDossierRequest in;
    MOTCUA_RETURN_IF_ERROR(ParseJson(req.body, &in));
    MOTCUA_RETURN_IF_ERROR(CheckUploadTypes(in.dossier().attachments(), "dossier.attachments"));
    MOTCUA_ASSIGN_OR_RETURN(dossier_service::CreateInput input,
                            dossier_service::CreateInputFromProto(in.dossier()));
    input.request_id = in.request_id();
    input.refusal_reason = in.refusal_reason();
    MOTCUA_ASSIGN_OR_RETURN(dossier_service::CreateOutcome outcome,
                            Await<dossier_service::CreateOutcome>([&](auto done) {
                              engine.Create(actor, std::move(input), std::move(done));
                            }));
    v1::CreateDossierResponse out;
    out.set_outcome(static_cast<v1::CreateDossierResponse::Outcome>(outcome.kind));
    if (outcome.dossier) {
      dossier_service::ToProto(*outcome.dossier, engine.Classify(*outcome.dossier), &actor,
                               out.mutable_dossier());
    }
    out.set_form_text(outcome.form_text);
    for (const auto& [code, name] : outcome.missing) {
      out.add_missing_components(absl::StrCat(code, ": ", name));
    }
    SendJson(res, out);
    return absl::OkStatus();
  });
  get(absl::StrCat("/api/v1/dossiers/", kCode),
      [&engine](const Request& req, Response& res, const Caller& caller) {
        MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
        MOTCUA_ASSIGN_OR_RETURN(std::string code,
                                dossier_service::DossierCodeFromName(
                                    absl::StrCat("dossiers/", req.matches[1].str()), "name"));
        MOTCUA_ASSIGN_OR_RETURN(dossier::Dossier d, engine.Get(actor, code));
        v1::Dossier out;
        dossier_service::ToProto(d, engine.Classify(d), &actor, &out);
        SendJson(res, out);
        return absl::OkStatus();
      });
  get(absl::StrCat("/api/v1/dossiers/", kCode, ":status"),
      [&engine](const Request& req, Response& res, const Caller&) {
        MOTCUA_ASSIGN_OR_RETURN(std::string code,
                                dossier_service::DossierCodeFromName(
                                    absl::StrCat("dossiers/", req.matches[1].str()), "name"));
        MOTCUA_ASSIGN_OR_RETURN(dossier::Dossier d, engine.GetPublic(code));
        v1::DossierStatus out;
        out.set_name(absl::StrCat("dossiers/", d.code));
        out.set_procedure_display_name(d.procedure_name);
        out.set_state(static_cast<v1::Dossier::State>(d.status));
        out.set_state_display_name(std::string(workflow::StatusDisplayName(d.status)));
        if (d.received_time) dossier_service::ToProto(*d.received_time, out.mutable_receive_time());
        if (d.due_time) dossier_service::ToProto(*d.due_time, out.mutable_due_time());
        out.set_holding_unit(DossierEngine::HoldingUnit(d));
        out.set_timeliness(static_cast<v1::Dossier::Timeliness>(engine.Classify(d)));
        SendJson(res, out);
        return absl::OkStatus();
      });
  get(absl::StrCat("/api/v1/dossiers/", kCode, ":explainDueDate"),
      [&engine](const Request& req, Response& res, const Caller&) {
        MOTCUA_ASSIGN_OR_RETURN(std::string code,
                                dossier_service::DossierCodeFromName(
                                    absl::StrCat("dossiers/", req.matches[1].str()), "name"));
        MOTCUA_ASSIGN_OR_RETURN(std::string text, engine.ExplainDueDate(code));
        v1::DueDateExplanation out;
        out.set_name(absl::StrCat("dossiers/", code));
        for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
          out.add_lines(std::string(line));
        }
        auto d = engine.GetPublic(code);
        if (d.ok() && d->due_time) dossier_service::ToProto(*d->due_time, out.mutable_due_time());
        SendJson(res, out);
        return absl::OkStatus();
      });
  get(absl::StrCat("/api/v1/dossiers/", kCode, "/events"),
      [&engine](const Request& req, Response& res, const Caller& caller) {
        MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
        MOTCUA_ASSIGN_OR_RETURN(std::string code,
                                dossier_service::DossierCodeFromName(
                                    absl::StrCat("dossiers/", req.matches[1].str()), "parent"));
        bool valid = false;
        MOTCUA_ASSIGN_OR_RETURN(std::vector<dossier::Event> events,
                                engine.History(actor, code, &valid));
        v1::ListDossierEventsResponse out;
        for (const auto& e : events) dossier_service::ToProto(e, out.add_events());
        out.set_chain_valid(valid);
        SendJson(res, out);
        return absl::OkStatus();
      });

  // ---- RoutingService: POST /api/v1/dossiers/{code}:{verb} ----
  // Each verb reads its gRPC request message and fills the engine's ActionInput as the gRPC
  // handler does.
  using Reader =
      std::function<absl::Status(const std::string& body, ActionInput* in, std::string* name)>;
  auto simple = [](Action action) -> Reader {
    return [action](const std::string& body, ActionInput* in, std::string* name) {
      v1::DossierActionRequest r;
      MOTCUA_RETURN_IF_ERROR(ParseJson(body, &r));
      in->action = action;
      in->reason = r.reason();
      in->etag = r.etag();
      *name = r.name();
      return absl::OkStatus();
    };
  };
  const std::vector<std::pair<std::string, Reader>> verbs = {
      {"accept", simple(Action::kAccept)},
      {"refuse", simple(Action::kRefuse)},
      {"pay", simple(Action::kPay)},
      {"approve", simple(Action::kApprove)},
      {"issue", simple(Action::kIssue)},
      {"withdraw", simple(Action::kWithdraw)},
      {"stop", simple(Action::kStop)},
      {"refuseAfterAppraisal", simple(Action::kRefuseAfterAppraisal)},
      {"assign",
       [](const std::string& body, ActionInput* in, std::string* name) {
         v1::AssignDossierRequest r;
         MOTCUA_RETURN_IF_ERROR(ParseJson(body, &r));
         in->action = Action::kAssign;
         in->assignee = r.assignee();
         in->reason = r.reason();
         in->etag = r.etag();
         *name = r.name();
         return absl::OkStatus();
       }},
      {"requestSupplement",
       [](const std::string& body, ActionInput* in, std::string* name) {
         v1::RequestSupplementRequest r;
         MOTCUA_RETURN_IF_ERROR(ParseJson(body, &r));
         in->action = Action::kRequestSupplement;
         in->supplement_content = r.content();
         in->etag = r.etag();
         *name = r.name();
         return absl::OkStatus();
       }},
      {"submitSupplement",
       [](const std::string& body, ActionInput* in, std::string* name) {
         v1::SubmitSupplementRequest r;
         MOTCUA_RETURN_IF_ERROR(ParseJson(body, &r));
         MOTCUA_RETURN_IF_ERROR(CheckUploadTypes(r.attachments(), "attachments"));
         in->action = Action::kSupplement;
         in->attachments = dossier_service::UploadsFromProto(r.attachments());
         in->reason = r.reason();
         in->etag = r.etag();
         *name = r.name();
         return absl::OkStatus();
       }},
      {"requestPayment",
       [](const std::string& body, ActionInput* in, std::string* name) {
         v1::RequestPaymentRequest r;
         MOTCUA_RETURN_IF_ERROR(ParseJson(body, &r));
         in->action = Action::kRequestPayment;
         for (const auto& f : r.fees()) {
           in->fees.push_back({f.code(), f.display_name(), f.amount_vnd()});
         }
         in->reason = r.reason();
         in->etag = r.etag();
         *name = r.name();
         return absl::OkStatus();
       }},
      {"extend",
       [](const std::string& body, ActionInput* in, std::string* name) {
         v1::ExtendDossierRequest r;
         MOTCUA_RETURN_IF_ERROR(ParseJson(body, &r));
         in->action = Action::kExtend;
         if (r.has_new_due_time()) in->new_due = dossier_service::FromProto(r.new_due_time());
         in->reason = r.reason();
         in->etag = r.etag();
         *name = r.name();
         return absl::OkStatus();
       }},
      {"return",
       [](const std::string& body, ActionInput* in, std::string* name) {
         v1::ReturnResultRequest r;
         MOTCUA_RETURN_IF_ERROR(ParseJson(body, &r));
         in->action = Action::kReturn;
         if (!v1::Dossier::Delivery_IsValid(r.delivery())) {
           return absl::InvalidArgumentError("delivery: unknown value");
         }
         in->delivery = static_cast<dossier::Delivery>(r.delivery());
         in->reason = r.reason();
         in->etag = r.etag();
         *name = r.name();
         return absl::OkStatus();
       }},
  };
  for (const auto& [verb, reader] : verbs) {
    Reader read = reader;
    post(absl::StrCat("/api/v1/dossiers/", kCode, ":", verb),
         [&engine, read](const Request& req, Response& res, const Caller& caller) {
           MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
           ActionInput in;
           std::string name;
           MOTCUA_RETURN_IF_ERROR(read(req.body, &in, &name));
           MOTCUA_RETURN_IF_ERROR(NameFromPath(req.matches[1].str(), &name));
           MOTCUA_ASSIGN_OR_RETURN(in.code, dossier_service::DossierCodeFromName(name, "name"));
           MOTCUA_ASSIGN_OR_RETURN(dossier::Dossier d, Await<dossier::Dossier>([&](auto done) {
                                     engine.Act(actor, std::move(in), std::move(done));
                                   }));
           v1::Dossier out;
           dossier_service::ToProto(d, engine.Classify(d), &actor, &out);
           SendJson(res, out);
           return absl::OkStatus();
         });
  }
  post(absl::StrCat("/api/v1/dossiers/", kCode, ":rate"), [&engine](const Request& req,
                                                                    Response& res,
                                                                    const Caller& caller) {
    MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
    v1::RateDossierRequest in;
    MOTCUA_RETURN_IF_ERROR(ParseJson(req.body, &in));
    std::string name = in.name();
    MOTCUA_RETURN_IF_ERROR(NameFromPath(req.matches[1].str(), &name));
    MOTCUA_ASSIGN_OR_RETURN(std::string code, dossier_service::DossierCodeFromName(name, "name"));
    MOTCUA_ASSIGN_OR_RETURN(dossier::Dossier d, Await<dossier::Dossier>([&](auto done) {
                              engine.Rate(actor, code, in.rating(), in.comment(), std::move(done));
                            }));
    v1::Dossier out;
    dossier_service::ToProto(d, engine.Classify(d), &actor, &out);
    SendJson(res, out);
    return absl::OkStatus();
  });

  // ---- TrackingService ----
  get("/api/v1/worklist", [&engine](const Request& req, Response& res, const Caller& caller) {
    MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
    v1::ListWorklistRequest in;
    MOTCUA_RETURN_IF_ERROR(FillFromQuery(QueryParams(req), &in));
    MOTCUA_ASSIGN_OR_RETURN(v1::ListWorklistResponse out,
                            dossier_service::ListWorklist(engine, actor, in));
    SendJson(res, out);
    return absl::OkStatus();
  });
  get("/api/v1/reports", [&engine](const Request& req, Response& res, const Caller& caller) {
    MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
    v1::GetReportRequest in;
    MOTCUA_RETURN_IF_ERROR(FillFromQuery(QueryParams(req), &in));
    MOTCUA_ASSIGN_OR_RETURN(v1::Report out, dossier_service::GetReport(engine, actor, in));
    SendJson(res, out);
    return absl::OkStatus();
  });
  post("/api/v1/reports:batchGet",
       [&engine](const Request& req, Response& res, const Caller& caller) {
         MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
         v1::BatchGetReportsRequest in;
         MOTCUA_RETURN_IF_ERROR(ParseJson(req.body, &in));
         if (!in.has_start_time() || !in.has_end_time()) {
           return absl::InvalidArgumentError("start_time, end_time: both are required");
         }
         if (in.units_size() > 300) return absl::InvalidArgumentError("units: at most 300");
         v1::BatchGetReportsResponse out;
         v1::GetReportRequest one;
         *one.mutable_start_time() = in.start_time();
         *one.mutable_end_time() = in.end_time();
         for (const auto& unit : in.units()) {
           one.set_unit(unit);
           MOTCUA_ASSIGN_OR_RETURN(*out.add_reports(),
                                   dossier_service::GetReport(engine, actor, one));
         }
         SendJson(res, out);
         return absl::OkStatus();
       });

  // ---- Payment-gateway simulator ----
  // Stands in for the national payment platform: the citizen confirms on the simulator's page
  // (/pay/sim/), the "platform" issues a transaction reference and the node records the payment
  // through the engine (DossierEngine::PayOnline: state 6 → 4, or paid at submission in state 1).
  post("/pay/sim/api/charge", [&engine](const Request& req, Response& res, const Caller& caller) {
    MOTCUA_ASSIGN_OR_RETURN(Actor actor, Required(caller));
    v1::PayDossierRequest in;
    MOTCUA_RETURN_IF_ERROR(ParseJson(req.body, &in));
    MOTCUA_ASSIGN_OR_RETURN(std::string code,
                            dossier_service::DossierCodeFromName(in.name(), "name"));
    if (in.amount_vnd() <= 0) return absl::InvalidArgumentError("amount_vnd: is required");
    DossierEngine::OnlinePayment payment;
    payment.code = code;
    payment.amount_vnd = in.amount_vnd();
    payment.method = in.method();
    payment.transaction_id = absl::StrCat("SIM-", absl::AsciiStrToUpper(RandomHex(6)));
    MOTCUA_ASSIGN_OR_RETURN(dossier::Dossier d, Await<dossier::Dossier>([&](auto done) {
                              engine.PayOnline(actor, payment, std::move(done));
                            }));
    v1::PayDossierResponse out;
    out.set_transaction_id(payment.transaction_id);
    out.set_amount_vnd(payment.amount_vnd);
    if (d.paid_time) dossier_service::ToProto(*d.paid_time, out.mutable_pay_time());
    dossier_service::ToProto(d, engine.Classify(d), &actor, out.mutable_dossier());
    SendJson(res, out);
    return absl::OkStatus();
  });
}

}  // namespace motcua::http_gateway
