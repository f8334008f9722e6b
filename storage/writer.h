// File: storage/writer.h
// The single writer: one thread owns the read-write connection and commits the writes of many
// callers in one transaction (group commit). Each write runs inside its own savepoint, so a write
// that fails is undone alone and the rest of its batch still commits. A caller is acknowledged
// only after the COMMIT that holds its write has returned (durable: synchronous=FULL).
// Thread-safe.
#ifndef MOTCUA_STORAGE_WRITER_H_
#define MOTCUA_STORAGE_WRITER_H_

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "storage/database.h"

namespace motcua::storage {

class Writer {
 public:
  // Runs on the writer thread inside the batch transaction. Returning an error undoes this
  // write only. It must not block on other writes.
  using Work = std::function<absl::Status(Database&)>;
  // Called on the writer thread after the batch committed (or failed); must be quick.
  using Done = std::function<void(absl::Status)>;

  struct Options {
    // Most writes committed together.
    int max_batch = 512;
  };

  struct Stats {
    int64_t batches = 0;
    int64_t writes = 0;
    int64_t failed_writes = 0;
  };

  // Takes ownership of `db`, already migrated.
  static std::unique_ptr<Writer> Start(std::unique_ptr<Database> db, Options options);
  // Commits what is queued, then stops the thread. Later writes fail with kUnavailable.
  ~Writer();

  // Queues `work`; blocks until its batch committed. Returns the work's own error, or
  // kUnavailable when the commit failed.
  absl::Status Write(Work work);
  // Queues `work`; `done` runs after the commit. Never blocks on I/O.
  void Submit(Work work, Done done);

  Stats stats() const;
  // Stops accepting writes and drains the queue.
  void Stop();

 private:
  struct Item {
    Work work;
    Done done;
  };

  Writer(std::unique_ptr<Database> db, Options options);
  void Run();
  void CommitBatch(std::deque<Item>& batch);

  const Options options_;
  std::unique_ptr<Database> db_;  // used only by the writer thread
  mutable absl::Mutex mu_;
  std::deque<Item> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  Stats stats_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_WRITER_H_
