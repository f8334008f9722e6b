// DossierEngine: liên thông across nodes (services/internode carries the bytes). A dossier
// received at a desk whose competent unit another node serves leaves in a TRANSFER hand-off; when
// the competent unit has finished with it (result issued, stopped, refused, withdrawn) it goes
// back to the node that keeps the appointment in a RESULT hand-off. Both are written to the
// outbox in the transaction of the change, with a "handoff-send" event that is part of the copy,
// so the two nodes hold one hash chain. While a dossier is held elsewhere this node only reads it.
#include <filesystem>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/dossier/forms.h"
#include "services/dossier_service/dossier_engine.h"
#include "services/dossier_service/handoff_codec.h"
#include "storage/catalog_store.h"
#include "storage/dossier_change.h"
#include "storage/event_log.h"
#include "storage/handoff_store.h"

namespace motcua::dossier_service {
namespace {

using dossier::Dossier;
using workflow::Status;

bool FinishedByCompetentUnit(Status s) {
  return s == Status::kWithdrawn || s == Status::kStopped || s == Status::kResolved;
}

}  // namespace

void DossierEngine::SetNetwork(NetworkConfig network) {
  absl::MutexLock lock(&network_mu_);
  network_ = std::move(network);
}

void DossierEngine::SetRemoteLookup(RemoteLookup lookup) {
  absl::MutexLock lock(&network_mu_);
  remote_lookup_ = std::move(lookup);
}

absl::StatusOr<Dossier> DossierEngine::GetWherever(absl::string_view code) {
  absl::StatusOr<Dossier> here = GetHere(code);
  if (here.ok() && here->held_by.empty()) return here;
  if (!here.ok() && !absl::IsNotFound(here.status())) return here;
  RemoteLookup lookup;
  {
    absl::MutexLock lock(&network_mu_);
    lookup = remote_lookup_;
  }
  if (!lookup) return here;
  absl::StatusOr<Dossier> there = lookup(code);
  if (there.ok()) return there;
  if (here.ok()) {
    // The holder is out of reach: this node's copy, as it was when it left, still says where.
    LogWarning("internode.lookup", "holder unreachable; answering with the local copy",
               {{"dossier", here->code},
                {"held_by", here->held_by},
                {"error", there.status().ToString()}});
    return here;
  }
  return there;
}

NetworkConfig DossierEngine::network() const {
  absl::MutexLock lock(&network_mu_);
  return network_;
}

absl::Status DossierEngine::CheckHeldHere(const Dossier& d) {
  if (d.held_by.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("dossier ", d.code, " is being handled at node ", d.held_by,
                   " (liên thông); it changes there until it comes back"));
}

absl::StatusOr<absl::Time> DossierEngine::TransferDeadline(const Dossier& d, absl::Time now) const {
  // The desk forwards within the day, or by the next working morning when it received after
  // 15:00 (Decree 61 Art. 18.3): by the end of the transfer day's morning session at the latest.
  const calendar::WorkingCalendar cal = CalendarFor(d.receiving_unit);
  const absl::Time start = d.transfer_time.value_or(now);
  if (d.received_time && start > *d.received_time) {
    return cal.AddWorkingTime(start, absl::Hours(4));
  }
  return cal.EndOfWorkingDay(cal.LocalDay(start));
}

absl::Status DossierEngine::QueueHandoffIfDue(storage::Database& db, Dossier& d, absl::Time now) {
  const NetworkConfig net = network();
  if (!net.topology || !d.held_by.empty()) return absl::OkStatus();
  storage::HandoffHeader h;
  h.dossier_code = d.code;
  h.origin_node = net.self;
  h.send_time = now;
  if (d.status == Status::kReceived && d.step == workflow::Step::kAwaitingAssignment) {
    const topology::NodeInfo* node = net.topology->NodeForUnit(d.competent_unit);
    if (node == nullptr || node->id == net.self) return absl::OkStatus();
    h.kind = storage::HandoffKind::kTransfer;
    h.destination_node = node->id;
    h.from_unit = d.receiving_unit;
    h.to_unit = d.competent_unit;
    MOTCUA_ASSIGN_OR_RETURN(h.deadline, TransferDeadline(d, now));
  } else if (!d.home_node.empty() && FinishedByCompetentUnit(d.status)) {
    h.kind = storage::HandoffKind::kResult;
    // Back to the node that received it; if that node has left the topology, to the node that
    // serves the receiving unit now.
    const topology::NodeInfo* home = net.topology->Find(d.home_node);
    if (home == nullptr) home = net.topology->NodeForUnit(d.receiving_unit);
    if (home == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat("no node of the topology serves unit ",
                                                        d.receiving_unit, " to return dossier ",
                                                        d.code, " to"));
    }
    h.destination_node = home->id;
    h.from_unit = d.competent_unit;
    h.to_unit = d.receiving_unit;
    h.deadline = d.due_time.value_or(now);
  } else {
    return absl::OkStatus();
  }
  MOTCUA_ASSIGN_OR_RETURN(std::string next_hop,
                          net.topology->NextHop(net.self, h.destination_node));
  MOTCUA_ASSIGN_OR_RETURN(int64_t id, storage::NextHandoffId(db));
  h.key = absl::StrCat(net.self, "/", id);
  // The send is part of the history both nodes share: appended before the copy is taken.
  d.held_by = h.destination_node;
  dossier::Event e;
  e.time = now;
  e.actor = absl::StrCat("node:", net.self);
  e.role = workflow::Role::kSync;
  e.unit = h.from_unit;
  e.action = "handoff-send";
  e.reason =
      absl::StrCat(h.kind == storage::HandoffKind::kTransfer ? "Chuyển hồ sơ liên thông đến "
                                                             : "Chuyển kết quả giải quyết về ",
                   UnitName(db, h.to_unit), " (nút ", h.destination_node, "); hạn ",
                   dossier::VietnameseTime(h.deadline));
  MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
  HandoffMessage m;
  m.header = h;
  m.dossier = d;
  MOTCUA_ASSIGN_OR_RETURN(m.events, storage::LoadEvents(db, d.code));
  v1::Handoff proto;
  ToProto(m, &proto);
  return storage::QueueHandoff(db, h, next_hop, proto.SerializeAsString());
}

void DossierEngine::ReceiveHandoff(IncomingHandoff in,
                                   std::function<void(absl::StatusOr<HandoffReceipt>)> done) {
  const NetworkConfig net = network();
  if (!net.topology) {
    return done(absl::FailedPreconditionError("this node runs without a topology"));
  }
  // Papers first (content-addressed: storing one twice is harmless, and nothing refers to them
  // until the dossier commits).
  for (const auto& [sha, content] : in.files) {
    auto stored = blobs_.Put(content);
    if (!stored.ok()) return done(stored.status());
    if (*stored != sha) {
      return done(absl::InvalidArgumentError(
          absl::StrCat("files: content of ", sha, " has SHA-256 ", *stored)));
    }
  }
  auto shared = std::make_shared<IncomingHandoff>(std::move(in));
  auto receipt = std::make_shared<HandoffReceipt>();
  store_.writer().Submit(
      [this, net, shared, receipt](storage::Database& db) -> absl::Status {
        const storage::HandoffHeader& h = shared->message.header;
        const absl::Time now = clock_.Now();
        MOTCUA_ASSIGN_OR_RETURN(bool fresh,
                                storage::RecordInboxHandoff(db, h, shared->peer_node, now));
        if (!fresh) {
          MOTCUA_ASSIGN_OR_RETURN(std::optional<storage::InboxEntry> first,
                                  storage::FindInboxEntry(db, h.key));
          if (first && (first->dossier_code != h.dossier_code || first->kind != h.kind)) {
            // Not a duplicate: the sender numbers its hand-offs again from a lower id (a store
            // restored from a backup?). Acknowledging it would lose it.
            return absl::FailedPreconditionError(
                absl::StrCat("hand-off key ", h.key, " was used for dossier ", first->dossier_code,
                             ", not ", h.dossier_code, "; node ", h.origin_node,
                             " reuses hand-off numbers (restored from a backup?)"));
          }
          receipt->applied = false;
          receipt->receive_time = first ? first->receive_time : now;
          return absl::OkStatus();
        }
        receipt->applied = true;
        receipt->receive_time = now;
        // Every paper arrived (relays pass them on from their own store).
        for (const auto& a : shared->message.dossier.attachments) {
          std::error_code ec;
          if (!std::filesystem::exists(blobs_.PathOf(a.sha256), ec)) {
            return absl::InvalidArgumentError(
                absl::StrCat("files: paper ", a.file_name, " (", a.sha256, ") did not arrive"));
          }
        }
        if (h.destination_node != net.self) {
          // Relay: on towards the destination, in this node's own order.
          MOTCUA_ASSIGN_OR_RETURN(std::string next_hop,
                                  net.topology->NextHop(net.self, h.destination_node));
          return storage::QueueHandoff(db, h, next_hop, shared->payload);
        }
        auto local = storage::LoadDossier(db, h.dossier_code);
        if (!local.ok() && !absl::IsNotFound(local.status())) return local.status();
        if (local.ok() && local->held_by.empty()) {
          return absl::FailedPreconditionError(
              absl::StrCat("dossier ", h.dossier_code, " is held by this node already"));
        }
        // Only the node that holds a dossier hands it on: no other node can overwrite it here.
        if (local.ok() && local->held_by != h.origin_node) {
          return absl::PermissionDeniedError(absl::StrCat("dossier ", h.dossier_code,
                                                          " is held by node ", local->held_by,
                                                          ", not by node ", h.origin_node));
        }
        if (!local.ok()) {
          // Handled here under a procedure version this node must know.
          const Dossier& in = shared->message.dossier;
          if (!storage::GetProcedure(db, in.procedure_code, in.procedure_version).ok()) {
            return absl::FailedPreconditionError(absl::StrCat(
                "procedure ", in.procedure_code, " version ", in.procedure_version, " of dossier ",
                in.code, " is not in this node's catalogue; import it first"));
          }
        }
        if (h.kind == storage::HandoffKind::kResult && !local.ok()) {
          return absl::FailedPreconditionError(
              absl::StrCat("result for dossier ", h.dossier_code, ", which this node never sent"));
        }
        Dossier d = shared->message.dossier;
        d.held_by.clear();
        d.home_node = h.kind == storage::HandoffKind::kTransfer
                          ? (d.home_node.empty() ? h.origin_node : d.home_node)
                          : "";
        d.revision = static_cast<int64_t>(shared->message.events.size());
        if (local.ok()) {
          MOTCUA_RETURN_IF_ERROR(storage::UpdateDossier(db, d));
        } else {
          // Keep the request id with the node that received the request.
          d.request_id.clear();
          MOTCUA_RETURN_IF_ERROR(storage::InsertDossier(db, d));
        }
        // The history after the row it belongs to; a chain that does not link undoes both.
        MOTCUA_RETURN_IF_ERROR(storage::ImportEvents(db, shared->message.events));
        dossier::Event e;
        e.time = now;
        e.actor = absl::StrCat("node:", h.origin_node);
        e.role = workflow::Role::kSync;
        e.unit = h.to_unit;
        const bool late = now > h.deadline;
        if (h.kind == storage::HandoffKind::kTransfer) {
          e.action = "handoff-receive";
          e.reason = absl::StrCat("Nhận hồ sơ liên thông từ ", UnitName(db, h.from_unit), " (nút ",
                                  h.origin_node, ")");
        } else {
          e.action = "handoff-result";
          e.reason = absl::StrCat("Nhận kết quả giải quyết từ ", UnitName(db, h.from_unit),
                                  " (nút ", h.origin_node, ")");
        }
        if (late) {
          absl::StrAppend(&e.reason, "; chậm so với hạn chuyển ",
                          dossier::VietnameseTime(h.deadline), " (thuộc trách nhiệm ",
                          UnitName(db, h.from_unit), ")");
        }
        MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
        // A result that finishes the competent unit's part at once goes on (a dossier stopped
        // right after it arrived, say): the same rule as any change.
        return QueueHandoffIfDue(db, d, now);
      },
      [receipt, done = std::move(done)](absl::Status s) {
        if (!s.ok()) return done(s);
        done(*receipt);
      });
}

absl::StatusOr<std::vector<storage::HandoffRecord>> DossierEngine::Handoffs(
    const workflow::Actor& actor, absl::string_view code, int limit) {
  auto db = store_.Read();
  std::string canonical;
  if (code.empty()) {
    if (actor.role != workflow::Role::kAdmin && actor.role != workflow::Role::kLeader) {
      return absl::PermissionDeniedError("only admins and leaders list every hand-off");
    }
  } else {
    MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(*db, code));
    MOTCUA_RETURN_IF_ERROR(CanSee(actor, d));
    canonical = d.code;
  }
  return storage::ListHandoffs(*db, canonical, limit);
}

}  // namespace motcua::dossier_service
