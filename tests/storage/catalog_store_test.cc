#include "storage/catalog_store.h"

#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/catalog_import/catalog_import.h"
#include "services/common/text_fold.h"
#include "storage/store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::storage {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string DemoDir() { return testing::SourceDir() + "/data/demo"; }

class CatalogStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = std::move(*store);
    auto summary = catalog_import::ImportCatalogDir(*store_, DemoDir(), clock_);
    ASSERT_OK(summary);
    EXPECT_EQ(summary->procedures, 33);
    EXPECT_EQ(summary->new_versions, 33);
    EXPECT_EQ(summary->units, 239 + 221 + 149);
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{absl::FromUnixSeconds(1795000000)};
  std::unique_ptr<Store> store_;
};

TEST_F(CatalogStoreTest, SearchFindsBirthRegistrationWithoutDiacritics) {
  auto db = store_->Read();
  ProcedureQuery q;
  q.terms = {"dang", "ky", "khai", "sinh"};
  auto page = ListProcedures(*db, q);
  ASSERT_OK(page);
  ASSERT_GE(page->procedures.size(), 1u);
  std::vector<std::string> codes;
  for (const auto& p : page->procedures) codes.push_back(p.code);
  EXPECT_THAT(codes, ::testing::Contains("1.001193"));
}

TEST_F(CatalogStoreTest, FiltersByOnlineLevelAndPaginates) {
  auto db = store_->Read();
  ProcedureQuery q;
  q.online_level = catalog::OnlineLevel::kFull;
  q.limit = 5;
  std::vector<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = ListProcedures(*db, q);
    ASSERT_OK(page);
    EXPECT_EQ(page->total, 18);
    for (const auto& p : page->procedures) {
      EXPECT_EQ(p.online_level, catalog::OnlineLevel::kFull);
      if (!seen.empty()) {
        EXPECT_LT(seen.back(), p.code);
      }
      seen.push_back(p.code);
    }
    ++pages;
    if (!page->more) break;
    q.after_code = seen.back();
  }
  EXPECT_EQ(seen.size(), 18u);
  EXPECT_EQ(pages, 4);
}

TEST_F(CatalogStoreTest, ProcedureCarriesPapersStepsFeesAndDemoMarks) {
  auto db = store_->Read();
  auto p = GetProcedure(*db, "2.000815");
  ASSERT_OK(p);
  EXPECT_EQ(p->fees.size(), 1u);
  EXPECT_EQ(p->fees[0].amount_vnd, 2000);
  EXPECT_EQ(p->steps.size(), 4u);
  EXPECT_EQ(p->steps[0].unit, catalog::StepUnit::kOneStop);  // the clerk's reception
  EXPECT_EQ(p->steps[1].unit, catalog::StepUnit::kCompetent);
  EXPECT_FALSE(p->components.empty());
  EXPECT_THAT(p->demo_fields, ::testing::Contains("online_level"));
  EXPECT_THAT(GetProcedure(*db, "9.999999").status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("9.999999")));
}

TEST_F(CatalogStoreTest, ReimportIsIdempotentAndChangesMakeNewVersions) {
  auto again = catalog_import::ImportCatalogDir(*store_, DemoDir(), clock_);
  ASSERT_OK(again);
  EXPECT_EQ(again->new_versions, 0);
  // A changed procedure gets version 2; version 1 stays readable.
  auto data = catalog_import::ReadCatalogDir(DemoDir());
  ASSERT_OK(data);
  data->procedures[0].time_limit.value += 1;
  for (auto& s : data->procedures[0].steps) s.budget_hours = 0;
  ASSERT_OK(store_->writer().Write([&](Database& db) -> absl::Status {
    return WriteCatalog(db, *data, "test", clock_.Now()).status();
  }));
  auto db = store_->Read();
  auto current = GetProcedure(*db, data->procedures[0].code);
  ASSERT_OK(current);
  EXPECT_EQ(current->version, 2);
  // A step moved to another unit is stored as such and makes a version of its own.
  data->procedures[0].steps[1].unit = catalog::StepUnit::kOneStop;
  ASSERT_OK(store_->writer().Write([&](Database& w) -> absl::Status {
    return WriteCatalog(w, *data, "test", clock_.Now()).status();
  }));
  auto moved = GetProcedure(*db, data->procedures[0].code);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->version, 3);
  EXPECT_EQ(moved->steps[1].unit, catalog::StepUnit::kOneStop);
  auto old = GetProcedure(*db, data->procedures[0].code, 1);
  ASSERT_OK(old);
  EXPECT_EQ(old->version, 1);
  EXPECT_TRUE(old->valid_to.has_value());
}

TEST_F(CatalogStoreTest, UnitsKnowTheirDivisionSuccessorsAndPredecessors) {
  auto db = store_->Read();
  auto divisions = ListDivisions(*db);
  ASSERT_OK(divisions);
  ASSERT_EQ(divisions->size(), 3u);
  EXPECT_EQ((*divisions)[0].unit_count, 239);
  auto current = DivisionOn(*db, absl::CivilDay(2026, 11, 26));
  ASSERT_OK(current);
  EXPECT_EQ(current->id, "2025");
  auto ward = GetUnit(*db, "2025", "07900");
  ASSERT_OK(ward);
  EXPECT_EQ(ward->name, "Phường Việt Trì");
  EXPECT_EQ(ward->formed_from.size(), 5u);
  auto old = GetUnit(*db, "2025-h1", "07888");
  ASSERT_OK(old);
  EXPECT_THAT(old->successors, ElementsAre("2025/07900"));
  auto province = GetUnit(*db, "2024", "25");
  ASSERT_OK(province);
  EXPECT_EQ(province->child_count, 13);
  UnitQuery q;
  q.division = "2024";
  q.level = catalog::Level::kDistrict;
  auto districts = ListUnits(*db, q);
  ASSERT_OK(districts);
  EXPECT_EQ(districts->total, 13);
  q.level.reset();
  q.terms = {FoldVietnamese("Hạ Hòa")};
  auto found = ListUnits(*db, q);
  ASSERT_OK(found);
  EXPECT_GE(found->total, 1);  // GSO spells it "Hạ Hoà"
}

TEST(CatalogImport, MalformedFileChangesNothingAndNamesTheLine) {
  testing::TempDir data;
  testing::TempDir node;
  testing::FakeClock clock(absl::FromUnixSeconds(1795000000));
  auto copy = [&](const std::string& name) {
    auto text = catalog_import::ReadFile(DemoDir() + "/" + name);
    ASSERT_OK(text);
    FILE* f = fopen(data.File(name).c_str(), "w");
    fwrite(text->data(), 1, text->size(), f);
    fclose(f);
  };
  for (const char* f : {"divisions.tsv", "units-2024.tsv", "units-2025-h1.tsv", "units-2025.tsv",
                        "procedures.tsv"}) {
    copy(f);
  }
  // Corrupt one fee on the last line.
  FILE* f = fopen(data.File("procedures.tsv").c_str(), "a");
  fputs("1.999999\tThủ tục thử\tTest\tCấp xã\t\t\t3\tworking_days\t-5\t0\t3\t\t\t\tx\n", f);
  fclose(f);
  auto store = Store::Open(node.path());
  ASSERT_OK(store);
  auto result = catalog_import::ImportCatalogDir(**store, data.path(), clock);
  EXPECT_THAT(result.status(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("procedures.tsv:54: column fee_vnd")));
  auto db = (*store)->Read();
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM procedures"), 0);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM units"), 0);
}

}  // namespace
}  // namespace motcua::storage
