#include "storage/schedule_store.h"

#include "services/common/status_macros.h"

namespace motcua::storage {

absl::Status AppendSchedule(Database& db, const StoredSchedule& s) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("INSERT INTO calendar_schedules(version, schedule_text, source, created_time) "
                 "VALUES(?1, ?2, ?3, ?4)"));
  st->Bind(1, s.version).Bind(2, s.schedule_text).Bind(3, s.source);
  st->Bind(4, absl::ToUnixSeconds(s.created_time));
  return st->Run();
}

absl::StatusOr<std::optional<StoredSchedule>> LatestSchedule(Database& db) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("SELECT version, schedule_text, source, created_time FROM calendar_schedules "
                 "ORDER BY id DESC LIMIT 1"));
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<StoredSchedule>();
  return std::optional<StoredSchedule>(StoredSchedule{st->ColumnString(0), st->ColumnString(1),
                                                      st->ColumnString(2),
                                                      absl::FromUnixSeconds(st->ColumnInt64(3))});
}

}  // namespace motcua::storage
