// Liên thông across real motcuad nodes on loopback, when nothing goes wrong: a dossier received
// at a commune desk for a province-level unit goes to the province node, is decided there, comes
// back and is returned at the desk; under the 2025 two-tier topology (commune ↔ province) and the
// 2024 three-tier one (commune → district → province and back, the district relaying). Both
// nodes end with one hash chain, the hand-off events in it, and every hand-off delivered once.
//
// Each test makes its own CA (deploy/pki/dev-ca.sh), topology file on free ports and nodes.
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "tests/multinode/cluster.h"
#include "tests/multinode/cluster_test_base.h"
#include "tests/multinode/round_trip.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"

namespace motcua::multinode {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;

constexpr absl::Duration kConverge = absl::Seconds(60);

class HandoffFlowTest : public ClusterTest {
 protected:
  // The motcua CLI as `admin` against node `id` (HOME is the cluster's folder, so the token
  // stays with the test).
  testing::CommandResult Cli(const std::string& id, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/usr/bin/env",
                                     "HOME=" + cluster_->dir().path(),
                                     "MOTCUA_PASSWORD=" + std::string(kPassword),
                                     testing::BinDir() + "/motcua",
                                     "--server",
                                     cluster_->Address(id)};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::RunCommand(argv, 60);
  }
};

TEST_F(HandoffFlowTest, CommuneToProvinceAndBackUnderThe2025Topology) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kCommune07900));
  const Route route{kCommune07900, kProvince, {}};

  std::vector<std::string> codes;
  for (int i = 0; i < 3; ++i) {
    auto code = cluster_->Receive(kCommune07900, absl::StrCat("flow25-", i));
    ASSERT_OK(code);
    codes.push_back(*code);
  }
  // A dossier the commune handles itself stays: no hand-off.
  auto local = cluster_->Receive(kCommune07900, "flow25-local", "07900", "07900");
  ASSERT_OK(local);

  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route, codes); }, kConverge))
      << "the transfers did not arrive at the province";
  ExpectTransferred(*cluster_, route, codes);
  auto outbox = cluster_->Outbox(kCommune07900);
  ASSERT_OK(outbox);
  EXPECT_EQ(outbox->size(), codes.size()) << "only the province's dossiers leave";
  auto kept = cluster_->Dossiers(kCommune07900);
  ASSERT_OK(kept);
  EXPECT_EQ(kept->at(*local).held_by, "");

  // While the province holds it, the commune desk reads it from there and cannot act on it.
  {
    auto seen = cluster_->GetDossier(kCommune07900, "clerk.07900", codes[0]);
    ASSERT_OK(seen);
    EXPECT_EQ(seen->state(), v1::Dossier::RECEIVED);
    auto before = cluster_->Counts(kCommune07900);
    ASSERT_OK(before);
    absl::Status acted = cluster_->ReturnResult(kCommune07900, codes[0]);
    EXPECT_EQ(acted.code(), absl::StatusCode::kFailedPrecondition) << acted;
    EXPECT_THAT(std::string(acted.message()), HasSubstr(kProvince));
    auto after = cluster_->Counts(kCommune07900);
    ASSERT_OK(after);
    EXPECT_EQ(*before, *after);
  }

  ASSERT_TRUE(DecideAndReturnAll(*cluster_, route, codes, kConverge));
  ExpectRoundTripsSettled(*cluster_, route, codes);

  // The clerk's view through the CLI: the whole history at the commune, chains valid on both.
  for (const char* id : {kCommune07900, kProvince}) {
    auto login = Cli(id, {"login", "admin"});
    ASSERT_EQ(login.exit_code, 0) << login.out << login.err;
    auto verify = Cli(id, {"verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_THAT(verify.out, HasSubstr("Hợp lệ")) << id;
  }
  auto history = Cli(kCommune07900, {"dossier", "history", codes[0]});
  ASSERT_EQ(history.exit_code, 0) << history.out << history.err;
  EXPECT_THAT(history.out, HasSubstr("Nhận hồ sơ liên thông"));
  EXPECT_THAT(history.out, HasSubstr("Nhận kết quả giải quyết"));
  EXPECT_THAT(std::string(absl::StripTrailingAsciiWhitespace(history.out)),
              EndsWith("Chuỗi băm: hợp lệ"));
}

TEST_F(HandoffFlowTest, StoppedAndWithdrawnDossiersComeBackToTheDesk) {
  MakeCluster(Cluster::Era::k2025);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kCommune07900));
  const Route route{kCommune07900, kProvince, {}};
  auto stopped = cluster_->Receive(kCommune07900, "flow-stop");
  auto withdrawn = cluster_->Receive(kCommune07900, "flow-withdraw");
  ASSERT_OK(stopped);
  ASSERT_OK(withdrawn);
  const std::vector<std::string> codes = {*stopped, *withdrawn};
  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route, codes); }, kConverge));

  auto routing = v1::RoutingService::NewStub(cluster_->Channel(kProvince));
  for (const auto& code : codes) {
    v1::AssignDossierRequest assign;
    assign.set_name("dossiers/" + code);
    assign.set_assignee("specialist.25");
    v1::Dossier out;
    grpc::Status s =
        routing->AssignDossier(cluster_->Ctx(kProvince, "leader.25").get(), assign, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  {
    v1::DossierActionRequest req;
    req.set_name("dossiers/" + *stopped);
    req.set_reason("Hồ sơ không đủ điều kiện giải quyết theo quy định");
    v1::Dossier out;
    grpc::Status s = routing->StopDossier(cluster_->Ctx(kProvince, "leader.25").get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.state(), v1::Dossier::STOPPED);
  }
  {
    v1::DossierActionRequest req;
    req.set_name("dossiers/" + *withdrawn);
    req.set_reason("Công dân xin rút hồ sơ");
    v1::Dossier out;
    grpc::Status s =
        routing->WithdrawDossier(cluster_->Ctx(kProvince, "clerk.25").get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.state(), v1::Dossier::WITHDRAWN);
  }
  const std::map<std::string, int> want = {{*stopped, 8}, {*withdrawn, 7}};
  ASSERT_TRUE(WaitFor(
      [&] {
        auto home = cluster_->Dossiers(kCommune07900);
        if (!home.ok()) return false;
        for (const auto& [code, status] : want) {
          if (home->at(code).held_by != "" || home->at(code).status != status) return false;
        }
        return AllOutboxesDelivered(*cluster_, {kProvince, kCommune07900});
      },
      kConverge))
      << "the stopped and withdrawn dossiers did not come back";
  auto province = cluster_->Dossiers(kProvince);
  ASSERT_OK(province);
  for (const auto& [code, status] : want) {
    SCOPED_TRACE(code);
    EXPECT_EQ(province->at(code).status, status);
    EXPECT_EQ(province->at(code).held_by, kCommune07900);
    auto events = cluster_->Events(kCommune07900, code);
    ASSERT_OK(events);
    std::vector<std::string> actions;
    for (const auto& e : *events) actions.push_back(e.action);
    EXPECT_THAT(actions, ::testing::ElementsAre("receive", "handoff-send", "handoff-receive",
                                                "assign", status == 8 ? "stop" : "withdraw",
                                                "handoff-send", "handoff-result"));
    auto history = cluster_->History(kCommune07900, code);
    ASSERT_OK(history);
    EXPECT_TRUE(history->chain_valid());
  }
  for (const char* id : {kProvince, kCommune07900}) {
    auto verified = cluster_->VerifyChains(id);
    ASSERT_OK(verified);
    EXPECT_TRUE(verified->valid()) << id << ": " << verified->problem();
  }
}

TEST_F(HandoffFlowTest, CommuneToProvinceThroughTheDistrictUnderThe2024Topology) {
  MakeCluster(Cluster::Era::k2024);
  ASSERT_OK(cluster_->Start(kProvince));
  ASSERT_OK(cluster_->Start(kDistrict227));
  ASSERT_OK(cluster_->Start(kCommune07900));
  const Route route{kCommune07900, kProvince, {kDistrict227}};

  std::vector<std::string> codes;
  for (int i = 0; i < 2; ++i) {
    auto code = cluster_->Receive(kCommune07900, absl::StrCat("flow24-", i));
    ASSERT_OK(code);
    codes.push_back(*code);
  }
  ASSERT_TRUE(WaitFor([&] { return AllTransferred(*cluster_, route, codes); }, kConverge))
      << "the transfers did not arrive at the province through the district";
  ExpectTransferred(*cluster_, route, codes);

  // The commune finds its dossier at the province, which is not its neighbour.
  auto seen = cluster_->GetDossier(kCommune07900, "clerk.07900", codes[0]);
  ASSERT_OK(seen);
  EXPECT_EQ(seen->state(), v1::Dossier::RECEIVED);

  ASSERT_TRUE(DecideAndReturnAll(*cluster_, route, codes, kConverge));
  ExpectRoundTripsSettled(*cluster_, route, codes);
  auto district = cluster_->Counts(kDistrict227);
  ASSERT_OK(district);
  EXPECT_EQ(district->dossiers, 0);
  EXPECT_EQ(district->events, 0);
  EXPECT_EQ(district->inbox, 2 * static_cast<int64_t>(codes.size()));
  EXPECT_EQ(district->outbox, 2 * static_cast<int64_t>(codes.size()));
}

}  // namespace
}  // namespace motcua::multinode
