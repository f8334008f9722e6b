// A catalogue import is all or nothing, also when motcuad is killed with SIGKILL half-way.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua {
namespace {

namespace fs = std::filesystem;
using testing::BinDir;
using testing::RunCommand;
using testing::SourceDir;

constexpr int kProcedures = 30000;

// A catalogue folder with the demo's units and kProcedures generated procedures.
void WriteBigCatalogue(const std::string& dir) {
  fs::create_directories(dir);
  for (const char* f : {"divisions.tsv", "units-2024.tsv", "units-2025-h1.tsv", "units-2025.tsv"}) {
    fs::copy_file(SourceDir() + "/data/demo/" + f, dir + "/" + f,
                  fs::copy_options::overwrite_existing);
  }
  std::ofstream out(dir + "/procedures.tsv");
  out << "code\tname_vi\tname_en\tlevels\tfield_code\tfield_name\ttime_value\ttime_unit\tfee_vnd\t"
         "fee_set_by_province\tonline_level\tcomponents\tsteps\tdemo_fields\tsource\n";
  for (int i = 0; i < kProcedures; ++i) {
    out << absl::StrFormat(
        "3.%06d\tThủ tục thử nghiệm số %d\tTest %d\tCấp xã\tT\tThử\t5\tworking_days\t1000\t0\t3\t"
        "A|Tờ khai|1|1;B|Giấy tờ|1|1;C|Khác|0|1\t"
        "Tiếp nhận|clerk|5;Thẩm định|specialist|20;Phê duyệt|leader|10;Trả|clerical|5\t\tgen\n",
        i, i, i);
  }
}

int64_t CountProcedures(const std::string& data_dir) {
  auto db = storage::Database::Open(data_dir + "/motcua.db", storage::Database::Mode::kReadOnly);
  EXPECT_OK(db);
  auto n = (*db)->QueryInt("SELECT COUNT(*) FROM procedures");
  EXPECT_OK(n);
  return n.ok() ? *n : -1;
}

TEST(CatalogImportKill, SigkillDuringImportLeavesAllOrNothing) {
  testing::TempDir tmp;
  const std::string catalogue = tmp.File("catalogue");
  WriteBigCatalogue(catalogue);
  const std::string demo = SourceDir() + "/data/demo";

  // A base store holding the 33 demo procedures; every round starts from a copy of it.
  const std::string base = tmp.File("base");
  auto seeded = RunCommand({BinDir() + "/motcuad", "--data-dir", base, "--import-catalog", demo});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  ASSERT_EQ(CountProcedures(base), 33);

  // How long a full import takes here, to spread the kills over it.
  const std::string timing = tmp.File("timing");
  fs::copy(base, timing, fs::copy_options::recursive);
  auto start = std::chrono::steady_clock::now();
  auto full = RunCommand(
      {BinDir() + "/motcuad", "--data-dir", timing, "--import-catalog", catalogue}, 240);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(full.exit_code, 0) << full.err;
  ASSERT_EQ(CountProcedures(timing), 33 + kProcedures);

  int saw_nothing = 0;
  int saw_all = 0;
  constexpr int kRounds = 8;
  for (int round = 0; round < kRounds; ++round) {
    const std::string dir = tmp.File(absl::StrCat("round", round));
    fs::copy(base, dir, fs::copy_options::recursive);
    auto delay = took * (round + 1) / (kRounds + 1);
    pid_t pid = testing::Spawn(
        {BinDir() + "/motcuad", "--data-dir", dir, "--import-catalog", catalogue},
        tmp.File("out"), tmp.File("err"));
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    int64_t n = CountProcedures(dir);
    EXPECT_TRUE(n == 33 || n == 33 + kProcedures) << "round " << round << ": " << n;
    if (n == 33) ++saw_nothing;
    if (n == 33 + kProcedures) ++saw_all;
    // The store is intact: the import runs to completion afterwards.
    auto again = RunCommand(
        {BinDir() + "/motcuad", "--data-dir", dir, "--import-catalog", catalogue}, 240);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(CountProcedures(dir), 33 + kProcedures);
    fs::remove_all(dir);
  }
  EXPECT_EQ(saw_nothing + saw_all, kRounds);
  // At least one kill must have landed before the commit, or the test proved nothing.
  EXPECT_GT(saw_nothing, 0);
}

TEST(CatalogImportKill, MalformedCatalogueIsRefusedWithTheLine) {
  testing::TempDir tmp;
  const std::string catalogue = tmp.File("catalogue");
  WriteBigCatalogue(catalogue);
  {
    std::ofstream out(catalogue + "/procedures.tsv", std::ios::app);
    out << "3.999999\tHỏng\tBroken\tCấp trăng\t\t\t5\tworking_days\t0\t0\t3\t\t\t\t\n";
  }
  auto r = RunCommand(
      {BinDir() + "/motcuad", "--data-dir", tmp.File("node"), "--import-catalog", catalogue});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(absl::StrCat("procedures.tsv:", kProcedures + 2, ": column levels")),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing was changed"), std::string::npos);
  EXPECT_EQ(CountProcedures(tmp.File("node")), 0);
}

}  // namespace
}  // namespace motcua
