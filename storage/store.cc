#include "storage/store.h"

#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "storage/migrations.h"

namespace motcua::storage {

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& data_dir, Options options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("data dir ", data_dir, ": cannot create it: ", ec.message()));
  }
  if (!std::filesystem::is_directory(data_dir)) {
    return absl::InvalidArgumentError(absl::StrCat("data dir ", data_dir, " is not a folder"));
  }
  if (access(data_dir.c_str(), W_OK | X_OK) != 0) {
    return absl::UnavailableError(absl::StrCat("data dir ", data_dir, " is not writable"));
  }
  std::unique_ptr<Store> store(new Store());
  store->path_ = (std::filesystem::path(data_dir) / "motcua.db").string();
  MOTCUA_ASSIGN_OR_RETURN(auto db, Database::Open(store->path_, Database::Mode::kReadWrite));
  MOTCUA_RETURN_IF_ERROR(Migrate(*db));
  store->writer_ = Writer::Start(std::move(db), options.writer);
  MOTCUA_ASSIGN_OR_RETURN(store->readers_, ReadPool::Open(store->path_, options.read_connections));
  return store;
}

}  // namespace motcua::storage
