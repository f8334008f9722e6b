// File: storage/read_pool.h
// A fixed set of read-only connections to the store's file. Acquire() lends one (waiting while
// all are lent); the lease returns it when it goes away. WAL lets readers run beside the writer.
// Thread-safe.
#ifndef MOTCUA_STORAGE_READ_POOL_H_
#define MOTCUA_STORAGE_READ_POOL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "storage/database.h"

namespace motcua::storage {

class ReadPool {
 public:
  class Lease {
   public:
    Lease(ReadPool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (db_) pool_->Return(std::move(db_));
    }
    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_.get(); }

   private:
    ReadPool* pool_;
    std::unique_ptr<Database> db_;
  };

  static absl::StatusOr<std::unique_ptr<ReadPool>> Open(const std::string& path, int size);
  Lease Acquire();

 private:
  ReadPool() = default;
  void Return(std::unique_ptr<Database> db);

  absl::Mutex mu_;
  std::vector<std::unique_ptr<Database>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_READ_POOL_H_
