#include "services/motcuad/node.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/str_cat.h"
#include "services/catalog_import/catalog_import.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"

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

  node->catalog_ =
      std::make_unique<catalog_service::CatalogServiceImpl>(*node->store_, SystemClock::Get());
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  // SO_REUSEPORT would let two nodes share a port silently; a busy port must be an error.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(node->catalog_.get());
  node->server_ = builder.BuildAndStart();
  if (node->server_ == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat(
        "--listen ", options.listen,
        ": cannot listen there (is the port in use by another process, or the host not an "
        "address of this machine?)"));
  }
  node->address_ = absl::StrCat(options.listen.substr(0, options.listen.rfind(':')), ":", port);
  node->server_->GetHealthCheckService()->SetServingStatus(true);
  return node;
}

void Node::Shutdown() {
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
