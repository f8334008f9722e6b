// File: services/motcuad/node.h
// A running motcua node: its store, its services and its gRPC server. Start() fails with a clear
// message (port in use, data dir not writable, newer schema) and leaves nothing half-started.
#ifndef MOTCUA_SERVICES_MOTCUAD_NODE_H_
#define MOTCUA_SERVICES_MOTCUAD_NODE_H_

#include <memory>
#include <string>

#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "services/auth/auth_service.h"
#include "services/auth/authenticator.h"
#include "services/calendar_service/calendar_service.h"
#include "services/catalog_service/catalog_service.h"
#include "services/dossier_service/dossier_engine.h"
#include "services/dossier_service/dossier_services.h"
#include "services/http_gateway/http_gateway.h"
#include "services/internode/handoff_sender.h"
#include "services/internode/internode_service.h"
#include "services/internode/peer_clients.h"
#include "services/motcuad/node_options.h"
#include "services/portal_sync/embedded_sync.h"
#include "services/sync_service/sync_service.h"
#include "storage/store.h"

namespace motcua::motcuad {

class Node {
 public:
  static absl::StatusOr<std::unique_ptr<Node>> Start(const NodeOptions& options);
  ~Node();

  // "HOST:PORT" with the port actually bound.
  const std::string& address() const { return address_; }
  // "HOST:PORT" of the HTTP gateway (--http-listen), empty when it is off.
  const std::string& http_address() const { return http_address_; }
  // "HOST:PORT" of the peer (mutual TLS) server, empty without --topology.
  const std::string& peer_address() const { return peer_address_; }
  // Stops accepting calls, finishes those in flight (up to a deadline), then closes the store.
  void Shutdown();

 private:
  Node() = default;
  // With --topology: the peer server, the hand-off delivery loop, cross-node lookups.
  absl::Status StartInterNode(const NodeOptions& options);
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<auth::Authenticator> auth_;
  std::unique_ptr<dossier_service::DossierEngine> engine_;
  std::unique_ptr<catalog_service::CatalogServiceImpl> catalog_;
  std::unique_ptr<auth::AuthServiceImpl> auth_service_;
  std::unique_ptr<dossier_service::IntakeServiceImpl> intake_;
  std::unique_ptr<dossier_service::RoutingServiceImpl> routing_;
  std::unique_ptr<dossier_service::TrackingServiceImpl> tracking_;
  std::unique_ptr<calendar_service::CalendarServiceImpl> calendar_;
  std::unique_ptr<sync_service::SyncServiceImpl> sync_service_;
  std::unique_ptr<portal_sync::EmbeddedSync> sync_;  // with --portal-url
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  std::unique_ptr<catalog_service::CatalogHandler> catalog_handler_;
  std::unique_ptr<http_gateway::HttpGateway> http_;
  std::string http_address_;
  std::unique_ptr<internode::PeerClients> peers_;
  std::unique_ptr<internode::InterNodeServiceImpl> internode_;
  std::unique_ptr<internode::HandoffSender> handoff_sender_;
  std::unique_ptr<grpc::Server> peer_server_;
  std::string peer_address_;
};

}  // namespace motcua::motcuad

#endif  // MOTCUA_SERVICES_MOTCUAD_NODE_H_
