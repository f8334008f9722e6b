// File: storage/blob_store.h
// Attachment files stored content-addressed beside the database: DATA_DIR/blobs/aa/bb…(sha256).
// Put() writes to a temporary file, fsyncs it and renames it into place before returning, so a
// dossier row never points at a missing or partial file; a file without a row is harmless.
// Thread-safe.
#ifndef MOTCUA_STORAGE_BLOB_STORE_H_
#define MOTCUA_STORAGE_BLOB_STORE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace motcua::storage {

// SHA-256 of `bytes`, lower-case hex.
std::string Sha256Hex(absl::string_view bytes);

class BlobStore {
 public:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}
  // Stores `bytes`; returns its SHA-256 (hex). Storing the same bytes twice is a no-op.
  absl::StatusOr<std::string> Put(absl::string_view bytes) const;
  // kNotFound when absent; kDataLoss when the file no longer matches its hash.
  absl::StatusOr<std::string> Get(absl::string_view sha256) const;
  std::string PathOf(absl::string_view sha256) const;

 private:
  std::string root_;
};

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_BLOB_STORE_H_
