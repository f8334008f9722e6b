#include "storage/transaction.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace motcua::storage {

absl::StatusOr<Transaction> Transaction::Begin(Database& db) {
  MOTCUA_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (!done_) db_->Exec("ROLLBACK").IgnoreError();
}

absl::Status Transaction::Commit() {
  absl::Status s = db_->Exec("COMMIT");
  if (s.ok()) done_ = true;
  return s;
}

absl::StatusOr<Savepoint> Savepoint::Begin(Database& db, std::string name) {
  MOTCUA_RETURN_IF_ERROR(db.Exec(absl::StrCat("SAVEPOINT ", name)));
  return Savepoint(db, std::move(name));
}

Savepoint::~Savepoint() {
  if (!done_) Rollback().IgnoreError();
}

absl::Status Savepoint::Release() {
  done_ = true;
  return db_->Exec(absl::StrCat("RELEASE ", name_));
}

absl::Status Savepoint::Rollback() {
  done_ = true;
  MOTCUA_RETURN_IF_ERROR(db_->Exec(absl::StrCat("ROLLBACK TO ", name_)));
  return db_->Exec(absl::StrCat("RELEASE ", name_));
}

}  // namespace motcua::storage
