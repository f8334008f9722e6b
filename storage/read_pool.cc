#include "storage/read_pool.h"

namespace motcua::storage {

absl::StatusOr<std::unique_ptr<ReadPool>> ReadPool::Open(const std::string& path, int size) {
  std::unique_ptr<ReadPool> pool(new ReadPool());
  absl::MutexLock lock(&pool->mu_);
  for (int i = 0; i < size; ++i) {
    auto db = Database::Open(path, Database::Mode::kReadOnly);
    if (!db.ok()) return db.status();
    pool->idle_.push_back(std::move(*db));
  }
  return pool;
}

ReadPool::Lease ReadPool::Acquire() {
  absl::MutexLock lock(&mu_);
  auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !idle_.empty(); };
  mu_.Await(absl::Condition(&available));
  std::unique_ptr<Database> db = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(db));
}

void ReadPool::Return(std::unique_ptr<Database> db) {
  absl::MutexLock lock(&mu_);
  idle_.push_back(std::move(db));
}

}  // namespace motcua::storage
