#include "storage/writer.h"

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::storage {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->writer().Write([](Database& db) {
      return db.Exec("CREATE TABLE kv(k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    }));
  }

  int64_t CountRows() {
    auto lease = store_->Read();
    auto n = lease->QueryInt("SELECT COUNT(*) FROM kv");
    EXPECT_OK(n);
    return n.ok() ? *n : -1;
  }

  static Writer::Work Insert(int64_t key) {
    return [key](Database& db) -> absl::Status {
      auto st = db.Prepare("INSERT INTO kv(k, v) VALUES(?1, ?2)");
      if (!st.ok()) return st.status();
      return (*st)->Bind(1, key).Bind(2, absl::StrCat("value-", key)).Run();
    };
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(WriterTest, ConcurrentWritersAllCommitExactlyOnce) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!store_->writer().Write(Insert(t * kPerThread + i)).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountRows(), kThreads * kPerThread);
  Writer::Stats stats = store_->writer().stats();
  EXPECT_EQ(stats.writes, kThreads * kPerThread + 1);
}

TEST_F(WriterTest, WritesQueuedDuringACommitShareTheNextOne) {
  // Submitting takes microseconds and a durable commit milliseconds, so writes queued while one
  // batch is being committed go together into the next: far fewer commits than writes.
  constexpr int kWrites = 1000;
  absl::Mutex mu;
  int pending = kWrites;
  int failures = 0;
  for (int i = 0; i < kWrites; ++i) {
    store_->writer().Submit(Insert(5000 + i), [&](absl::Status s) {
      absl::MutexLock lock(&mu);
      if (!s.ok()) ++failures;
      --pending;
    });
  }
  {
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(+[](int* p) { return *p == 0; }, &pending));
  }
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(CountRows(), kWrites);
  Writer::Stats stats = store_->writer().stats();
  EXPECT_LT(stats.batches, 1 + kWrites / 2) << stats.batches << " commits for " << kWrites;
}

TEST_F(WriterTest, FailingWriteInBatchFailsAloneAndOthersCommit) {
  // Pre-insert key 7 so that the batch's second insert of 7 violates the primary key.
  ASSERT_OK(store_->writer().Write(Insert(7)));
  constexpr int kWrites = 300;
  std::vector<absl::Status> results(kWrites);
  std::atomic<int> pending{kWrites};
  absl::Mutex mu;
  for (int i = 0; i < kWrites; ++i) {
    int64_t key = (i % 50 == 0) ? 7 : 1000 + i;
    // A write that inserts a row and then fails must leave no trace: its savepoint is undone.
    Writer::Work work = Insert(key);
    if (i % 50 == 25) {
      work = [key](Database& db) -> absl::Status {
        auto st = db.Prepare("INSERT INTO kv(k, v) VALUES(?1, 'partial')");
        if (!st.ok()) return st.status();
        absl::Status s = (*st)->Bind(1, key).Run();
        if (!s.ok()) return s;
        return absl::InvalidArgumentError("dossier.applicant: rejected after a partial write");
      };
    }
    store_->writer().Submit(std::move(work), [&, i](absl::Status s) {
      absl::MutexLock lock(&mu);
      results[i] = std::move(s);
      --pending;
    });
  }
  absl::MutexLock lock(&mu);
  mu.Await(absl::Condition(+[](std::atomic<int>* p) { return p->load() == 0; }, &pending));
  int ok = 0;
  for (int i = 0; i < kWrites; ++i) {
    if (i % 50 == 0) {
      EXPECT_THAT(results[i], StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("UNIQUE")));
    } else if (i % 50 == 25) {
      EXPECT_THAT(results[i], StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("partial")));
    } else {
      EXPECT_OK(results[i]);
      ++ok;
    }
  }
  EXPECT_EQ(CountRows(), ok + 1);
  auto lease = store_->Read();
  EXPECT_EQ(*lease->QueryInt("SELECT COUNT(*) FROM kv WHERE v='partial'"), 0);
}

TEST_F(WriterTest, AcknowledgedWritesSurviveReopen) {
  for (int i = 0; i < 50; ++i) ASSERT_OK(store_->writer().Write(Insert(i)));
  store_.reset();
  auto reopened = Store::Open(dir_.path());
  ASSERT_OK(reopened);
  auto lease = (*reopened)->Read();
  EXPECT_EQ(*lease->QueryInt("SELECT COUNT(*) FROM kv"), 50);
}

TEST_F(WriterTest, WritesAfterStopAreRefused) {
  store_->writer().Stop();
  EXPECT_THAT(store_->writer().Write(Insert(1)),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("shutting down")));
}

}  // namespace
}  // namespace motcua::storage
