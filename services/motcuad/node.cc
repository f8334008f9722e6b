#include "services/motcuad/node.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/str_cat.h"
#include "services/calendar_config/node_calendars.h"
#include "services/catalog_import/catalog_import.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/dossier_service/handoff_codec.h"
#include "services/grpc_util/tls_credentials.h"

namespace motcua::motcuad {

absl::StatusOr<std::unique_ptr<Node>> Node::Start(const NodeOptions& options) {
  std::unique_ptr<Node> node(new Node());
  storage::Store::Options store_options;
  store_options.read_connections = options.read_connections;
  MOTCUA_ASSIGN_OR_RETURN(node->store_, storage::Store::Open(options.data_dir, store_options));
  LogInfo("motcuad", "store open", {{"path", node->store_->path()}});

  if (options.seed_demo) {
    auto summary = catalog_import::ImportCatalogDir(
        *node->store_, options.demo_data, SystemClock::Get(),
        [](absl::string_view line) { LogInfo("motcuad.seed", line); });
    if (!summary.ok()) {
      return absl::Status(summary.status().code(),
                          absl::StrCat("--seed-demo: ", summary.status().message()));
    }
  }

  // The working calendars: --schedule FILE, else the schedule an admin put in force, else the
  // built-in ones; units' own hours from --unit-working-time FILE, else the built-in table.
  MOTCUA_ASSIGN_OR_RETURN(
      calendar_config::NodeCalendars node_calendars,
      calendar_config::LoadNodeCalendars(*node->store_,
                                         {options.schedule_file, options.unit_working_time_file}));
  calendar::UnitCalendars calendars = std::move(node_calendars.calendars);
  const std::string calendar_source = std::move(node_calendars.source);
  LogInfo("motcuad", "working calendar ready",
          {{"version", calendars.Default().version()},
           {"units_with_own_hours", absl::StrCat(calendars.units().entries().size())}});

  MOTCUA_ASSIGN_OR_RETURN(auth::TokenSigner signer,
                          auth::TokenSigner::LoadOrCreate(options.data_dir));
  node->auth_ =
      std::make_unique<auth::Authenticator>(std::move(signer), *node->store_, SystemClock::Get());
  if (options.seed_demo) {
    absl::Status users = auth::SeedDemoUsers(*node->store_);
    if (!users.ok())
      return absl::Status(users.code(), absl::StrCat("--seed-demo: ", users.message()));
  }
  dossier_service::NodeConfig config;
  config.province_code = options.province_code;
  config.code_format = options.dossier_code_format;
  node->engine_ = std::make_unique<dossier_service::DossierEngine>(
      *node->store_, storage::BlobStore(options.data_dir + "/blobs"), std::move(calendars),
      SystemClock::Get(), std::move(config));

  // Liên thông before any client is served: a dossier received for another node's unit is
  // handed off from the first one on.
  if (!options.topology_file.empty()) MOTCUA_RETURN_IF_ERROR(node->StartInterNode(options));

  node->catalog_ =
      std::make_unique<catalog_service::CatalogServiceImpl>(*node->store_, SystemClock::Get());
  node->auth_service_ = std::make_unique<auth::AuthServiceImpl>(*node->auth_);
  node->intake_ =
      std::make_unique<dossier_service::IntakeServiceImpl>(*node->engine_, *node->auth_);
  node->routing_ =
      std::make_unique<dossier_service::RoutingServiceImpl>(*node->engine_, *node->auth_);
  node->tracking_ =
      std::make_unique<dossier_service::TrackingServiceImpl>(*node->engine_, *node->auth_);
  node->calendar_ = std::make_unique<calendar_service::CalendarServiceImpl>(
      *node->engine_, *node->auth_, *node->store_, calendar_source);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  // SO_REUSEPORT would let two nodes share a port silently; a busy port must be an error.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &port);
  // Attachments travel inside requests: allow up to 64 MiB (each file is capped at 10 MiB).
  builder.SetMaxReceiveMessageSize(64 << 20);
  builder.RegisterService(node->catalog_.get());
  builder.RegisterService(node->auth_service_.get());
  builder.RegisterService(node->intake_.get());
  builder.RegisterService(node->routing_.get());
  builder.RegisterService(node->tracking_.get());
  builder.RegisterService(node->calendar_.get());
  node->sync_service_ = std::make_unique<sync_service::SyncServiceImpl>(*node->store_, *node->auth_,
                                                                        SystemClock::Get());
  builder.RegisterService(node->sync_service_.get());
  node->server_ = builder.BuildAndStart();
  if (node->server_ == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat(
        "--listen ", options.listen,
        ": cannot listen there (is the port in use by another process, or the host not an "
        "address of this machine?)"));
  }
  node->address_ = absl::StrCat(options.listen.substr(0, options.listen.rfind(':')), ":", port);
  node->server_->GetHealthCheckService()->SetServingStatus(true);
  if (!options.portal_url.empty()) {
    portal_sync::EmbeddedSyncOptions sync{options.data_dir, options.portal_url,
                                          options.portal_credentials, options.portal_concurrency,
                                          static_cast<double>(options.portal_rate)};
    sync.engine = node->engine_.get();
    sync.pull_interval = absl::Seconds(options.portal_pull_interval);
    sync.catalog_interval = absl::Seconds(options.portal_catalog_interval);
    MOTCUA_ASSIGN_OR_RETURN(node->sync_, portal_sync::EmbeddedSync::Start(*node->store_, sync));
  }
  if (!options.http_listen.empty()) {
    // The HTTP/JSON gateway: browsers' way in, onto the same handlers as the gRPC services.
    node->catalog_handler_ =
        std::make_unique<catalog_service::CatalogHandler>(*node->store_, SystemClock::Get());
    http_gateway::GatewayOptions http;
    http.listen = options.http_listen;
    http.cert_file = options.http_cert;
    http.key_file = options.http_key;
    http.web_root = options.web_root;
    http.rate_per_second = options.http_rate_limit;
    http.rate_burst = options.http_rate_limit * 10;
    MOTCUA_ASSIGN_OR_RETURN(node->http_, http_gateway::HttpGateway::Start(
                                             http, {*node->catalog_handler_, *node->engine_,
                                                    *node->auth_, SystemClock::Get()}));
    node->http_address_ = node->http_->address();
  }
  return node;
}

absl::Status Node::StartInterNode(const NodeOptions& options) {
  topology::UnitTree units;
  for (size_t i = 0; i < options.topology_units.size(); ++i) {
    const std::string& file = options.topology_units[i];
    auto text = catalog_import::ReadFile(file);
    if (!text.ok()) {
      return absl::Status(text.status().code(),
                          absl::StrCat("--topology-units: ", text.status().message()));
    }
    MOTCUA_ASSIGN_OR_RETURN(topology::UnitTree tree, topology::UnitTree::Parse(*text, file));
    if (i == 0) {
      units = std::move(tree);
    } else {
      units.Merge(tree);
    }
  }
  auto text = catalog_import::ReadFile(options.topology_file);
  if (!text.ok()) {
    return absl::Status(text.status().code(),
                        absl::StrCat("--topology: ", text.status().message()));
  }
  auto parsed = topology::Topology::Parse(*text, options.topology_file, std::move(units));
  if (!parsed.ok()) {
    return absl::Status(parsed.status().code(),
                        absl::StrCat("--topology: ", parsed.status().message()));
  }
  auto topology = std::make_shared<const topology::Topology>(*std::move(parsed));
  const topology::NodeInfo* self = topology->Find(options.node_id);
  if (self == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("--node-id: ", options.node_id, " is not a node of ", options.topology_file));
  }
  auto tls = grpc_util::LoadPeerTls({options.peer_ca, options.peer_cert, options.peer_key});
  if (!tls.ok()) {
    return absl::Status(tls.status().code(),
                        absl::StrCat("--peer-ca/--peer-cert/--peer-key: ", tls.status().message()));
  }
  if (tls->node_id != options.node_id) {
    return absl::InvalidArgumentError(absl::StrCat("--peer-cert: the certificate names node \"",
                                                   tls->node_id, "\", not --node-id \"",
                                                   options.node_id, "\""));
  }
  engine_->SetNetwork({options.node_id, topology});
  peers_ = std::make_unique<internode::PeerClients>(*tls, topology);
  internode_ = std::make_unique<internode::InterNodeServiceImpl>(*engine_, *peers_, options.node_id,
                                                                 topology);
  const std::string listen = options.peer_listen.empty() ? self->address : options.peer_listen;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(listen, grpc_util::PeerServerCredentials(*tls), &port);
  builder.SetMaxReceiveMessageSize(internode::kMaxPeerMessageBytes);
  builder.RegisterService(internode_.get());
  peer_server_ = builder.BuildAndStart();
  if (peer_server_ == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("peer address ", listen, ": cannot listen there (port in use?)"));
  }
  peer_address_ = absl::StrCat(listen.substr(0, listen.rfind(':')), ":", port);
  internode::PeerClients* peers = peers_.get();
  dossier_service::DossierEngine* engine = engine_.get();
  const std::string self_id = options.node_id;
  engine_->SetRemoteLookup([engine, peers, topology,
                            self_id](absl::string_view code) -> absl::StatusOr<dossier::Dossier> {
    MOTCUA_ASSIGN_OR_RETURN(
        v1::LookupDossierResponse r,
        internode::LookupAnywhere(*engine, *peers, *topology, self_id, code, /*hop_limit=*/3));
    dossier::Dossier d = dossier_service::FromProto(r.dossier());
    d.held_by = r.held_by_node() == self_id ? "" : r.held_by_node();
    return d;
  });
  // Hand-offs only ever go to a tree neighbour (NextHop): the parent and the children.
  std::vector<std::string> hops;
  if (!self->parent.empty()) hops.push_back(self->parent);
  for (const auto& n : topology->nodes()) {
    if (n.parent == options.node_id) hops.push_back(n.id);
  }
  handoff_sender_ = std::make_unique<internode::HandoffSender>(
      *store_, storage::BlobStore(options.data_dir + "/blobs"), *peers_, std::move(hops),
      SystemClock::Get());
  handoff_sender_->Start();
  LogInfo("motcuad", "liên thông ready",
          {{"node", options.node_id},
           {"peer_address", peer_address_},
           {"certificate_expires", absl::FormatTime(tls->not_after)},
           {"nodes", absl::StrCat(topology->nodes().size())}});
  return absl::OkStatus();
}

void Node::Shutdown() {
  sync_.reset();  // the sync job finishes the dossiers in flight before the store closes
  // Liên thông: no new deliveries out, then none in; both before the store closes.
  if (handoff_sender_) handoff_sender_->Stop();
  if (peer_server_) {
    peer_server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    peer_server_->Wait();
    peer_server_.reset();
  }
  if (http_) {
    http_->Shutdown();
    http_.reset();
  }
  if (server_) {
    server_->GetHealthCheckService()->SetServingStatus(false);
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    server_->Wait();
    server_.reset();
  }
  store_.reset();
}

Node::~Node() { Shutdown(); }

}  // namespace motcua::motcuad
