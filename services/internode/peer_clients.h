// File: services/internode/peer_clients.h
// One mutual-TLS channel per peer node, made on first use: the channel presents this node's
// certificate and accepts only a server whose certificate, signed by the province CA, names the
// peer's node id. Thread-safe.
#ifndef MOTCUA_SERVICES_INTERNODE_PEER_CLIENTS_H_
#define MOTCUA_SERVICES_INTERNODE_PEER_CLIENTS_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "motcua/v1/internode_service.grpc.pb.h"
#include "services/grpc_util/tls_credentials.h"
#include "services/topology/topology.h"

namespace motcua::internode {

// Hand-offs carry the papers' contents: up to 50 papers of 10 MiB (dossier_engine.h).
inline constexpr int kMaxPeerMessageBytes = 600 << 20;

class PeerClients {
 public:
  PeerClients(grpc_util::LoadedPeerTls tls, std::shared_ptr<const topology::Topology> topology)
      : tls_(std::move(tls)), topology_(std::move(topology)) {}

  // The stub for `node_id` at its topology address; kNotFound for a node the topology lacks.
  absl::StatusOr<std::shared_ptr<v1::InterNodeService::Stub>> For(const std::string& node_id);

 private:
  const grpc_util::LoadedPeerTls tls_;
  const std::shared_ptr<const topology::Topology> topology_;
  absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<v1::InterNodeService::Stub>> stubs_ ABSL_GUARDED_BY(mu_);
};

}  // namespace motcua::internode

#endif  // MOTCUA_SERVICES_INTERNODE_PEER_CLIENTS_H_
