// The national-portal outbox (storage/sync_outbox.h): one head per dossier in id order, marking
// synced, backoff, dead letters that block only their own dossier and come back on demand, the
// repair that queues a dossier again, and the numbers of the sync report.
#include "storage/sync_outbox.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/sync/sync_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kT0 = absl::FromUnixSeconds(1795665600);  // 2026-11-26 11:00 +07:00

class SyncOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = *std::move(store);
  }

  absl::Status Write(Writer::Work work) { return store_->writer().Write(std::move(work)); }

  std::vector<std::string> Heads(absl::Time now, int limit = 10) {
    auto db = store_->Read();
    auto heads = DueHeads(*db, now, limit);
    EXPECT_OK(heads);
    std::vector<std::string> out;
    for (const auto& h : *heads) out.push_back(absl::StrCat(h.dossier_code, "#", h.event_seq));
    return out;
  }

  std::vector<OutboxRow> Pending(const std::string& code) {
    auto db = store_->Read();
    auto rows = PendingRows(*db, code, 100);
    EXPECT_OK(rows);
    return *rows;
  }

  OutboxStats Stats() {
    auto db = store_->Read();
    auto stats = ComputeOutboxStats(*db);
    EXPECT_OK(stats);
    return *stats;
  }

  void Sync(const std::vector<OutboxRow>& rows, absl::Time when) {
    std::vector<int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.id);
    ASSERT_OK(Write([&](Database& db) { return MarkSynced(db, ids, when); }));
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SyncOutboxTest, EveryEventIsQueuedAndEachDossierHasOneHeadOldestFirst) {
  ASSERT_OK(testing::MakeDossier(*store_, "A", "07900", 3, kT0));
  ASSERT_OK(testing::MakeDossier(*store_, "B", "07900", 2, kT0));
  ASSERT_OK(testing::AddDossierEvents(*store_, "A", 3, 4, kT0));
  EXPECT_THAT(Heads(kT0 + absl::Hours(1)), ElementsAre("A#1", "B#1"));
  EXPECT_THAT(Heads(kT0 + absl::Hours(1), 1), ElementsAre("A#1"));
  auto a = Pending("A");
  ASSERT_EQ(a.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(a[i].event_seq, i + 1);
  EXPECT_EQ(Stats().rows, 6);
  EXPECT_EQ(Stats().dossiers, 2);
  EXPECT_EQ(Stats().sync_rate, 0);
}

TEST_F(SyncOutboxTest, MarkingSyncedMovesTheHeadAndIsIdempotent) {
  ASSERT_OK(testing::MakeDossier(*store_, "A", "07900", 3, kT0));
  auto rows = Pending("A");
  Sync({rows[0], rows[1]}, kT0 + absl::Hours(1));
  Sync({rows[0], rows[1]}, kT0 + absl::Hours(5));  // again: nothing changes
  EXPECT_THAT(Heads(kT0 + absl::Hours(2)), ElementsAre("A#3"));
  auto db = store_->Read();
  auto synced = AnySynced(*db, "A");
  ASSERT_OK(synced);
  EXPECT_TRUE(*synced);
  auto stats = ComputeOutboxStats(*db);
  ASSERT_OK(stats);
  EXPECT_EQ(stats->synced_rows, 2);
  // Row 1 was created at kT0 and acknowledged an hour later; row 2 ten minutes after kT0.
  EXPECT_EQ(stats->lag_max, absl::Hours(1));
}

TEST_F(SyncOutboxTest, BackoffDelaysTheDossierUntilItsNextAttempt) {
  ASSERT_OK(testing::MakeDossier(*store_, "A", "07900", 2, kT0));
  ASSERT_OK(testing::MakeDossier(*store_, "B", "07900", 1, kT0));
  auto head = Pending("A")[0];
  const absl::Time now = kT0 + absl::Hours(1);
  ASSERT_OK(Write([&](Database& db) {
    return RecordFailure(db, head.id, "UNAVAILABLE: portal down", now + absl::Seconds(30));
  }));
  EXPECT_THAT(Heads(now), ElementsAre("B#1"));
  EXPECT_THAT(Heads(now + absl::Seconds(30)), ElementsAre("A#1", "B#1"));
  auto rows = Pending("A");
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_EQ(rows[0].last_error, "UNAVAILABLE: portal down");
  Sync(Pending("B"), now);
  auto db = store_->Read();
  auto next = NextAttemptTime(*db);
  ASSERT_OK(next);
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ(**next, now + absl::Seconds(30));
}

TEST_F(SyncOutboxTest, DeadLetterBlocksItsOwnDossierOnlyUntilRetried) {
  ASSERT_OK(testing::MakeDossier(*store_, "A", "07900", 3, kT0));
  ASSERT_OK(testing::MakeDossier(*store_, "B", "04924", 2, kT0));
  auto a = Pending("A");
  Sync({a[0]}, kT0 + absl::Minutes(1));
  ASSERT_OK(Write([&](Database& db) {
    return DeadLetter(db, a[1].id, "INVALID_ARGUMENT: data[0].MaTTHC: is missing");
  }));
  // B goes on; A's third event waits behind its dead second one.
  EXPECT_THAT(Heads(kT0 + absl::Hours(1)), ElementsAre("B#1"));
  EXPECT_THAT(Pending("A"), IsEmpty());
  OutboxStats stats = Stats();
  EXPECT_EQ(stats.dead_rows, 1);
  EXPECT_EQ(stats.blocked_rows, 1);
  EXPECT_EQ(stats.pending_rows, 3);  // A#3, B#1, B#2
  {
    auto db = store_->Read();
    auto dead = ListDeadLetters(*db, 10);
    ASSERT_OK(dead);
    ASSERT_EQ(dead->size(), 1u);
    EXPECT_EQ((*dead)[0].dossier_code, "A");
    EXPECT_EQ((*dead)[0].event_seq, 2);
    EXPECT_EQ((*dead)[0].state, OutboxState::kDead);
    EXPECT_EQ((*dead)[0].last_error, "INVALID_ARGUMENT: data[0].MaTTHC: is missing");
    // The blocked dossier is not waiting for a time: a drain does not wait for it.
    auto next = NextAttemptTime(*db);
    ASSERT_OK(next);
    EXPECT_EQ(**next, absl::UnixEpoch());  // B's head
  }
  Sync(Pending("B"), kT0 + absl::Hours(1));
  {
    auto db = store_->Read();
    auto next = NextAttemptTime(*db);
    ASSERT_OK(next);
    EXPECT_FALSE(next->has_value());
  }
  int requeued = -1;
  ASSERT_OK(Write([&](Database& db) -> absl::Status {
    MOTCUA_ASSIGN_OR_RETURN(requeued, RetryDeadLetters(db, "B"));  // none there
    return absl::OkStatus();
  }));
  EXPECT_EQ(requeued, 0);
  ASSERT_OK(Write([&](Database& db) -> absl::Status {
    MOTCUA_ASSIGN_OR_RETURN(requeued, RetryDeadLetters(db, ""));
    return absl::OkStatus();
  }));
  EXPECT_EQ(requeued, 1);
  EXPECT_THAT(Heads(kT0 + absl::Hours(1)), ElementsAre("A#2"));
  auto again = Pending("A");
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].attempts, 0);
}

TEST_F(SyncOutboxTest, RequeueSendsTheWholeDossierAgainAndFillsHoles) {
  ASSERT_OK(testing::MakeDossier(*store_, "A", "07900", 3, kT0));
  Sync(Pending("A"), kT0 + absl::Hours(1));
  // An outbox row lost (e.g. a store from before the outbox existed).
  ASSERT_OK(Write([](Database& db) {
    return db.Exec("DELETE FROM sync_outbox WHERE dossier_code = 'A' AND event_seq = 2");
  }));
  int requeued = 0;
  ASSERT_OK(Write([&](Database& db) -> absl::Status {
    MOTCUA_ASSIGN_OR_RETURN(requeued, RequeueDossier(db, "A"));
    return absl::OkStatus();
  }));
  EXPECT_EQ(requeued, 3);
  auto rows = Pending("A");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].event_seq, 2);
  EXPECT_FALSE(rows[0].synced_time.has_value());
}

TEST_F(SyncOutboxTest, StatsGiveRateLagAndBacklogPerUnit) {
  ASSERT_OK(testing::MakeDossier(*store_, "A", "07900", 2, kT0));
  ASSERT_OK(testing::MakeDossier(*store_, "B", "07900", 3, kT0));
  ASSERT_OK(testing::MakeDossier(*store_, "C", "04924", 1, kT0 + absl::Hours(2)));
  auto a = Pending("A");
  // A fully synced: lags of 5 s and 20 s.
  Sync({a[0]}, a[0].created_time + absl::Seconds(5));
  Sync({a[1]}, a[1].created_time + absl::Seconds(20));
  auto b = Pending("B");
  Sync({b[0]}, b[0].created_time + absl::Seconds(2));
  OutboxStats s = Stats();
  EXPECT_EQ(s.rows, 6);
  EXPECT_EQ(s.synced_rows, 3);
  EXPECT_EQ(s.dossiers, 3);
  EXPECT_EQ(s.synced_dossiers, 1);
  EXPECT_NEAR(s.sync_rate, 100.0 / 3, 1e-9);
  EXPECT_NEAR(s.event_sync_rate, 50, 1e-9);
  EXPECT_EQ(s.lag_p50, absl::Seconds(5));
  EXPECT_EQ(s.lag_p99, absl::Seconds(20));
  ASSERT_EQ(s.backlog.size(), 2u);
  EXPECT_EQ(s.backlog[0].unit, "04924");
  EXPECT_EQ(s.backlog[0].pending_rows, 1);
  EXPECT_EQ(s.backlog[1].unit, "07900");
  EXPECT_EQ(s.backlog[1].pending_rows, 2);
  EXPECT_EQ(s.backlog[1].dossiers, 1);
  EXPECT_EQ(s.backlog[1].oldest, b[1].created_time);
  ASSERT_TRUE(s.oldest_unsynced.has_value());
  EXPECT_EQ(*s.oldest_unsynced, b[1].created_time);
  // A period: only C's event.
  auto db = store_->Read();
  auto period = ComputeOutboxStats(*db, kT0 + absl::Hours(2), kT0 + absl::Hours(3));
  ASSERT_OK(period);
  EXPECT_EQ(period->rows, 1);
  EXPECT_EQ(period->dossiers, 1);
  EXPECT_EQ(period->sync_rate, 0);
  // Nothing at all counts as fully synced.
  auto empty = ComputeOutboxStats(*db, kT0 - absl::Hours(9), kT0 - absl::Hours(8));
  ASSERT_OK(empty);
  EXPECT_EQ(empty->sync_rate, 100);
}

}  // namespace
}  // namespace motcua::storage
