#include "services/internode/peer_clients.h"

#include <grpcpp/create_channel.h>

#include "absl/strings/str_cat.h"

namespace motcua::internode {

absl::StatusOr<std::shared_ptr<v1::InterNodeService::Stub>> PeerClients::For(
    const std::string& node_id) {
  absl::MutexLock lock(&mu_);
  auto it = stubs_.find(node_id);
  if (it != stubs_.end()) return it->second;
  const topology::NodeInfo* node = topology_->Find(node_id);
  if (node == nullptr) {
    return absl::NotFoundError(absl::StrCat("node ", node_id, " is not in the topology"));
  }
  grpc::ChannelArguments args = grpc_util::PeerChannelArguments(node_id);
  args.SetMaxReceiveMessageSize(kMaxPeerMessageBytes);
  args.SetMaxSendMessageSize(kMaxPeerMessageBytes);
  // A commune uplink drops: retry connecting soon after it comes back, not minutes later.
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  auto channel =
      grpc::CreateCustomChannel(node->address, grpc_util::PeerChannelCredentials(tls_), args);
  auto stub = std::shared_ptr<v1::InterNodeService::Stub>(v1::InterNodeService::NewStub(channel));
  stubs_[node_id] = stub;
  return stub;
}

}  // namespace motcua::internode
