#include "services/internode/internode_service.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/dossier_service/handoff_codec.h"
#include "services/grpc_util/status_conversion.h"
#include "services/grpc_util/tls_credentials.h"

namespace motcua::internode {
namespace {

// The unit whose agency code opens a dossier code ("H44.07900-261127-0001" → "07900"; the
// province's "000.00.00.H44-…" → the province), or "" when the code does not say.
std::string UnitOfCode(const topology::Topology& topology, absl::string_view code) {
  const std::string upper = absl::AsciiStrToUpper(code);
  const size_t dash = upper.find('-');
  if (dash == std::string::npos) return "";
  absl::string_view agency = absl::string_view(upper).substr(0, dash);
  if (absl::StartsWith(agency, "000.00.00.")) {
    for (const auto& n : topology.nodes()) {
      if (n.parent.empty() && !n.units.empty()) return n.units.front();
    }
    return "";
  }
  const size_t dot = agency.rfind('.');
  return dot == absl::string_view::npos ? "" : std::string(agency.substr(dot + 1));
}

}  // namespace

absl::Status InterNodeServiceImpl::Admit(const std::string& peer,
                                         const dossier_service::HandoffMessage& m) const {
  const storage::HandoffHeader& h = m.header;
  if (peer.empty()) return absl::UnauthenticatedError("the call carries no client certificate");
  if (topology_->Find(peer) == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat("certificate names node ", peer, ", which the topology does not know"));
  }
  if (topology_->Find(h.origin_node) == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat("origin node ", h.origin_node, " is not in the topology"));
  }
  // The caller is the origin, or the neighbour on the tree path from it (a relay).
  if (peer != h.origin_node) {
    absl::StatusOr<std::string> previous = topology_->NextHop(self_, h.origin_node);
    if (!previous.ok() || *previous != peer) {
      return absl::PermissionDeniedError(
          absl::StrCat("node ", peer, " delivers a hand-off of node ", h.origin_node,
                       " but is not on the path from it to ", self_));
    }
  }
  // A key belongs to its origin, so no node can take (and so drop) another node's hand-offs.
  if (!absl::StartsWith(h.key, absl::StrCat(h.origin_node, "/"))) {
    return absl::PermissionDeniedError(
        absl::StrCat("hand-off key ", h.key, " is not one of node ", h.origin_node));
  }
  // The units are the dossier's own: a transfer goes from its receiving unit to its competent
  // unit, a result back.
  const bool transfer = h.kind == storage::HandoffKind::kTransfer;
  const std::string& sender_unit = transfer ? m.dossier.receiving_unit : m.dossier.competent_unit;
  const std::string& taker_unit = transfer ? m.dossier.competent_unit : m.dossier.receiving_unit;
  if (h.from_unit != sender_unit || h.to_unit != taker_unit) {
    return absl::PermissionDeniedError(absl::StrCat(
        "hand-off ", h.key, " goes from unit ", h.from_unit, " to ", h.to_unit, " but dossier ",
        h.dossier_code, " goes from ", sender_unit, " to ", taker_unit));
  }
  // A transfer leaves from the desk that received it: the unit its code names (a unit merged
  // since resolves to its successor's node).
  if (transfer) {
    const std::string code_unit = UnitOfCode(*topology_, h.dossier_code);
    if (topology_->NodeForUnit(code_unit) != nullptr &&
        !topology_->Serves(h.origin_node, code_unit)) {
      return absl::PermissionDeniedError(
          absl::StrCat("dossier ", h.dossier_code, " was received at unit ", code_unit,
                       ", which node ", h.origin_node, " does not serve"));
    }
  }
  if (!topology_->Serves(h.origin_node, h.from_unit)) {
    return absl::PermissionDeniedError(absl::StrCat("node ", h.origin_node, " does not serve unit ",
                                                    h.from_unit,
                                                    ", which the hand-off comes from"));
  }
  if (topology_->Find(h.destination_node) == nullptr ||
      !topology_->Serves(h.destination_node, h.to_unit)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "handoff.destination_node: node ", h.destination_node, " does not serve unit ", h.to_unit));
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* InterNodeServiceImpl::DeliverHandoff(grpc::CallbackServerContext* ctx,
                                                               const v1::DeliverHandoffRequest* req,
                                                               v1::DeliverHandoffResponse* resp) {
  const std::string peer = grpc_util::PeerNodeId(*ctx);
  auto message = dossier_service::FromProto(req->handoff());
  absl::Status admitted = message.ok() ? Admit(peer, *message) : message.status();
  if (!admitted.ok()) {
    LogWarning("internode.handoff", "refused a hand-off",
               {{"peer", peer.empty() ? "(no certificate)" : peer},
                {"key", req->handoff().key()},
                {"dossier", req->handoff().dossier().code()},
                {"reason", admitted.ToString()}});
    return FinishNow(ctx, admitted);
  }
  dossier_service::IncomingHandoff in;
  in.peer_node = peer;
  in.message = *std::move(message);
  in.payload = req->handoff().SerializeAsString();
  for (const auto& f : req->files()) in.files.emplace_back(f.sha256(), f.content());
  auto* reactor = ctx->DefaultReactor();
  const std::string key = req->handoff().key();
  engine_.ReceiveHandoff(
      std::move(in), [reactor, resp, key, peer](absl::StatusOr<dossier_service::HandoffReceipt> r) {
        if (!r.ok()) {
          LogWarning("internode.handoff", "could not take a hand-off",
                     {{"peer", peer}, {"key", key}, {"reason", r.status().ToString()}});
          reactor->Finish(ToGrpcStatus(r.status()));
          return;
        }
        resp->set_applied(r->applied);
        resp->mutable_receive_time()->set_seconds(absl::ToUnixSeconds(r->receive_time));
        reactor->Finish(grpc::Status::OK);
      });
  return reactor;
}

grpc::ServerUnaryReactor* InterNodeServiceImpl::LookupDossier(grpc::CallbackServerContext* ctx,
                                                              const v1::LookupDossierRequest* req,
                                                              v1::LookupDossierResponse* resp) {
  const std::string peer = grpc_util::PeerNodeId(*ctx);
  if (peer.empty() || topology_->Find(peer) == nullptr) {
    return FinishNow(ctx, absl::PermissionDeniedError("lookups are for the topology's nodes"));
  }
  auto r = LookupAnywhere(engine_, peers_, *topology_, self_, req->code(),
                          std::min(req->hop_limit(), 4), /*asked_by_peer=*/true);
  if (r.ok()) *resp = *std::move(r);
  return FinishNow(ctx, r.status());
}

absl::StatusOr<v1::LookupDossierResponse> LookupAnywhere(
    dossier_service::DossierEngine& engine, PeerClients& peers, const topology::Topology& topology,
    const std::string& self, absl::string_view code, int hop_limit, bool asked_by_peer) {
  auto local = engine.GetHere(code);
  std::string ask;
  if (local.ok()) {
    if (local->held_by.empty()) {
      v1::LookupDossierResponse resp;
      resp.set_held_by_node(self);
      resp.set_home_node(local->home_node.empty() ? self : local->home_node);
      dossier_service::ToProto(*local, resp.mutable_dossier());
      return resp;
    }
    ask = local->held_by;
  } else if (absl::IsNotFound(local.status()) && !asked_by_peer) {
    const topology::NodeInfo* home = topology.NodeForUnit(UnitOfCode(topology, code));
    if (home == nullptr || home->id == self) return local.status();
    ask = home->id;
  } else {
    return local.status();
  }
  if (hop_limit <= 0) {
    return absl::NotFoundError(
        absl::StrCat("dossier ", code, " was not found (last seen at node ", ask, ")"));
  }
  auto stub = peers.For(ask);
  if (!stub.ok()) return stub.status();
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  v1::LookupDossierRequest req;
  req.set_code(std::string(code));
  req.set_hop_limit(hop_limit - 1);
  v1::LookupDossierResponse resp;
  grpc::Status s = (*stub)->LookupDossier(&ctx, req, &resp);
  if (!s.ok()) {
    return absl::Status(FromGrpcStatus(s).code(),
                        absl::StrCat("node ", ask, ": ", s.error_message()));
  }
  return resp;
}

}  // namespace motcua::internode
