#include "storage/user_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"

namespace motcua::storage {
namespace {

constexpr char kColumns[] =
    "username, display_name, role, units, citizen_id, password_salt, password_hash, iterations";

UserRecord ReadUser(const Statement& st) {
  UserRecord u;
  u.username = st.ColumnString(0);
  u.display_name = st.ColumnString(1);
  u.role = static_cast<workflow::Role>(st.ColumnInt64(2));
  u.units = absl::StrSplit(st.ColumnText(3), ',', absl::SkipEmpty());
  u.citizen_id = st.ColumnString(4);
  u.password_salt = st.ColumnString(5);
  u.password_hash = st.ColumnString(6);
  u.iterations = static_cast<int>(st.ColumnInt64(7));
  return u;
}

}  // namespace

absl::Status PutUser(Database& db, const UserRecord& u) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare(absl::StrCat("INSERT OR REPLACE INTO users(", kColumns,
                                                  ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")));
  st->Bind(1, u.username).Bind(2, u.display_name).Bind(3, static_cast<int>(u.role));
  st->Bind(4, absl::StrJoin(u.units, ",")).Bind(5, u.citizen_id).Bind(6, u.password_salt);
  st->Bind(7, u.password_hash).Bind(8, u.iterations);
  return st->Run();
}

absl::StatusOr<UserRecord> GetUser(Database& db, absl::string_view username) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("SELECT ", kColumns, " FROM users WHERE username=?1")));
  st->Bind(1, username);
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("user ", username, " does not exist"));
  return ReadUser(*st);
}

absl::StatusOr<std::vector<UserRecord>> ListUsers(Database& db) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("SELECT ", kColumns, " FROM users ORDER BY role, username")));
  std::vector<UserRecord> out;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadUser(*st));
  }
  return out;
}

}  // namespace motcua::storage
