// The portal-to-province direction (issue 7, item 4) over a real store, the real dossier engine
// and the real simulator, in process: online dossiers submitted on the portal enter in status 1
// exactly once (a repeated pull, a lost acknowledgement or duplicate deliveries make no second
// dossier), bad records are skipped with their reason and write nothing, a malformed answer
// changes nothing; a changed procedure gets a new catalogue version while dossiers keep theirs,
// an unchanged one gets none, and a malformed catalogue answer changes nothing.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/portal_simulator/portal_simulator.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/catalog_import/catalog_import.h"
#include "services/portal/portal_client.h"
#include "services/portal_sync/catalog_refresh.h"
#include "services/portal_sync/dossier_puller.h"
#include "services/portal_sync/standalone_engine.h"
#include "storage/catalog_store.h"
#include "storage/dossier_store.h"
#include "storage/store.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::portal_sync {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const portal::Credentials kCredentials = {"motcua", "bí-mật"};
constexpr char kGuardianship[] = "1.004837";  // commune level; TK and GTTT required

// A good record of portal dossier `code` for the guardianship procedure at Việt Trì.
json Record(const std::string& code) {
  const std::string file = absl::Base64Escape("%PDF-1.4 " + code);
  return json{
      {"MaHoSo", code},
      {"MaTTHC", kGuardianship},
      {"MaDonViTiepNhan", "07900"},
      {"ChuHoSo", "Trần Thị Bình"},
      {"SoGiayToChuHoSo", "025190000123"},
      {"SoDienThoai", "0912345678"},
      {"TrichYeuHoSo", "Đăng ký giám hộ"},
      {"NgayNopHoSo", "20261127083000"},
      {"TaiLieuNop",
       json::array(
           {json{{"MaThanhPhanHoSo", "TK"}, {"TenTepDinhKem", "to-khai.pdf"}, {"NoiDungTep", file}},
            json{{"MaThanhPhanHoSo", "GTTT"},
                 {"TenTepDinhKem", "cccd.pdf"},
                 {"NoiDungTep", file}}})}};
}

class PortalPullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::Store::Open(dir_.File("node"));
    ASSERT_OK(store);
    store_ = *std::move(store);
    ASSERT_OK(catalog_import::ImportCatalogDir(*store_, testing::SourceDir() + "/data/demo",
                                               SystemClock::Get()));
    portal_sim::SimulatorOptions options;
    options.data_dir = dir_.File("portal");
    options.credentials = kCredentials;
    options.catalog_dir = testing::SourceDir() + "/data/demo";
    options.faults.timeout_ms = 600;
    auto sim = portal_sim::PortalSimulator::Start(options);
    ASSERT_OK(sim);
    sim_ = *std::move(sim);
    portal::PortalConfig config;
    config.http.base_url = absl::StrCat("http://127.0.0.1:", sim_->port());
    config.http.timeout = absl::Milliseconds(400);
    config.credentials = kCredentials;
    config.max_per_second = 400;
    config.retry.max_attempts = 3;
    config.retry.backoff = {absl::Milliseconds(5), absl::Milliseconds(40), 2.0};
    auto client = portal::ConnectPortal(config);
    ASSERT_OK(client);
    client_ = *std::move(client);
    auto engine = OpenStandaloneEngine(*store_, dir_.File("node"), {});
    ASSERT_OK(engine);
    engine_ = *std::move(engine);
    DossierPullOptions pull;
    pull.page_size = 3;  // several pages in every test
    puller_ = std::make_unique<DossierPuller>(*engine_, *store_, *client_, pull);
  }

  void TearDown() override {
    if (HasFailure() && sim_) std::cerr << "portal stats: " << sim_->Stats().dump() << "\n";
  }

  void SetFaults(const json& j) {
    auto faults = portal_sim::Faults::FromJson(j);
    ASSERT_OK(faults);
    sim_->SetFaults(*faults);
  }

  int64_t Counter(const std::string& name) {
    return sim_->Stats()["counters"].value(name, int64_t{0});
  }

  int64_t Dossiers() {
    auto db = store_->Read();
    auto n = db->QueryInt("SELECT COUNT(*) FROM dossiers");
    EXPECT_OK(n);
    return n.ok() ? *n : -1;
  }

  // The dossier pulled for portal code `code`.
  absl::StatusOr<dossier::Dossier> Pulled(const std::string& code) {
    auto db = store_->Read();
    auto found = storage::FindDossierByRequestId(*db, portal::OnlineRequestId(code));
    if (!found.ok()) return found.status();
    if (!*found) return absl::NotFoundError(absl::StrCat("no dossier for ", code));
    return storage::LoadDossier(*db, **found);
  }

  // Portal code -> the motcua code it was acknowledged with ("" when not yet).
  std::map<std::string, std::string> Acked() {
    auto all = sim_->OnlineDossiers();
    EXPECT_OK(all);
    std::map<std::string, std::string> out;
    for (const auto& d : (*all)["dossiers"]) {
      out[d["MaHoSo"].get<std::string>()] =
          d["acked_code"].is_null() ? "" : d["acked_code"].get<std::string>();
    }
    return out;
  }

  absl::StatusOr<catalog_import::PortalCatalogSummary> Refresh() {
    return RefreshCatalog(*store_, *client_, SystemClock::Get(), CatalogRefreshOptions());
  }

  catalog::Procedure Current(const std::string& code, std::optional<int> version = {}) {
    auto db = store_->Read();
    auto p = storage::GetProcedure(*db, code, version);
    EXPECT_OK(p);
    return p.ok() ? *p : catalog::Procedure();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<portal_sim::PortalSimulator> sim_;
  std::unique_ptr<portal::PortalClient> client_;
  std::unique_ptr<dossier_service::DossierEngine> engine_;
  std::unique_ptr<DossierPuller> puller_;
};

TEST_F(PortalPullTest, EachOnlineDossierEntersOnceInStatusOne) {
  json records = json::array();
  for (int i = 1; i <= 7; ++i) records.push_back(Record(absl::StrCat("G22.99-261127-000", i)));
  ASSERT_OK(sim_->AddOnlineDossiers(records));
  auto summary = puller_->PullOnce();
  ASSERT_OK(summary);
  EXPECT_EQ(summary->listed, 7);
  EXPECT_EQ(summary->pulled, 7);
  EXPECT_TRUE(summary->skipped.empty());
  EXPECT_THAT(summary->Text(), HasSubstr("pulled 7 dossier(s) from the portal, none skipped"));
  std::set<std::string> codes;
  for (const auto& [portal_code, motcua_code] : Acked()) {
    auto d = Pulled(portal_code);
    ASSERT_OK(d);
    EXPECT_EQ(d->code, motcua_code);
    EXPECT_EQ(d->status, workflow::Status::kSubmitted);
    EXPECT_EQ(d->channel, dossier::Channel::kOnline);
    EXPECT_EQ(d->request_id, "dvcqg:" + portal_code);
    EXPECT_EQ(d->applicant.name, "Trần Thị Bình");
    EXPECT_EQ(d->receiving_unit, "07900");
    EXPECT_EQ(d->procedure_version, 1);
    EXPECT_EQ(d->attachments.size(), 2u);
    // The citizen's submission time on the portal (NgayNopHoSo), not the time of the pull.
    EXPECT_EQ(d->submitted_time, absl::FromCivil(absl::CivilSecond(2026, 11, 27, 8, 30, 0),
                                                 absl::FixedTimeZone(7 * 3600)));
    codes.insert(d->code);
  }
  EXPECT_EQ(codes.size(), 7u);
  EXPECT_EQ(Dossiers(), 7);

  // Nothing left to pull; then the portal lists two again as if it lost the acknowledgements.
  auto again = puller_->PullOnce();
  ASSERT_OK(again);
  EXPECT_EQ(again->listed, 0);
  ASSERT_OK(sim_->AddOnlineDossiers(
      json::array({Record("G22.99-261127-0002"), Record("G22.99-261127-0005")})));
  again = puller_->PullOnce();
  ASSERT_OK(again);
  EXPECT_EQ(again->pulled, 0);
  EXPECT_EQ(again->already, 2);
  EXPECT_EQ(Dossiers(), 7);
  EXPECT_EQ(Counter("acks_conflicting"), 0);
}

TEST_F(PortalPullTest, BadRecordsAreSkippedWithTheirReasonAndWriteNothing) {
  json unknown_procedure = Record("BAD-PROC");
  unknown_procedure["MaTTHC"] = "9.999999";
  json unknown_unit = Record("BAD-UNIT");
  unknown_unit["MaDonViTiepNhan"] = "99999";
  json missing_name = Record("BAD-NAME");
  missing_name.erase("ChuHoSo");
  json wrong_type = Record("BAD-TYPE");
  wrong_type["SoGiayToChuHoSo"] = 25190000123;
  json bad_date = Record("BAD-DATE");
  bad_date["NgayNopHoSo"] = "20261331083000";
  json bad_file = Record("BAD-FILE");
  bad_file["TaiLieuNop"][0]["NoiDungTep"] = "***";
  json no_papers = Record("BAD-PAPERS");
  no_papers.erase("TaiLieuNop");
  json level_mismatch = Record("BAD-LEVEL");
  level_mismatch["MaDonViTiepNhan"] = "25";  // the province: guardianship is a commune matter
  ASSERT_OK(sim_->AddOnlineDossiers(
      json::array({unknown_procedure, unknown_unit, Record("GOOD-1"), missing_name, wrong_type,
                   "garbage", bad_date, bad_file, no_papers, level_mismatch, Record("GOOD-2")})));
  auto summary = puller_->PullOnce();
  ASSERT_OK(summary);
  EXPECT_EQ(summary->listed, 11);
  EXPECT_EQ(summary->pulled, 2);
  std::map<std::string, std::string> reasons(summary->skipped.begin(), summary->skipped.end());
  ASSERT_EQ(reasons.size(), 9u) << summary->Text();
  EXPECT_THAT(reasons["BAD-PROC"], HasSubstr("9.999999"));
  EXPECT_THAT(reasons["BAD-UNIT"], HasSubstr("99999"));
  EXPECT_THAT(reasons["BAD-NAME"], HasSubstr("ChuHoSo: is missing"));
  EXPECT_THAT(reasons["BAD-TYPE"], HasSubstr("SoGiayToChuHoSo: must be a string"));
  EXPECT_THAT(reasons["record 6"], HasSubstr("must be a JSON object"));
  EXPECT_THAT(reasons["BAD-DATE"], HasSubstr("NgayNopHoSo"));
  EXPECT_THAT(reasons["BAD-FILE"], HasSubstr("TaiLieuNop[0].NoiDungTep"));
  EXPECT_THAT(reasons["BAD-PAPERS"], HasSubstr("required papers missing: TK"));
  EXPECT_THAT(reasons["BAD-LEVEL"], HasSubstr("level"));
  EXPECT_EQ(Dossiers(), 2);
  auto acked = Acked();
  EXPECT_NE(acked["GOOD-1"], "");
  EXPECT_NE(acked["GOOD-2"], "");
  EXPECT_EQ(acked["BAD-PROC"], "");
  // The bad ones stay at the portal and are reported again; nothing more is written.
  auto again = puller_->PullOnce();
  ASSERT_OK(again);
  EXPECT_EQ(again->pulled, 0);
  EXPECT_EQ(again->skipped.size(), 9u);
  EXPECT_EQ(Dossiers(), 2);
}

TEST_F(PortalPullTest, MalformedAnswersChangeNothingAndArePulledOnceTheyStop) {
  ASSERT_OK(sim_->AddOnlineDossiers(json::array({Record("A-1"), Record("A-2")})));
  SetFaults({{"malformed_rate", 1.0}});
  auto failed = puller_->PullOnce();
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(absl::IsUnavailable(failed.status())) << failed.status();
  EXPECT_EQ(Counter("online_queued"), 2);
  SetFaults(json::object());
  // A garbage answer after the portal acted may have acknowledged nothing: both are still here.
  auto summary = puller_->PullOnce();
  ASSERT_OK(summary);
  EXPECT_EQ(summary->pulled + summary->already, 2);
  EXPECT_EQ(Dossiers(), 2);
}

TEST_F(PortalPullTest, UnderFaultsEveryPortalDossierEndsUpOnceAndAcknowledged) {
  json records = json::array();
  for (int i = 0; i < 20; ++i) records.push_back(Record(absl::StrCat("F-", i)));
  ASSERT_OK(sim_->AddOnlineDossiers(records));
  SetFaults({{"http_5xx_rate", 0.2},
             {"duplicate_rate", 0.3},
             {"drop_after_commit_rate", 0.2},
             {"malformed_rate", 0.1},
             {"expire_session_rate", 0.1}});
  // Pull until the portal holds every acknowledgement: each pull may stop at a fault.
  const absl::Time deadline = absl::Now() + absl::Seconds(120);
  auto all_acked = [&] {
    for (const auto& [code, motcua] : Acked()) {
      if (motcua.empty()) return false;
    }
    return true;
  };
  while (!all_acked() && absl::Now() < deadline) {
    (void)puller_->PullOnce();
    if (Counter("online_listed") > 200) SetFaults(json::object());  // never loop forever
  }
  ASSERT_TRUE(all_acked());
  EXPECT_EQ(Dossiers(), 20);
  EXPECT_EQ(Counter("acks_conflicting"), 0);
  for (const auto& [code, motcua] : Acked()) {
    auto d = Pulled(code);
    ASSERT_OK(d);
    EXPECT_EQ(d->code, motcua);
  }
}

TEST_F(PortalPullTest, UnchangedCatalogueMakesNoVersion) {
  auto summary = Refresh();
  ASSERT_OK(summary);
  EXPECT_EQ(summary->listed, 33);
  EXPECT_EQ(summary->unchanged, 33);
  EXPECT_TRUE(summary->changed.empty());
  EXPECT_TRUE(summary->added.empty());
  EXPECT_EQ(Current(kGuardianship).version, 1);
}

TEST_F(PortalPullTest, ChangedProcedureGetsANewVersionAndDossiersKeepTheirs) {
  ASSERT_OK(sim_->AddOnlineDossiers(json::array({Record("BEFORE")})));
  ASSERT_OK(puller_->PullOnce());
  const catalog::Procedure v1 = Current(kGuardianship);
  // The portal changes the time limit (3 → 5 working days) and a fee.
  auto all = sim_->Procedures();
  ASSERT_OK(all);
  json record;
  for (const auto& r : *all) {
    if (r["MATTHC"] == kGuardianship) record = r;
  }
  ASSERT_TRUE(record.is_object());
  for (auto& channel : record["CACHTHUCTHUCHIEN"]) {
    channel["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = "5";
    channel["THOIGIAN"][0]["PHILEPHI"][0]["SOTIEN"] = 15000;
  }
  ASSERT_OK(sim_->PutProcedures(record));
  // A new procedure the portal lists, with its level, and one without: placed / skipped.
  json added = record;
  added["MATTHC"] = "1.099999";
  added["TENTTHC"] = "Thủ tục mới";
  json unplaced = added;
  unplaced["MATTHC"] = "1.099998";
  unplaced.erase("CAPTHUCHIEN");
  ASSERT_OK(sim_->PutProcedures(json::array({added, unplaced})));

  auto summary = Refresh();
  ASSERT_OK(summary);
  EXPECT_THAT(summary->changed, ElementsAre("1.004837 v2"));
  EXPECT_THAT(summary->added, ElementsAre("1.099999 v1"));
  ASSERT_EQ(summary->skipped.size(), 1u);
  EXPECT_EQ(summary->skipped[0].first, "1.099998");
  EXPECT_THAT(summary->skipped[0].second, HasSubstr("CAPTHUCHIEN"));
  EXPECT_EQ(summary->unchanged, 32);
  EXPECT_THAT(CatalogSummaryText(*summary), HasSubstr("1 new version(s) (1.004837 v2)"));

  const catalog::Procedure v2 = Current(kGuardianship);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.time_limit.value, 5);
  ASSERT_EQ(v2.fees.size(), 1u);
  EXPECT_EQ(v2.fees[0].amount_vnd, 15000);
  // What the portal does not carry is kept; the step budgets still add up to the limit.
  EXPECT_EQ(v2.english_name, v1.english_name);
  EXPECT_EQ(v2.online_level, v1.online_level);
  ASSERT_EQ(v2.steps.size(), v1.steps.size());
  double hours = 0;
  for (const auto& s : v2.steps) hours += s.budget_hours;
  EXPECT_NEAR(hours, 40, 1e-6);
  // The old version stays readable and the dossier stays on it.
  EXPECT_EQ(Current(kGuardianship, 1).time_limit.value, 3);
  auto before = Pulled("BEFORE");
  ASSERT_OK(before);
  EXPECT_EQ(before->procedure_version, 1);
  ASSERT_OK(sim_->AddOnlineDossiers(json::array({Record("AFTER")})));
  ASSERT_OK(puller_->PullOnce());
  auto after = Pulled("AFTER");
  ASSERT_OK(after);
  EXPECT_EQ(after->procedure_version, 2);

  // Refreshing again changes nothing.
  auto again = Refresh();
  ASSERT_OK(again);
  EXPECT_TRUE(again->changed.empty());
  EXPECT_TRUE(again->added.empty());
  EXPECT_EQ(Current(kGuardianship).version, 2);
}

TEST_F(PortalPullTest, MalformedCatalogueAnswerChangesNothing) {
  // One procedure really changed, another malformed: neither is written.
  ASSERT_OK(sim_->PatchProcedure({{"MATTHC", kGuardianship}, {"TENTTHC", "Tên mới"}}));
  auto all = sim_->Procedures();
  ASSERT_OK(all);
  json broken = (*all)[2];
  const std::string broken_code = broken["MATTHC"].get<std::string>();
  broken["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = "ba ngày";
  ASSERT_OK(sim_->PutProcedures(broken));
  auto failed = Refresh();
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr(absl::StrCat("LayThuTuc ", broken_code)));
  EXPECT_THAT(failed.status().message(), HasSubstr("THOIGIANGIAIQUYET: must be a number"));
  EXPECT_THAT(failed.status().message(), HasSubstr("the catalogue is unchanged"));
  EXPECT_EQ(Current(kGuardianship).version, 1);

  // Wrong types in the list, and garbage answers: nothing either.
  ASSERT_OK(sim_->PutProcedures((*all)[2]));  // repaired
  ASSERT_OK(sim_->PutProcedures(json{{"MATTHC", "not-a-code"}, {"TENTTHC", 7}}));
  failed = Refresh();
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("MATTHC"));
  EXPECT_EQ(Current(kGuardianship).version, 1);
}

TEST_F(PortalPullTest, GarbageCatalogueAnswersAreRetriedThenRefused) {
  ASSERT_OK(sim_->PatchProcedure({{"MATTHC", kGuardianship}, {"TENTTHC", "Tên mới"}}));
  SetFaults({{"malformed_rate", 1.0}});
  auto failed = Refresh();
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(absl::IsUnavailable(failed.status())) << failed.status();
  EXPECT_EQ(Current(kGuardianship).version, 1);
  SetFaults(json::object());
  auto summary = Refresh();
  ASSERT_OK(summary);
  EXPECT_THAT(summary->changed, ElementsAre("1.004837 v2"));
}

}  // namespace
}  // namespace motcua::portal_sync
