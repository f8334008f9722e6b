// File: storage/user_store.h
// The users who sign in: role, units and a PBKDF2 password hash (never the password).
#ifndef MOTCUA_STORAGE_USER_STORE_H_
#define MOTCUA_STORAGE_USER_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/workflow/role.h"
#include "storage/database.h"

namespace motcua::storage {

struct UserRecord {
  std::string username;
  std::string display_name;
  workflow::Role role = workflow::Role::kCitizen;
  std::vector<std::string> units;
  std::string citizen_id;
  std::string password_salt;  // hex
  std::string password_hash;  // hex
  int iterations = 0;
};

// Inserts or replaces the user.
absl::Status PutUser(Database& db, const UserRecord& user);
// kNotFound when absent.
absl::StatusOr<UserRecord> GetUser(Database& db, absl::string_view username);
absl::StatusOr<std::vector<UserRecord>> ListUsers(Database& db);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_USER_STORE_H_
