// File: storage/schedule_store.h
// Announced holiday schedules put in force through the admin API, kept with the calendar version
// they gave and who set them (an audit trail); the newest is the one in force.
#ifndef MOTCUA_STORAGE_SCHEDULE_STORE_H_
#define MOTCUA_STORAGE_SCHEDULE_STORE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/database.h"

namespace motcua::storage {

struct StoredSchedule {
  std::string version;
  std::string schedule_text;
  std::string source;
  absl::Time created_time;
};

absl::Status AppendSchedule(Database& db, const StoredSchedule& schedule);
absl::StatusOr<std::optional<StoredSchedule>> LatestSchedule(Database& db);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_SCHEDULE_STORE_H_
