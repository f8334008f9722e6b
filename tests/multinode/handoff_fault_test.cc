// Liên thông under faults, then convergence: the province node SIGKILLed with transfers queued
// and restarted on its data folder and peer port; the province not started yet (connection
// refused); the commune's uplink down for a long stretch while its desk keeps receiving; the
// receiver killed after the call reached it; the sender killed after queueing; a peer that takes
// calls and answers none for a while (SIGSTOP); a relaying district killed while it holds
// hand-offs; a hand-off delivered twice by a test client with a node certificate. After the
// faults: every dossier exactly once at the right node with the right state, one hand-off event
// of each kind, every chain valid, every outbox row delivered, the senders' retries logged.
//
// The sender backs off 0.5 s doubling (×0.5–1.5 jitter), so outages here last a few seconds and
// every wait is a poll with a deadline.
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/multinode/cluster.h"
#include "tests/multinode/cluster_test_base.h"
#include "tests/multinode/round_trip.h"
#include "tests/testing/status_matchers.h"

namespace motcua::multinode {
namespace {

using ::testing::HasSubstr;

constexpr absl::Duration kConverge = absl::Seconds(60);
constexpr char kRetryLine[] = "msg=\"delivery failed; will retry\"";

// Whether an established loopback TCP connection to local port `port` has bytes its process has
// not read yet: a call has reached a node that does not run (SIGSTOP).
// gRPC's sockets are IPv6 ones with v4-mapped addresses, listed in /proc/net/tcp6.
bool UnreadBytesAtPort(int port) {
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
      if (f.size() < 5 || f[3] != "01") continue;  // ESTABLISHED
      std::vector<std::string> local = absl::StrSplit(f[1], ':');
      std::vector<std::string> queues = absl::StrSplit(f[4], ':');
      int local_port = 0;
      int64_t rx = 0;
      if (local.size() != 2 || queues.size() != 2 || !absl::SimpleHexAtoi(local[1], &local_port) ||
          !absl::SimpleHexAtoi(queues[1], &rx)) {
        continue;
      }
      if (local_port == port && rx > 0) return true;
    }
  }
  return false;
}

int PortOf(const std::string& address) {
  int port = 0;
  (void)absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port);
  return port;
}

class HandoffFaultTest : public ClusterTest {
 protected:
  // Receives `n` dossiers at commune-07900 for the province; appends their codes.
  void ReceiveMany(int n, const std::string& tag, std::vector<std::string>* codes) {
    for (int i = 0; i < n; ++i) {
      auto code = cluster_->Receive(kCommune07900, absl::StrCat(tag, "-", i));
      ASSERT_OK(code);
      codes->push_back(*code);
    }
  }

  // The outbox row of `node` for `code` of `kind` (1 TRANSFER, 2 RESULT).
  std::optional<OutboxRow> RowOf(const std::string& node, const std::string& code, int kind = 1) {
    auto rows = cluster_->Outbox(node);
    if (!rows.ok()) return std::nullopt;
    for (const auto& r : *rows) {
      if (r.dossier_code == code && r.kind == kind) return r;
    }
    return std::nullopt;
  }

  void ConvergeAndSettle(const Route& route, const std::vector<std::string>& codes) {
    ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route, codes); }, kConverge))
        << "the transfers did not all arrive at " << route.competent;
    ExpectTransferred(*cluster_, route, codes);
    ASSERT_TRUE(DecideAndReturnAll(*cluster_, route, codes, kConverge));
    ExpectRoundTripsSettled(*cluster_, route, codes);
  }

  const Route route_{kCommune07900, kProvince, {}};
};

TEST_F(HandoffFaultTest, ProvinceKilledWithTransfersQueuedCatchesUpAfterRestart) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kCommune07900));
  std::vector<std::string> codes;
  ReceiveMany(3, "racing", &codes);  // some may be on the wire when the province dies
  cluster_->Pause(kProvince);
  ReceiveMany(3, "queued", &codes);  // queued behind a call the province will never answer
  cluster_->Kill(kProvince);
  ReceiveMany(3, "while-down", &codes);
  ASSERT_TRUE(
      WaitFor([&] { return absl::StrContains(cluster_->Stderr(kCommune07900), kRetryLine); },
              absl::Seconds(20)))
      << "the commune did not log a failed delivery";
  auto undelivered = cluster_->Outbox(kCommune07900);
  ASSERT_OK(undelivered);
  EXPECT_FALSE(undelivered->back().delivered);

  ASSERT_OK(cluster_->Start(kProvince));  // same data folder, same peer port
  ConvergeAndSettle(route_, codes);
}

TEST_F(HandoffFaultTest, ConnectionRefusedUntilTheProvinceStartsThenEverythingArrives) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kCommune07900));
  std::vector<std::string> codes;
  ReceiveMany(5, "refused", &codes);
  // The head of the link is retried with backoff; the rows behind it wait their turn.
  ASSERT_TRUE(WaitFor(
      [&] {
        auto rows = cluster_->Outbox(kCommune07900);
        return rows.ok() && rows->size() == codes.size() && rows->front().attempts >= 2;
      },
      absl::Seconds(20)));
  auto rows = cluster_->Outbox(kCommune07900);
  ASSERT_OK(rows);
  EXPECT_THAT(rows->front().last_error, HasSubstr("UNAVAILABLE"));
  for (size_t i = 1; i < rows->size(); ++i) EXPECT_EQ((*rows)[i].attempts, 0) << (*rows)[i].key;
  for (const auto& r : *rows) EXPECT_FALSE(r.delivered) << r.key;
  const std::string err = cluster_->Stderr(kCommune07900);
  EXPECT_THAT(err, HasSubstr(kRetryLine));
  EXPECT_THAT(err, HasSubstr(absl::StrCat("key=", rows->front().key)));
  EXPECT_THAT(err, HasSubstr("to=province"));
  EXPECT_THAT(err, HasSubstr("retry_in="));

  ASSERT_OK(cluster_->Start(kProvince));
  ConvergeAndSettle(route_, codes);
}

TEST_F(HandoffFaultTest, LongUplinkOutageDeliversEverythingInOrderOnceBack) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kCommune07900));
  std::vector<std::string> codes;
  ReceiveMany(1, "before", &codes);
  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route_, codes); }, kConverge));

  EXPECT_EQ(cluster_->Stop(kProvince), 0);  // the uplink goes down (a clean stop: exit 0)
  // The desk keeps working through the outage, across several failed retries.
  for (int i = 0; i < 12; ++i) {
    ReceiveMany(1, absl::StrCat("outage-", i), &codes);
    absl::SleepFor(absl::Milliseconds(250));
  }
  ASSERT_TRUE(WaitFor(
      [&] {
        auto row = RowOf(kCommune07900, codes[1]);
        return row && row->attempts >= 3;
      },
      absl::Seconds(30)));
  auto kept = cluster_->Dossiers(kCommune07900);
  ASSERT_OK(kept);
  EXPECT_EQ(kept->size(), codes.size());
  // The desk still answers about the dossier the province holds, from its own copy.
  const absl::Time asked = absl::Now();
  auto seen = cluster_->GetDossier(kCommune07900, "clerk.07900", codes[0]);
  ASSERT_OK(seen);
  EXPECT_EQ(seen->state(), v1::Dossier::RECEIVED);
  EXPECT_LT(absl::Now() - asked, absl::Seconds(6));

  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route_, codes); }, kConverge))
      << "the backlog did not drain";
  // One link, one order: the commune's sender delivered (the province committed, then
  // acknowledged) them one by one in the order the desk received them.
  std::vector<std::string> delivered;
  for (absl::string_view line : absl::StrSplit(cluster_->Stderr(kCommune07900), '\n')) {
    if (!absl::StrContains(line, "msg=delivered ")) continue;
    const size_t at = line.find(" dossier=");
    if (at == absl::string_view::npos) continue;
    delivered.emplace_back(line.substr(at + 9, line.find(' ', at + 9) - at - 9));
  }
  EXPECT_EQ(delivered, codes);
  ExpectTransferred(*cluster_, route_, codes);
  ASSERT_TRUE(DecideAndReturnAll(*cluster_, route_, codes, kConverge));
  ExpectRoundTripsSettled(*cluster_, route_, codes);
}

TEST_F(HandoffFaultTest, ReceiverKilledAfterTheCallReachedItTakesTheHandoffOnce) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kCommune07900));
  std::vector<std::string> codes;
  ReceiveMany(1, "warm", &codes);  // the commune's channel to the province is up
  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route_, codes); }, kConverge));

  cluster_->Pause(kProvince);
  ReceiveMany(1, "mid-call", &codes);
  // The call is in the province's socket, unread, when it dies.
  EXPECT_TRUE(WaitFor([&] { return UnreadBytesAtPort(PortOf(cluster_->PeerAddress(kProvince))); },
                      absl::Seconds(10)))
      << "the hand-off call never reached the province's socket";
  cluster_->Kill(kProvince);
  auto row = RowOf(kCommune07900, codes.back());
  ASSERT_TRUE(row.has_value());
  ASSERT_TRUE(WaitFor(
      [&] {
        return absl::StrContains(cluster_->Stderr(kCommune07900), absl::StrCat("key=", row->key));
      },
      absl::Seconds(20)))
      << "the commune did not notice the lost call";
  EXPECT_THAT(cluster_->Stderr(kCommune07900), HasSubstr(kRetryLine));

  ASSERT_OK(cluster_->Start(kProvince));
  ConvergeAndSettle(route_, codes);
}

TEST_F(HandoffFaultTest, SenderKilledAfterQueueingDeliversOnceAfterRestart) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kCommune07900));
  std::vector<std::string> codes;
  ReceiveMany(1, "warm", &codes);
  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route_, codes); }, kConverge));

  // The call leaves the commune, which dies before any answer: the province may still commit it
  // (then the commune's retry is a duplicate) or not (then the retry is the delivery).
  cluster_->Pause(kProvince);
  ReceiveMany(2, "orphaned", &codes);
  WaitFor([&] { return UnreadBytesAtPort(PortOf(cluster_->PeerAddress(kProvince))); },
          absl::Seconds(5));
  cluster_->Kill(kCommune07900);
  cluster_->Resume(kProvince);
  ASSERT_OK(cluster_->Start(kCommune07900));
  ReceiveMany(2, "after-restart", &codes);
  ConvergeAndSettle(route_, codes);
  const std::string err = cluster_->Stderr(kCommune07900);
  RecordProperty("duplicate_after_restart",
                 absl::StrContains(err, "delivered (duplicate)") ? "yes" : "no");
}

TEST_F(HandoffFaultTest, SlowPeerHoldsNoDeskAndGetsEverythingOnceItAnswers) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kCommune07900));
  std::vector<std::string> codes;
  ReceiveMany(1, "warm", &codes);
  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route_, codes); }, kConverge));

  cluster_->Pause(kProvince);
  const absl::Time paused = absl::Now();
  for (int i = 0; i < 5; ++i) {
    const absl::Time start = absl::Now();
    ReceiveMany(1, absl::StrCat("slow-", i), &codes);
    EXPECT_LT(absl::Now() - start, absl::Seconds(5)) << "the desk waited for the province";
  }
  // Keep the province frozen for a few seconds in all (less than the sender's 20 s deadline).
  absl::SleepFor(std::max(absl::ZeroDuration(), absl::Seconds(3) - (absl::Now() - paused)));
  auto stuck = cluster_->Dossiers(kProvince);  // readable while the process is stopped
  ASSERT_OK(stuck);
  EXPECT_EQ(stuck->size(), 1u);
  cluster_->Resume(kProvince);
  ConvergeAndSettle(route_, codes);
}

TEST_F(HandoffFaultTest, DuplicateDeliveryIsAcknowledgedAndChangesNothing) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kCommune07900));
  std::vector<std::string> codes;
  ReceiveMany(1, "dup", &codes);
  auto row = RowOf(kCommune07900, codes[0]);
  ASSERT_TRUE(row.has_value());
  cluster_->Pause(kCommune07900);  // its own sender stays out of the way for now
  ASSERT_OK(cluster_->Start(kProvince));

  auto req = RequestFor(*cluster_, kCommune07900, *row);
  ASSERT_OK(req);
  auto stub =
      PeerStub(cluster_->PeerAddress(kProvince), kProvince, ReadFileOrEmpty(cluster_->CaFile()),
               ReadFileOrEmpty(cluster_->CertFile(kCommune07900)),
               ReadFileOrEmpty(cluster_->KeyFile(kCommune07900)));
  v1::DeliverHandoffResponse first;
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(20));
    grpc::Status s = stub->DeliverHandoff(&ctx, *req, &first);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    EXPECT_TRUE(first.applied());
  }
  auto counts = cluster_->Counts(kProvince);
  ASSERT_OK(counts);
  auto events = cluster_->Events(kProvince, codes[0]);
  ASSERT_OK(events);
  auto dossiers = cluster_->Dossiers(kProvince);
  ASSERT_OK(dossiers);
  ASSERT_EQ(dossiers->size(), 1u);

  absl::SleepFor(absl::Milliseconds(1100));  // a second receive_time would differ
  v1::DeliverHandoffResponse second;
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(20));
    grpc::Status s = stub->DeliverHandoff(&ctx, *req, &second);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  }
  EXPECT_FALSE(second.applied());
  EXPECT_EQ(second.receive_time().seconds(), first.receive_time().seconds());
  auto counts_after = cluster_->Counts(kProvince);
  ASSERT_OK(counts_after);
  EXPECT_EQ(*counts_after, *counts);
  auto events_after = cluster_->Events(kProvince, codes[0]);
  ASSERT_OK(events_after);
  ASSERT_EQ(events_after->size(), events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    EXPECT_EQ((*events_after)[i].hash, (*events)[i].hash);
  }

  // The commune's own delivery, late, is a duplicate too: acknowledged, nothing applied.
  cluster_->Resume(kCommune07900);
  ASSERT_TRUE(WaitFor([&] { return AllOutboxesDelivered(*cluster_, {kCommune07900}); }, kConverge));
  EXPECT_THAT(cluster_->Stderr(kCommune07900), HasSubstr("delivered (duplicate)"));
  auto counts_late = cluster_->Counts(kProvince);
  ASSERT_OK(counts_late);
  EXPECT_EQ(*counts_late, *counts);

  ReceiveMany(1, "dup-next", &codes);
  ConvergeAndSettle(route_, codes);

  // An old result replayed after the desk returned the dossier changes nothing either.
  auto result_row = RowOf(kProvince, codes[0], /*kind=*/2);
  ASSERT_TRUE(result_row.has_value());
  auto replay = RequestFor(*cluster_, kProvince, *result_row);
  ASSERT_OK(replay);
  auto commune_before = cluster_->Counts(kCommune07900);
  ASSERT_OK(commune_before);
  auto to_commune =
      PeerStub(cluster_->PeerAddress(kCommune07900), kCommune07900,
               ReadFileOrEmpty(cluster_->CaFile()), ReadFileOrEmpty(cluster_->CertFile(kProvince)),
               ReadFileOrEmpty(cluster_->KeyFile(kProvince)));
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(20));
  v1::DeliverHandoffResponse replayed;
  grpc::Status s = to_commune->DeliverHandoff(&ctx, *replay, &replayed);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_FALSE(replayed.applied());
  auto commune_after = cluster_->Counts(kCommune07900);
  ASSERT_OK(commune_after);
  EXPECT_EQ(*commune_after, *commune_before);
  auto back = cluster_->Dossiers(kCommune07900);
  ASSERT_OK(back);
  EXPECT_EQ(back->at(codes[0]).status, 10);

  // And the first transfer replayed once more, after the round trip, changes nothing at the
  // province, which handed the dossier back long ago.
  auto province_before = cluster_->Counts(kProvince);
  ASSERT_OK(province_before);
  v1::DeliverHandoffResponse third;
  {
    grpc::ClientContext again;
    again.set_deadline(DeadlineIn(20));
    grpc::Status st = stub->DeliverHandoff(&again, *req, &third);
    ASSERT_TRUE(st.ok()) << st.error_code() << " " << st.error_message();
  }
  EXPECT_FALSE(third.applied());
  auto province_after = cluster_->Counts(kProvince);
  ASSERT_OK(province_after);
  EXPECT_EQ(*province_after, *province_before);
  auto still = cluster_->Dossiers(kProvince);
  ASSERT_OK(still);
  EXPECT_EQ(still->at(codes[0]).held_by, kCommune07900);
  EXPECT_EQ(still->at(codes[0]).status, 9);
}

TEST_F(HandoffFaultTest, RelayKilledWhileHoldingHandoffsDeliversEachOnce) {
  MakeCluster(Cluster::Era::k2024);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kDistrict227));
  ASSERT_OK(cluster_->Start(kCommune07900));
  const Route route{kCommune07900, kProvince, {kDistrict227}};
  std::vector<std::string> codes;

  cluster_->Pause(kProvince);  // the district takes the hand-offs and cannot pass them on
  ReceiveMany(4, "relayed", &codes);
  ASSERT_TRUE(
      WaitFor([&] { return AllOutboxesDelivered(*cluster_, {kCommune07900}); }, absl::Seconds(30)))
      << "the district did not take the hand-offs";
  auto held = cluster_->Outbox(kDistrict227);
  ASSERT_OK(held);
  EXPECT_EQ(held->size(), codes.size());
  cluster_->Kill(kDistrict227);
  cluster_->Resume(kProvince);
  ReceiveMany(2, "relay-down", &codes);  // wait at the commune meanwhile
  ASSERT_OK(cluster_->Start(kDistrict227));
  ConvergeAndSettle(route, codes);
}

}  // namespace
}  // namespace motcua::multinode
