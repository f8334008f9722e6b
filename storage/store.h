// File: storage/store.h
// A node's store: one SQLite file `motcua.db` in the data folder, migrated on open, with the
// single Writer and a ReadPool. Open() fails with a message naming the folder when it cannot be
// created or written, and with kFailedPrecondition when the file is newer than this binary.
#ifndef MOTCUA_STORAGE_STORE_H_
#define MOTCUA_STORAGE_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/read_pool.h"
#include "storage/writer.h"

namespace motcua::storage {

class Store {
 public:
  struct Options {
    int read_connections = 4;
    Writer::Options writer;
  };

  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& data_dir, Options options);
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& data_dir) {
    return Open(data_dir, Options());
  }

  Writer& writer() { return *writer_; }
  ReadPool::Lease Read() { return readers_->Acquire(); }
  const std::string& path() const { return path_; }

 private:
  Store() = default;
  std::string path_;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<ReadPool> readers_;
};

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_STORE_H_
