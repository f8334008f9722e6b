// The sync job (services/portal_sync) over a real store and the real simulator, in process: under
// every fault the portal ends up holding every dossier and every history entry exactly once, in
// order; a rejected dossier becomes a dead letter without stopping the others and comes back on
// demand; an outage pauses the job (a trickle of probes, no flood) and the backlog drains within
// the configured concurrency and rate; reconciliation finds and repairs what the portal lost.
#include "services/portal_sync/sync_job.h"

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/portal_simulator/portal_simulator.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/portal/portal_client.h"
#include "services/portal_sync/reconciler.h"
#include "storage/event_log.h"
#include "storage/store.h"
#include "storage/sync_outbox.h"
#include "tests/sync/sync_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::portal_sync {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const portal::Credentials kCredentials = {"motcua", "bí-mật"};

class SyncJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::Store::Open(dir_.File("node"));
    ASSERT_OK(store);
    store_ = *std::move(store);
    portal_sim::SimulatorOptions options;
    options.data_dir = dir_.File("portal");
    options.credentials = kCredentials;
    options.faults.timeout_ms = 600;
    options.faults.slow_ms = 30;
    auto sim = portal_sim::PortalSimulator::Start(options);
    ASSERT_OK(sim);
    sim_ = *std::move(sim);
    portal::PortalConfig config;
    config.http.base_url = absl::StrCat("http://127.0.0.1:", sim_->port());
    config.http.timeout = absl::Milliseconds(400);
    config.credentials = kCredentials;
    config.max_in_flight = 4;
    config.max_per_second = 400;
    config.retry.max_attempts = 3;
    config.retry.backoff = {absl::Milliseconds(5), absl::Milliseconds(40), 2.0};
    auto client = portal::ConnectPortal(config);
    ASSERT_OK(client);
    client_ = *std::move(client);
    options_.concurrency = 4;
    options_.batch_size = 3;
    options_.row_backoff = {absl::Seconds(1), absl::Seconds(1), 2.0};
    options_.pause_backoff = {absl::Milliseconds(50), absl::Milliseconds(400), 2.0};
    options_.poll = absl::Milliseconds(20);
  }

  void TearDown() override {
    if (HasFailure() && sim_) std::cerr << "portal stats: " << sim_->Stats().dump() << "\n";
  }

  void SetFaults(const json& j) {
    auto faults = portal_sim::Faults::FromJson(j);
    ASSERT_OK(faults);
    sim_->SetFaults(*faults);
  }

  int64_t Counter(const std::string& name) {
    return sim_->Stats()["counters"].value(name, int64_t{0});
  }

  std::string Code(int i) { return absl::StrCat("H44.07900-261126-", 1000 + i); }

  storage::OutboxStats OutboxStats() {
    auto db = store_->Read();
    auto stats = storage::ComputeOutboxStats(*db);
    EXPECT_OK(stats);
    return *stats;
  }

  // The portal holds each dossier of the store with its status, and its history entries
  // 1..n exactly once, in arrival order.
  void ExpectPortalMatchesStore() {
    auto exported = sim_->Export();
    ASSERT_OK(exported);
    std::map<std::string, json> held;
    for (const auto& d : (*exported)["dossiers"]) held[d["MaHoSo"].get<std::string>()] = d;
    EXPECT_TRUE((*exported)["orphan_history"].empty());
    auto db = store_->Read();
    auto states = storage::ListDossierSyncStates(*db, "", 10000);
    ASSERT_OK(states);
    EXPECT_EQ(held.size(), states->size());
    for (const auto& s : *states) {
      auto it = held.find(s.code);
      ASSERT_NE(it, held.end()) << s.code;
      const json& d = it->second;
      EXPECT_EQ(d["TrangThaiHoSo"], std::to_string(s.status)) << s.code;
      EXPECT_EQ(d["PhienBan"], s.events) << s.code;
      ASSERT_EQ(d["history"].size(), static_cast<size_t>(s.events)) << s.code;
      auto events = storage::LoadEvents(*db, s.code);
      ASSERT_OK(events);
      for (int64_t i = 0; i < s.events; ++i) {
        const json& h = d["history"][i];
        EXPECT_EQ(h["key"], absl::StrCat(s.code, "#", i + 1)) << s.code;
        EXPECT_EQ(h["TrangThai"], std::to_string(static_cast<int>((*events)[i].status_after)));
      }
    }
    EXPECT_EQ(Counter("entries_out_of_order"), 0);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<portal_sim::PortalSimulator> sim_;
  std::unique_ptr<portal::PortalClient> client_;
  SyncJobOptions options_;
  const absl::Time t0_ = absl::FromUnixSeconds(1795665600);
};

TEST_F(SyncJobTest, EveryEntryExactlyOnceInOrderUnderAllFaults) {
  for (int i = 0; i < 12; ++i) {
    ASSERT_OK(testing::MakeDossier(*store_, Code(i), i % 2 ? "07900" : "04924", 1 + i % 7, t0_));
  }
  SetFaults({{"timeout_rate", 0.05},
             {"http_5xx_rate", 0.15},
             {"error_code_rate", 0.1},
             {"drop_after_commit_rate", 0.1},
             {"duplicate_rate", 0.2},
             {"slow_rate", 0.1},
             {"expire_session_rate", 0.05},
             {"malformed_rate", 0.1}});
  SyncJob job(*store_, *client_, SystemClock::Get(), options_);
  job.Start();
  // The node keeps working while the job syncs under faults.
  for (int i = 0; i < 12; ++i) {
    const int have = 1 + i % 7;
    ASSERT_OK(testing::AddDossierEvents(*store_, Code(i), have, std::min(have + 2, 7), t0_));
    absl::SleepFor(absl::Milliseconds(30));
  }
  absl::SleepFor(absl::Seconds(2));
  job.Stop();
  SetFaults(json::object());
  ASSERT_OK(job.Drain(absl::Seconds(60)));
  storage::OutboxStats stats = OutboxStats();
  EXPECT_EQ(stats.sync_rate, 100);
  EXPECT_EQ(stats.pending_rows, 0);
  EXPECT_EQ(stats.dead_rows, 0);
  ExpectPortalMatchesStore();
  // The faults did happen, and the portal dropped the resends by key.
  EXPECT_GT(Counter("fault_http_5xx") + Counter("fault_error_code"), 0);
  EXPECT_GT(Counter("entries_duplicate") + Counter("records_duplicate"), 0);
}

TEST_F(SyncJobTest, RejectedDossierIsADeadLetterAndComesBackOnDemand) {
  for (int i = 0; i < 4; ++i) ASSERT_OK(testing::MakeDossier(*store_, Code(i), "07900", 4, t0_));
  SetFaults({{"reject_dossiers", {Code(1)}}});
  SyncJob job(*store_, *client_, SystemClock::Get(), options_);
  ASSERT_OK(job.Drain(absl::Seconds(30)));
  storage::OutboxStats stats = OutboxStats();
  EXPECT_EQ(stats.synced_dossiers, 3);
  EXPECT_EQ(stats.dead_rows, 1);
  EXPECT_EQ(stats.blocked_rows, 3);
  EXPECT_EQ(job.stats().dead_letters, 1);
  {
    auto db = store_->Read();
    auto dead = storage::ListDeadLetters(*db, 10);
    ASSERT_OK(dead);
    ASSERT_EQ(dead->size(), 1u);
    EXPECT_EQ((*dead)[0].dossier_code, Code(1));
    EXPECT_EQ((*dead)[0].event_seq, 1);
    EXPECT_THAT((*dead)[0].last_error, HasSubstr("refused by the portal"));
  }
  // The portal accepts it again (say, once its catalogue knows the procedure): retry on demand.
  SetFaults(json::object());
  ASSERT_OK(store_->writer().Write(
      [&](storage::Database& db) { return storage::RetryDeadLetters(db, Code(1)).status(); }));
  ASSERT_OK(job.Drain(absl::Seconds(30)));
  EXPECT_EQ(OutboxStats().sync_rate, 100);
  ExpectPortalMatchesStore();
}

TEST_F(SyncJobTest, OutagePausesTheJobAndTheBacklogDrainsWithinBounds) {
  SetFaults({{"outage", true}});
  options_.pause_backoff = {absl::Milliseconds(100), absl::Seconds(1), 2.0};
  SyncJob job(*store_, *client_, SystemClock::Get(), options_);
  job.Start();
  for (int i = 0; i < 30; ++i) ASSERT_OK(testing::MakeDossier(*store_, Code(i), "07900", 3, t0_));
  absl::SleepFor(absl::Seconds(4));
  // One probe at a time, each at most 3 calls (the retries), paused 0.1 s doubling to 1 s:
  // a trickle, not 90 events hammering the portal.
  const int64_t during = Counter("calls_during_outage");
  EXPECT_GT(during, 0);
  EXPECT_LE(during, 40);
  EXPECT_GT(job.stats().pauses, 0);
  EXPECT_EQ(sim_->Stats()["max_in_flight"], 1);
  SetFaults(json::object());
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (OutboxStats().sync_rate < 100 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  job.Stop();
  EXPECT_EQ(OutboxStats().sync_rate, 100);
  ExpectPortalMatchesStore();
  EXPECT_LE(sim_->Stats()["max_in_flight"].get<int64_t>(), 4);
}

TEST_F(SyncJobTest, ReconciliationFindsAndRepairsWhatThePortalLost) {
  for (int i = 0; i < 5; ++i) ASSERT_OK(testing::MakeDossier(*store_, Code(i), "07900", 3, t0_));
  SyncJob job(*store_, *client_, SystemClock::Get(), options_);
  ASSERT_OK(job.Drain(absl::Seconds(30)));
  auto clean = Reconcile(*store_, *client_, {});
  ASSERT_OK(clean);
  EXPECT_EQ(clean->compared, 5);
  EXPECT_EQ(clean->matching, 5);
  EXPECT_TRUE(clean->differences.empty());

  ASSERT_OK(sim_->Forget(Code(2)));
  auto found = Reconcile(*store_, *client_, {});
  ASSERT_OK(found);
  ASSERT_EQ(found->differences.size(), 1u);
  EXPECT_EQ(found->differences[0].code, Code(2));
  EXPECT_THAT(found->differences[0].what, HasSubstr("does not hold"));
  EXPECT_EQ(found->requeued_rows, 0);

  auto repaired = Reconcile(*store_, *client_, {/*repair=*/true});
  ASSERT_OK(repaired);
  EXPECT_EQ(repaired->requeued_rows, 3);
  EXPECT_EQ(OutboxStats().pending_rows, 3);
  ASSERT_OK(job.Drain(absl::Seconds(30)));
  auto after = Reconcile(*store_, *client_, {});
  ASSERT_OK(after);
  EXPECT_TRUE(after->differences.empty());
  ExpectPortalMatchesStore();
}

TEST_F(SyncJobTest, OneSyncJobPerDataFolder) {
  auto first = SyncLock::Acquire(dir_.File("node"));
  ASSERT_OK(first);
  EXPECT_THAT(
      SyncLock::Acquire(dir_.File("node")),
      testing::StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("another sync job")));
}

}  // namespace
}  // namespace motcua::portal_sync
