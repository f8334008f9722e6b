#include "storage/blob_store.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace motcua::storage {

std::string Sha256Hex(absl::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string BlobStore::PathOf(absl::string_view sha256) const {
  return absl::StrCat(root_, "/", sha256.substr(0, 2), "/", sha256.substr(2));
}

absl::StatusOr<std::string> BlobStore::Put(absl::string_view bytes) const {
  std::string hash = Sha256Hex(bytes);
  std::string path = PathOf(hash);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return hash;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot create ", path, ": ", ec.message()));
  std::string tmp = absl::StrCat(path, ".tmp.", getpid(), ".", gettid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0640);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      close(fd);
      unlink(tmp.c_str());
      return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
    }
    written += static_cast<size_t>(n);
  }
  bool synced = fsync(fd) == 0;
  close(fd);
  if (!synced || rename(tmp.c_str(), path.c_str()) != 0) {
    unlink(tmp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot store ", path));
  }
  // Make the rename itself durable.
  int dir = open(std::filesystem::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
  return hash;
}

absl::StatusOr<std::string> BlobStore::Get(absl::string_view sha256) const {
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("attachment ", sha256, " is not stored"));
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string bytes = buf.str();
  if (Sha256Hex(bytes) != sha256) {
    return absl::DataLossError(absl::StrCat("attachment ", sha256, " does not match its hash"));
  }
  return bytes;
}

}  // namespace motcua::storage
