// Liên thông hand-offs at the engine (issue 6), two real stores in process with the 2025 Phú Thọ
// topology: the transfer is queued with the change, taken in once whatever the number of
// deliveries, the shared chain stays valid on both nodes, the result comes back to the desk,
// and a node refuses to change a dossier another node holds. Delivery over gRPC and mutual TLS
// is tested with real processes in tests/multinode.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/catalog_import/catalog_import.h"
#include "services/dossier_service/handoff_codec.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"
#include "storage/handoff_store.h"
#include "tests/services/dossier_service/engine_fixture.h"

namespace motcua::dossier_service {
namespace {

using ::testing::HasSubstr;
using workflow::Action;
using workflow::Role;

std::shared_ptr<const topology::Topology> PhuTho2025() {
  auto units = catalog_import::ReadFile(testing::SourceDir() + "/data/demo/units-2025.tsv");
  EXPECT_OK(units);
  auto tree = topology::UnitTree::Parse(*units, "units-2025.tsv");
  EXPECT_OK(tree);
  auto text = catalog_import::ReadFile(testing::SourceDir() + "/deploy/topology/phutho-2025.tsv");
  EXPECT_OK(text);
  auto t = topology::Topology::Parse(*text, "phutho-2025.tsv", *std::move(tree));
  EXPECT_OK(t);
  return std::make_shared<const topology::Topology>(*std::move(t));
}

class HandoffEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto topology = PhuTho2025();
    commune_ = OpenTestNode(dir_.File("commune"), clock_);
    province_ = OpenTestNode(dir_.File("province"), clock_);
    commune_.engine->SetNetwork({"commune-07900", topology});
    province_.engine->SetNetwork({"province", topology});
  }

  // The oldest undelivered hand-off of `from`, as the peer would receive it.
  IncomingHandoff Head(TestNode& from, const std::string& peer) {
    auto db = from.store->Read();
    auto heads = storage::HandoffHeads(*db);
    EXPECT_OK(heads);
    EXPECT_EQ(heads->size(), 1u);
    v1::Handoff proto;
    EXPECT_TRUE(proto.ParseFromString(heads->front().payload));
    auto message = FromProto(proto);
    EXPECT_OK(message);
    IncomingHandoff in;
    in.peer_node = peer;
    in.message = *std::move(message);
    in.payload = heads->front().payload;
    for (const auto& a : in.message.dossier.attachments) {
      auto content =
          storage::BlobStore(dir_.File(peer == "province" ? "province/blobs" : "commune/blobs"))
              .Get(a.sha256);
      if (content.ok()) in.files.emplace_back(a.sha256, *content);
    }
    return in;
  }

  absl::StatusOr<HandoffReceipt> Deliver(TestNode& to, IncomingHandoff in) {
    return Await<HandoffReceipt>(
        [&](auto done) { to.engine->ReceiveHandoff(std::move(in), done); });
  }

  absl::StatusOr<dossier::Dossier> Act(TestNode& node, const workflow::Actor& who,
                                       const std::string& code, Action action) {
    ActionInput in;
    in.code = code;
    in.action = action;
    in.assignee = "specialist.25";
    in.delivery = dossier::Delivery::kDesk;
    return Await<dossier::Dossier>([&](auto done) { node.engine->Act(who, in, done); });
  }

  void ExpectChainValid(TestNode& node) {
    auto db = node.store->Read();
    auto report = storage::VerifyChains(*db);
    ASSERT_OK(report);
    EXPECT_FALSE(report->broken_code.has_value()) << report->problem;
  }

  testing::TempDir dir_;
  // Thursday 27 Nov 2026, 09:00 in Việt Trì.
  testing::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 11, 26, 9, 0, 0), absl::FixedTimeZone(7 * 3600))};
  TestNode commune_;
  TestNode province_;
  const workflow::Actor clerk_ = Staff("clerk.07900", Role::kClerk, "07900");
};

TEST_F(HandoffEngineTest, TransferTakenOnceResultComesBackChainValidOnBothNodes) {
  // 2.000635 is done at the province; the commune desk receives it.
  CreateInput in = Guardianship("07900", "25");
  in.procedure_code = "2.000635";
  auto made = Await<CreateOutcome>([&](auto done) { commune_.engine->Create(clerk_, in, done); });
  ASSERT_OK(made);
  const std::string code = made->dossier->code;
  EXPECT_EQ(made->dossier->held_by, "province");
  // While the province holds it, the commune changes nothing.
  EXPECT_THAT(Act(commune_, clerk_, code, Action::kReturn),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("province")));

  IncomingHandoff transfer = Head(commune_, "commune-07900");
  EXPECT_EQ(transfer.message.header.kind, storage::HandoffKind::kTransfer);
  EXPECT_EQ(transfer.message.header.destination_node, "province");
  auto first = Deliver(province_, transfer);
  ASSERT_OK(first);
  EXPECT_TRUE(first->applied);
  // A duplicate delivery is acknowledged and changes nothing.
  auto again = Deliver(province_, transfer);
  ASSERT_OK(again);
  EXPECT_FALSE(again->applied);
  EXPECT_EQ(again->receive_time, first->receive_time);
  auto at_province = province_.engine->GetHere(code);
  ASSERT_OK(at_province);
  EXPECT_EQ(at_province->home_node, "commune-07900");
  EXPECT_EQ(at_province->revision, 3);  // receive, handoff-send, handoff-receive

  const auto leader = Staff("leader.25", Role::kLeader, "25");
  // The province stops it: a result all the same, and the simplest one to reach in a test.
  ActionInput stop;
  stop.code = code;
  stop.action = Action::kStop;
  stop.reason = "Người yêu cầu không đủ điều kiện";
  ASSERT_OK(Await<dossier::Dossier>([&](auto done) { province_.engine->Act(leader, stop, done); }));
  IncomingHandoff result = Head(province_, "province");
  EXPECT_EQ(result.message.header.kind, storage::HandoffKind::kResult);
  ASSERT_OK(Deliver(commune_, result));
  auto back = commune_.engine->GetHere(code);
  ASSERT_OK(back);
  EXPECT_TRUE(back->held_by.empty());
  EXPECT_EQ(back->status, workflow::Status::kStopped);
  {
    auto db = commune_.store->Read();
    auto events = storage::LoadEvents(*db, code);
    ASSERT_OK(events);
    std::vector<std::string> actions;
    for (const auto& e : *events) actions.push_back(e.action);
    EXPECT_THAT(actions, ::testing::ElementsAre("receive", "handoff-send", "handoff-receive",
                                                "stop", "handoff-send", "handoff-result"));
  }
  ExpectChainValid(commune_);
  ExpectChainValid(province_);
}

TEST_F(HandoffEngineTest, TamperedHistoryIsRefusedAndWritesNothing) {
  CreateInput in = Guardianship("07900", "25");
  in.procedure_code = "2.000635";
  auto made = Await<CreateOutcome>([&](auto done) { commune_.engine->Create(clerk_, in, done); });
  ASSERT_OK(made);
  IncomingHandoff transfer = Head(commune_, "commune-07900");
  transfer.message.events[0].reason = "sửa lịch sử";
  EXPECT_THAT(Deliver(province_, transfer),
              testing::StatusIs(absl::StatusCode::kDataLoss, HasSubstr("does not link")));
  auto db = province_.store->Read();
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM handoff_inbox"), 0);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM dossiers"), 0);
}

TEST_F(HandoffEngineTest, CommuneProcedureStaysAtTheCommune) {
  auto made = Await<CreateOutcome>(
      [&](auto done) { commune_.engine->Create(clerk_, Guardianship("07900", "07900"), done); });
  ASSERT_OK(made);
  EXPECT_TRUE(made->dossier->held_by.empty());
  auto db = commune_.store->Read();
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM handoff_outbox"), 0);
}

}  // namespace
}  // namespace motcua::dossier_service
