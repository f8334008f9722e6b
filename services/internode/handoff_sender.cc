#include "services/internode/handoff_sender.h"

#include <algorithm>
#include <optional>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "storage/handoff_store.h"

namespace motcua::internode {
namespace {

constexpr absl::Duration kCallDeadline = absl::Seconds(20);
constexpr absl::Duration kIdlePoll = absl::Milliseconds(200);
// Hand-offs sent to one hop before their deliveries are committed.
constexpr int kBatch = 32;

// ×0.5–1.5, so nodes cut off together do not come back in step.
double Jitter() {
  static thread_local std::mt19937 rng(std::random_device{}());
  return std::uniform_real_distribution<double>(0.5, 1.5)(rng);
}

// Runs `work` on the writer and waits for its commit.
absl::Status WriteAndWait(storage::Store& store,
                          std::function<absl::Status(storage::Database&)> work) {
  absl::Notification committed;
  absl::Status result;
  store.writer().Submit(std::move(work), [&](absl::Status s) {
    result = s;
    committed.Notify();
  });
  committed.WaitForNotification();
  return result;
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
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + kCallDeadline));
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
  if (!s.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
  }
  return resp;
}

int HandoffSender::DeliverBatch(const std::string& hop) {
  std::vector<storage::HandoffOutboxRow> rows;
  {
    auto db = store_.Read();
    auto queue = storage::HandoffQueue(*db, hop, kBatch);
    if (!queue.ok()) {
      LogError("internode.handoff", "cannot read the hand-off outbox",
               {{"to", hop}, {"error", queue.status().ToString()}});
      return 0;
    }
    rows = *std::move(queue);
  }
  if (rows.empty() || rows.front().next_attempt_time > clock_.Now()) return 0;
  // Acknowledged ones, marked delivered together: one commit per batch, not per hand-off.
  std::vector<std::pair<const storage::HandoffOutboxRow*, absl::Time>> acked;
  std::optional<std::pair<const storage::HandoffOutboxRow*, absl::Status>> failed;
  for (const storage::HandoffOutboxRow& row : rows) {
    if (stop_.HasBeenNotified()) break;
    absl::StatusOr<v1::DeliverHandoffResponse> resp = Send(row);
    if (!resp.ok()) {
      failed.emplace(&row, resp.status());
      break;
    }
    acked.emplace_back(&row, absl::FromUnixSeconds(resp->receive_time().seconds()));
    LogInfo("internode.handoff", resp->applied() ? "delivered" : "delivered (duplicate)",
            {{"key", row.header.key},
             {"dossier", row.header.dossier_code},
             {"to", row.next_hop},
             {"destination", row.header.destination_node},
             {"attempts", absl::StrCat(row.attempts + 1)}});
  }
  absl::Duration wait;
  if (failed) wait = Backoff(failed->first->attempts + 1) * Jitter();
  if (acked.empty() && !failed) return 0;
  absl::Status w = WriteAndWait(store_, [&](storage::Database& db) -> absl::Status {
    const absl::Time now = clock_.Now();
    for (const auto& [row, receive_time] : acked) {
      MOTCUA_RETURN_IF_ERROR(storage::MarkHandoffDelivered(db, row->id, now, receive_time));
    }
    if (failed) {
      MOTCUA_RETURN_IF_ERROR(storage::RecordHandoffFailure(db, failed->first->id,
                                                           failed->second.ToString(), now + wait));
    }
    return absl::OkStatus();
  });
  if (!w.ok()) {
    // The peer keeps them: sent again later, they are acknowledged as duplicates.
    LogError("internode.handoff", "cannot record deliveries",
             {{"to", hop}, {"error", w.ToString()}});
  }
  if (failed) {
    LogWarning("internode.handoff", "delivery failed; will retry",
               {{"key", failed->first->header.key},
                {"dossier", failed->first->header.dossier_code},
                {"to", hop},
                {"attempt", absl::StrCat(failed->first->attempts + 1)},
                {"retry_in", absl::FormatDuration(absl::Trunc(wait, absl::Milliseconds(1)))},
                {"error", failed->second.ToString()}});
  }
  return w.ok() ? static_cast<int>(acked.size()) : 0;
}

}  // namespace motcua::internode
