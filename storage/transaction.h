// File: storage/transaction.h
// Scoped transactions and savepoints: both roll back in their destructor unless committed or
// released (the SQLiteCpp shape with abseil errors).
#ifndef MOTCUA_STORAGE_TRANSACTION_H_
#define MOTCUA_STORAGE_TRANSACTION_H_

#include <string>

#include "absl/status/status.h"
#include "storage/database.h"

namespace motcua::storage {

class Transaction {
 public:
  // BEGIN IMMEDIATE: takes the write lock now, so a later write cannot fail with BUSY.
  static absl::StatusOr<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_), done_(other.done_) {
    other.done_ = true;
  }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  absl::Status Commit();

 private:
  explicit Transaction(Database& db) : db_(&db) {}
  Database* db_;
  bool done_ = false;
};

class Savepoint {
 public:
  static absl::StatusOr<Savepoint> Begin(Database& db, std::string name);
  Savepoint(Savepoint&& other) noexcept
      : db_(other.db_), name_(std::move(other.name_)), done_(other.done_) {
    other.done_ = true;
  }
  Savepoint(const Savepoint&) = delete;
  ~Savepoint();
  absl::Status Release();
  // Undoes everything since Begin and ends the savepoint.
  absl::Status Rollback();

 private:
  Savepoint(Database& db, std::string name) : db_(&db), name_(std::move(name)) {}
  Database* db_;
  std::string name_;
  bool done_ = false;
};

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_TRANSACTION_H_
