#include "services/internode/handoff_sender.h"

#include <algorithm>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "storage/handoff_store.h"

namespace motcua::internode {
namespace {

constexpr absl::Duration kCallDeadline = absl::Seconds(20);
constexpr absl::Duration kIdlePoll = absl::Milliseconds(200);

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
                             const Clock& clock)
    : store_(store), blobs_(std::move(blobs)), peers_(peers), clock_(clock) {}

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
  std::vector<storage::HandoffOutboxRow> heads;
  {
    auto db = store_.Read();
    auto h = storage::HandoffHeads(*db);
    if (!h.ok()) {
      LogError("internode.handoff", "cannot read the hand-off outbox",
               {{"error", h.status().ToString()}});
      return false;
    }
    heads = *std::move(h);
  }
  static thread_local std::mt19937 rng(std::random_device{}());
  bool delivered = false;
  for (const storage::HandoffOutboxRow& row : heads) {
    if (stop_.HasBeenNotified()) break;
    const absl::Time now = clock_.Now();
    if (row.next_attempt_time > now) continue;
    v1::DeliverHandoffRequest req;
    absl::Status status;
    if (!req.mutable_handoff()->ParseFromString(row.payload)) {
      status = absl::DataLossError("the queued hand-off does not parse");
    }
    for (const auto& paper : req.handoff().dossier().attachments()) {
      if (!status.ok()) break;
      auto content = blobs_.Get(paper.sha256());
      if (!content.ok()) {
        status = content.status();
        break;
      }
      auto* f = req.add_files();
      f->set_sha256(paper.sha256());
      f->set_content(*std::move(content));
    }
    v1::DeliverHandoffResponse resp;
    if (status.ok()) {
      auto stub = peers_.For(row.next_hop);
      if (!stub.ok()) {
        status = stub.status();
      } else {
        grpc::ClientContext ctx;
        ctx.set_deadline(absl::ToChronoTime(absl::Now() + kCallDeadline));
        {
          absl::MutexLock lock(&mu_);
          in_flight_ = &ctx;
        }
        grpc::Status s = (*stub)->DeliverHandoff(&ctx, req, &resp);
        {
          absl::MutexLock lock(&mu_);
          in_flight_ = nullptr;
        }
        if (!s.ok()) {
          status = absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
        }
      }
    }
    if (status.ok()) {
      const absl::Time receive_time = absl::FromUnixSeconds(resp.receive_time().seconds());
      absl::Status w = WriteAndWait(store_, [&](storage::Database& db) {
        return storage::MarkHandoffDelivered(db, row.id, clock_.Now(), receive_time);
      });
      if (!w.ok()) {
        LogError("internode.handoff", "cannot mark a hand-off delivered",
                 {{"key", row.header.key}, {"error", w.ToString()}});
        continue;
      }
      LogInfo("internode.handoff", resp.applied() ? "delivered" : "delivered (duplicate)",
              {{"key", row.header.key},
               {"dossier", row.header.dossier_code},
               {"to", row.next_hop},
               {"destination", row.header.destination_node},
               {"attempts", absl::StrCat(row.attempts + 1)}});
      delivered = true;
      continue;
    }
    const int attempts = row.attempts + 1;
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    const absl::Duration wait = Backoff(attempts) * jitter(rng);
    absl::Status w = WriteAndWait(store_, [&](storage::Database& db) {
      return storage::RecordHandoffFailure(db, row.id, status.ToString(), clock_.Now() + wait);
    });
    LogWarning("internode.handoff", "delivery failed; will retry",
               {{"key", row.header.key},
                {"dossier", row.header.dossier_code},
                {"to", row.next_hop},
                {"attempt", absl::StrCat(attempts)},
                {"retry_in", absl::FormatDuration(absl::Trunc(wait, absl::Milliseconds(1)))},
                {"error", status.ToString()}});
    if (!w.ok()) {
      LogError("internode.handoff", "cannot record a failed delivery", {{"error", w.ToString()}});
    }
  }
  return delivered;
}

}  // namespace motcua::internode
