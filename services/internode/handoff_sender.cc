#include "services/internode/handoff_sender.h"

#include <algorithm>
#include <random>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/grpc_util/status_conversion.h"
#include "storage/handoff_store.h"

namespace motcua::internode {
namespace {

// A call gets 20 s plus the time its bytes take at 128 KiB/s (a slow commune uplink): a dossier
// with 50 MB of scans is not cut off at every attempt.
absl::Duration CallDeadline(size_t bytes) {
  return absl::Seconds(20) + absl::Seconds(static_cast<double>(bytes) / (128 << 10));
}
constexpr absl::Duration kIdlePoll = absl::Milliseconds(200);
// Hand-offs sent to one hop before their deliveries are committed, out of a window of the hop's
// oldest (refused dossiers parked at its head do not stop the others behind them).
constexpr int kBatch = 32;
constexpr int kWindow = 256;

// ×0.5–1.5, so nodes cut off together do not come back in step.
double Jitter() {
  static thread_local std::mt19937 rng(std::random_device{}());
  return std::uniform_real_distribution<double>(0.5, 1.5)(rng);
}

// Failures of the link itself (the peer unreachable, slow or overloaded), as opposed to the peer
// refusing one hand-off.
bool IsLinkFailure(const absl::Status& s) {
  switch (s.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kUnknown:
      return true;
    default:
      return false;
  }
}

}  // namespace

HandoffSender::HandoffSender(storage::Store& store, storage::BlobStore blobs, PeerClients& peers,
                             std::vector<std::string> hops, const Clock& clock)
    : store_(store),
      blobs_(std::move(blobs)),
      peers_(peers),
      hops_(std::move(hops)),
      clock_(clock) {}

HandoffSender::~HandoffSender() { Stop(); }

void HandoffSender::Start() {
  thread_ = std::thread([this] { Run(); });
}

void HandoffSender::Stop() {
  if (!thread_.joinable()) return;
  if (!stop_.HasBeenNotified()) stop_.Notify();
  {
    absl::MutexLock lock(&mu_);
    if (in_flight_ != nullptr) in_flight_->TryCancel();
  }
  thread_.join();
}

absl::Duration HandoffSender::Backoff(int attempts) {
  absl::Duration d = absl::Milliseconds(500);
  for (int i = 1; i < attempts && d < absl::Seconds(60); ++i) d *= 2;
  return std::min(d, absl::Seconds(60));
}

void HandoffSender::Run() {
  while (!stop_.HasBeenNotified()) {
    if (Pass()) continue;
    stop_.WaitForNotificationWithTimeout(kIdlePoll);
  }
}

bool HandoffSender::Pass() {
  bool delivered = false;
  for (const std::string& hop : hops_) {
    if (stop_.HasBeenNotified()) break;
    if (DeliverBatch(hop) > 0) delivered = true;
  }
  return delivered;
}

absl::StatusOr<v1::DeliverHandoffResponse> HandoffSender::Send(
    const storage::HandoffOutboxRow& row) {
  v1::DeliverHandoffRequest req;
  if (!req.mutable_handoff()->ParseFromString(row.payload)) {
    return absl::DataLossError("the queued hand-off does not parse");
  }
  for (const auto& paper : req.handoff().dossier().attachments()) {
    auto content = blobs_.Get(paper.sha256());
    if (!content.ok()) return content.status();
    auto* f = req.add_files();
    f->set_sha256(paper.sha256());
    f->set_content(*std::move(content));
  }
  auto stub = peers_.For(row.next_hop);
  if (!stub.ok()) return stub.status();
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + CallDeadline(req.ByteSizeLong())));
  {
    absl::MutexLock lock(&mu_);
    if (stop_.HasBeenNotified()) return absl::CancelledError("stopping");
    in_flight_ = &ctx;
  }
  v1::DeliverHandoffResponse resp;
  grpc::Status s = (*stub)->DeliverHandoff(&ctx, req, &resp);
  {
    absl::MutexLock lock(&mu_);
    in_flight_ = nullptr;
  }
  if (!s.ok()) return FromGrpcStatus(s);
  return resp;
}

int HandoffSender::DeliverBatch(const std::string& hop) {
  std::vector<storage::HandoffOutboxRow> rows;
  {
    auto db = store_.Read();
    auto queue = storage::HandoffQueue(*db, hop, kWindow, clock_.Now());
    if (!queue.ok()) {
      LogError("internode.handoff", "cannot read the hand-off outbox",
               {{"to", hop}, {"error", queue.status().ToString()}});
      return 0;
    }
    rows = *std::move(queue);
  }
  if (rows.empty()) return 0;
  // Acknowledged ones, marked delivered together: one commit per batch, not per hand-off.
  std::vector<std::pair<const storage::HandoffOutboxRow*, absl::Time>> acked;
  struct Failure {
    const storage::HandoffOutboxRow* row;
    absl::Status status;
    absl::Duration wait;
  };
  std::vector<Failure> failed;
  // Dossiers with an earlier hand-off waiting on this link: theirs keep their order.
  std::set<std::string> parked;
  const absl::Time now = clock_.Now();
  int sent = 0;
  for (const storage::HandoffOutboxRow& row : rows) {
    if (stop_.HasBeenNotified() || sent == kBatch) break;
    if (parked.count(row.header.dossier_code)) continue;
    if (row.next_attempt_time > now) {
      // Refused: its dossier waits, the others go on. A link backing off: everything waits.
      if (!row.refused) break;
      parked.insert(row.header.dossier_code);
      continue;
    }
    ++sent;
    absl::StatusOr<v1::DeliverHandoffResponse> resp = Send(row);
    if (!resp.ok()) {
      failed.push_back({&row, resp.status(), Backoff(row.attempts + 1) * Jitter()});
      // The link is down: nothing behind it goes either. The peer refused this one: the other
      // dossiers' hand-offs go on, this dossier's wait behind it.
      if (IsLinkFailure(resp.status())) break;
      parked.insert(row.header.dossier_code);
      continue;
    }
    acked.emplace_back(&row, absl::FromUnixSeconds(resp->receive_time().seconds()));
    LogInfo("internode.handoff", resp->applied() ? "delivered" : "delivered (duplicate)",
            {{"key", row.header.key},
             {"dossier", row.header.dossier_code},
             {"to", row.next_hop},
             {"destination", row.header.destination_node},
             {"attempts", absl::StrCat(row.attempts + 1)}});
  }
  if (acked.empty() && failed.empty()) return 0;
  absl::Status w = store_.writer().Write([&](storage::Database& db) -> absl::Status {
    const absl::Time now = clock_.Now();
    for (const auto& [row, receive_time] : acked) {
      MOTCUA_RETURN_IF_ERROR(storage::MarkHandoffDelivered(db, row->id, now, receive_time));
    }
    for (const Failure& f : failed) {
      MOTCUA_RETURN_IF_ERROR(storage::RecordHandoffFailure(db, f.row->id, f.status.ToString(),
                                                           now + f.wait, !IsLinkFailure(f.status)));
    }
    return absl::OkStatus();
  });
  if (!w.ok()) {
    // The peer keeps them: sent again later, they are acknowledged as duplicates.
    LogError("internode.handoff", "cannot record deliveries",
             {{"to", hop}, {"error", w.ToString()}});
  }
  for (const Failure& f : failed) {
    LogWarning("internode.handoff",
               IsLinkFailure(f.status) ? "delivery failed; will retry"
                                       : "refused by the peer; this dossier waits, will retry",
               {{"key", f.row->header.key},
                {"dossier", f.row->header.dossier_code},
                {"to", hop},
                {"attempt", absl::StrCat(f.row->attempts + 1)},
                {"retry_in", absl::FormatDuration(absl::Trunc(f.wait, absl::Milliseconds(1)))},
                {"error", f.status.ToString()}});
  }
  return w.ok() ? static_cast<int>(acked.size()) : 0;
}

}  // namespace motcua::internode
