// File: services/internode/internode_service.h
// motcua.v1.InterNodeService on a node's peer address (mutual TLS only). Every call is made by
// the node its verified client certificate names; a hand-off is taken only from the node that
// serves its sending unit, or relayed by the neighbour on the tree path from it. A refusal is
// logged with the peer and the reason, and nothing is written.
#ifndef MOTCUA_SERVICES_INTERNODE_INTERNODE_SERVICE_H_
#define MOTCUA_SERVICES_INTERNODE_INTERNODE_SERVICE_H_

#include <memory>
#include <string>

#include "motcua/v1/internode_service.grpc.pb.h"
#include "services/dossier_service/dossier_engine.h"
#include "services/dossier_service/handoff_codec.h"
#include "services/internode/peer_clients.h"
#include "services/topology/topology.h"

namespace motcua::internode {

class InterNodeServiceImpl final : public v1::InterNodeService::CallbackService {
 public:
  InterNodeServiceImpl(dossier_service::DossierEngine& engine, PeerClients& peers, std::string self,
                       std::shared_ptr<const topology::Topology> topology)
      : engine_(engine), peers_(peers), self_(std::move(self)), topology_(std::move(topology)) {}

  grpc::ServerUnaryReactor* DeliverHandoff(grpc::CallbackServerContext* ctx,
                                           const v1::DeliverHandoffRequest* req,
                                           v1::DeliverHandoffResponse* resp) override;
  grpc::ServerUnaryReactor* LookupDossier(grpc::CallbackServerContext* ctx,
                                          const v1::LookupDossierRequest* req,
                                          v1::LookupDossierResponse* resp) override;

  // Whether `peer` may deliver `m`: it is the origin or the neighbour on the path from it, the
  // key is the origin's, the units are the dossier's own and the origin serves the sending
  // unit. The reason when not.
  absl::Status Admit(const std::string& peer, const dossier_service::HandoffMessage& m) const;

 private:
  dossier_service::DossierEngine& engine_;
  PeerClients& peers_;
  const std::string self_;
  const std::shared_ptr<const topology::Topology> topology_;
};

// The dossier `code` wherever it is: this node's copy when this node holds it, else the answer
// of the node that does (asked over mutual TLS, following at most `hop_limit` nodes). For the
// node's own APIs (DossierEngine's remote lookup) and the service above. A node asked by a peer
// follows only its own copy's held_by: a dossier still in transit is not found rather than
// bounced between nodes.
absl::StatusOr<v1::LookupDossierResponse> LookupAnywhere(
    dossier_service::DossierEngine& engine, PeerClients& peers, const topology::Topology& topology,
    const std::string& self, absl::string_view code, int hop_limit, bool asked_by_peer = false);

}  // namespace motcua::internode

#endif  // MOTCUA_SERVICES_INTERNODE_INTERNODE_SERVICE_H_
