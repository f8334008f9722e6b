#include "storage/writer.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "storage/transaction.h"

namespace motcua::storage {

std::unique_ptr<Writer> Writer::Start(std::unique_ptr<Database> db, Options options) {
  std::unique_ptr<Writer> writer(new Writer(std::move(db), options));
  writer->thread_ = std::thread([w = writer.get()] { w->Run(); });
  return writer;
}

Writer::Writer(std::unique_ptr<Database> db, Options options)
    : options_(options), db_(std::move(db)) {}

Writer::~Writer() { Stop(); }

void Writer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void Writer::Submit(Work work, Done done) {
  {
    absl::MutexLock lock(&mu_);
    if (!stopping_) {
      queue_.push_back(Item{std::move(work), std::move(done)});
      return;
    }
  }
  done(absl::UnavailableError("the store is shutting down"));
}

absl::Status Writer::Write(Work work) {
  absl::Mutex done_mu;
  bool finished = false;
  absl::Status result;
  Submit(std::move(work), [&](absl::Status s) {
    absl::MutexLock lock(&done_mu);
    result = std::move(s);
    finished = true;
  });
  absl::MutexLock lock(&done_mu);
  done_mu.Await(absl::Condition(&finished));
  return result;
}

Writer::Stats Writer::stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

void Writer::Run() {
  while (true) {
    std::deque<Item> batch;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]()
                       ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !queue_.empty() || stopping_; };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;  // stopping and drained
      // Everything that queued up while the last commit was fsyncing goes into this batch.
      while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
  }
}

void Writer::CommitBatch(std::deque<Item>& batch) {
  std::vector<absl::Status> results(batch.size());
  absl::Status batch_status;
  auto tx = Transaction::Begin(*db_);
  if (!tx.ok()) {
    batch_status = absl::UnavailableError(
        absl::StrCat("cannot begin a write transaction: ", tx.status().message()));
  } else {
    for (size_t i = 0; i < batch.size(); ++i) {
      auto sp = Savepoint::Begin(*db_, "w");
      if (!sp.ok()) {
        results[i] = sp.status();
        continue;
      }
      results[i] = batch[i].work(*db_);
      absl::Status end = results[i].ok() ? sp->Release() : sp->Rollback();
      if (results[i].ok() && !end.ok()) results[i] = end;
    }
    batch_status = tx->Commit();
    if (!batch_status.ok()) {
      batch_status = absl::UnavailableError(
          absl::StrCat("the write was not committed: ", batch_status.message()));
    }
  }
  int64_t failed = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!batch_status.ok()) results[i] = batch_status;
    if (!results[i].ok()) ++failed;
  }
  if (!batch_status.ok()) {
    LogError("storage.writer", "batch failed",
             {{"writes", absl::StrCat(batch.size())}, {"error", batch_status.ToString()}});
  }
  {
    // Counted before the callbacks run: a caller woken by its callback sees its write counted.
    absl::MutexLock lock(&mu_);
    stats_.batches += 1;
    stats_.writes += static_cast<int64_t>(batch.size());
    stats_.failed_writes += failed;
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
}

}  // namespace motcua::storage
