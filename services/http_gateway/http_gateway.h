// File: services/http_gateway/http_gateway.h
// The node's HTTP/JSON face for browsers: the same request and response messages as the gRPC
// services (proto3 JSON mapping) on the same handlers (CatalogHandler, DossierEngine,
// Authenticator), plus the static files of the citizen portal, the monitoring dashboard and the
// payment-gateway simulator. Sessions are the node's tokens, as a Bearer header or an HttpOnly
// cookie with a CSRF check (session_cookies.h); bodies are capped (413) and each client address
// is rate-limited (429); every error goes through http_status.h. TLS when a certificate is given.
// Routes are listed in README.md ("HTTP/JSON gateway"). Thread-safe; Start() returns a gateway
// already serving on its own threads, Shutdown() (or the destructor) stops it.
#ifndef MOTCUA_SERVICES_HTTP_GATEWAY_HTTP_GATEWAY_H_
#define MOTCUA_SERVICES_HTTP_GATEWAY_HTTP_GATEWAY_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/auth/authenticator.h"
#include "services/catalog_service/catalog_service.h"
#include "services/common/clock.h"
#include "services/dossier_service/dossier_engine.h"
#include "services/http_gateway/rate_limiter.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace motcua::http_gateway {

struct GatewayOptions {
  // HOST:PORT; port 0 lets the OS pick.
  std::string listen = "127.0.0.1:8080";
  // PEM files; both set = HTTPS (and Secure cookies), both empty = plain HTTP.
  std::string cert_file;
  std::string key_file;
  // Folder holding portal/, dashboard/, paysim/ and shared/ (the built web assets).
  std::string web_root;
  // Larger request bodies get 413 before they reach a handler.
  size_t max_body_bytes = 32 << 20;
  // Per client address: sustained requests per second and burst; <= 0 turns the limit off.
  double rate_per_second = 20;
  double rate_burst = 200;
};

struct GatewayDeps {
  catalog_service::CatalogHandler& catalog;
  dossier_service::DossierEngine& engine;
  const auth::Authenticator& auth;
  const Clock& clock;
};

class HttpGateway {
 public:
  // Binds, then serves in the background. kInvalidArgument for bad options (unreadable
  // certificate, missing web root), kUnavailable when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpGateway>> Start(const GatewayOptions& options,
                                                            GatewayDeps deps);
  ~HttpGateway();

  // "HOST:PORT" with the port actually bound.
  const std::string& address() const { return address_; }
  bool tls() const { return tls_; }
  // Stops accepting connections and waits for the serving thread.
  void Shutdown();

 private:
  HttpGateway(GatewayOptions options, GatewayDeps deps);
  void Route();

  GatewayOptions options_;
  GatewayDeps deps_;
  RateLimiter limiter_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::string address_;
  bool tls_ = false;
};

}  // namespace motcua::http_gateway

#endif  // MOTCUA_SERVICES_HTTP_GATEWAY_HTTP_GATEWAY_H_
