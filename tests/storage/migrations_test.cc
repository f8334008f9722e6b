#include "storage/migrations.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::storage {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

TEST(Migrations, FreshFileGetsLatestVersionWithSettings) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"), Database::Mode::kReadWrite);
  ASSERT_OK(db);
  ASSERT_OK(Migrate(**db));
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA synchronous"), 2);  // FULL
  auto mode = (*db)->Prepare("PRAGMA journal_mode");
  ASSERT_OK(mode);
  ASSERT_TRUE(*(*mode)->Step());
  EXPECT_EQ((*mode)->ColumnString(0), "wal");
}

TEST(Migrations, NewerBinaryUpgradesOlderFile) {
  testing::TempDir dir;
  std::vector<Migration> v1 = {{1, "one", "CREATE TABLE a(x INTEGER);"}};
  std::vector<Migration> v2 = {{1, "one", "CREATE TABLE a(x INTEGER);"},
                               {2, "two", "ALTER TABLE a ADD COLUMN y TEXT;"}};
  {
    auto db = Database::Open(dir.File("a.db"), Database::Mode::kReadWrite);
    ASSERT_OK(db);
    ASSERT_OK(Migrate(**db, v1));
    ASSERT_OK((*db)->Exec("INSERT INTO a(x) VALUES(42)"));
  }
  auto db = Database::Open(dir.File("a.db"), Database::Mode::kReadWrite);
  ASSERT_OK(db);
  ASSERT_OK(Migrate(**db, v2));
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), 2);
  EXPECT_EQ(*(*db)->QueryInt("SELECT x FROM a WHERE y IS NULL"), 42);
}

TEST(Migrations, OlderBinaryRefusesNewerFileAndChangesNothing) {
  testing::TempDir dir;
  {
    auto db = Database::Open(dir.File("motcua.db"), Database::Mode::kReadWrite);
    ASSERT_OK(db);
    ASSERT_OK((*db)->Exec("PRAGMA user_version=99"));
  }
  auto db = Database::Open(dir.File("motcua.db"), Database::Mode::kReadWrite);
  ASSERT_OK(db);
  EXPECT_THAT(Migrate(**db), StatusIs(absl::StatusCode::kFailedPrecondition,
                                      HasSubstr("schema version 99, newer than this binary")));
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), 99);
  EXPECT_THAT(Store::Open(dir.path()).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("newer")));
}

TEST(Migrations, FailedMigrationLeavesVersionUnchanged) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"), Database::Mode::kReadWrite);
  ASSERT_OK(db);
  std::vector<Migration> bad = {{1, "one", "CREATE TABLE a(x INTEGER);"},
                                {2, "broken", "CREATE TABLE b(x INTEGER); SELECT * FROM nope;"}};
  EXPECT_FALSE(Migrate(**db, bad).ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), 1);
  EXPECT_FALSE((*db)->Exec("SELECT * FROM b").ok());
}

TEST(Store, UnwritableDataDirIsAClearError) {
  EXPECT_THAT(Store::Open("/proc/motcua-cannot-exist").status(),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("/proc/motcua-cannot-exist")));
}

}  // namespace
}  // namespace motcua::storage
