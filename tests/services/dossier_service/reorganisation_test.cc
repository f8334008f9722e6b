// Reorganisation (issue 6, item 5) over a real store: the 1 Jul 2025 arrangement moves the open
// dossiers of merged wards to their successor in one audited operation; history, codes and due
// dates are kept; a dry run, a non-admin and an unknown division change nothing.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"
#include "tests/services/dossier_service/engine_fixture.h"

namespace motcua::dossier_service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using workflow::Role;

class ReorganisationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 20 Jun 2025, 09:00 in Việt Trì: Phường Dữu Lâu (07888) still exists (division 2025-h1).
    node_ = OpenTestNode(dir_.File("node"), clock_);
    auto made = Await<CreateOutcome>([&](auto done) {
      node_.engine->Create(Staff("clerk.07888", Role::kClerk, "07888"),
                           Guardianship("07888", "07888"), done);
    });
    ASSERT_OK(made);
    code_ = made->dossier->code;
    due_ = *made->dossier->due_time;
    // 1 Jul 2025: Dữu Lâu is part of Phường Việt Trì (07900, division 2025).
    clock_.Set(
        absl::FromCivil(absl::CivilSecond(2025, 7, 2, 9, 0, 0), absl::FixedTimeZone(7 * 3600)));
  }

  dossier::Dossier Load() {
    auto d = node_.engine->GetHere(code_);
    EXPECT_OK(d);
    return d.ok() ? *d : dossier::Dossier();
  }

  absl::StatusOr<std::vector<DossierEngine::Rehomed>> Reorganise(const workflow::Actor& actor,
                                                                 const std::string& division,
                                                                 bool apply) {
    return Await<std::vector<DossierEngine::Rehomed>>(
        [&](auto done) { node_.engine->Reorganise(actor, division, apply, done); });
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2025, 6, 20, 9, 0, 0), absl::FixedTimeZone(7 * 3600))};
  TestNode node_;
  std::string code_;
  absl::Time due_;
  const workflow::Actor admin_ = Staff("admin", Role::kAdmin, "");
};

TEST_F(ReorganisationTest, DryRunListsTheMoveAndChangesNothing) {
  auto r = Reorganise(admin_, "2025", false);
  ASSERT_OK(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].code, code_);
  EXPECT_THAT((*r)[0].moves,
              ElementsAre("receiving_unit 07888 → 07900", "competent_unit 07888 → 07900",
                          "support_unit 07888 → 07900"));
  EXPECT_EQ(Load().receiving_unit, "07888");
  EXPECT_EQ(Load().revision, 1);
}

TEST_F(ReorganisationTest, ApplyMovesTheDossierKeepingCodeDueDateAndHistory) {
  ASSERT_OK(Reorganise(admin_, "2025", true));
  dossier::Dossier d = Load();
  EXPECT_EQ(d.code, code_);
  EXPECT_EQ(d.receiving_unit, "07900");
  EXPECT_EQ(d.competent_unit, "07900");
  EXPECT_EQ(d.support_unit, "07900");
  EXPECT_EQ(*d.due_time, due_);
  auto db = node_.store->Read();
  auto events = storage::LoadEvents(*db, code_);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].action, "rehome");
  EXPECT_EQ((*events)[1].actor, "admin");
  EXPECT_THAT((*events)[1].reason, HasSubstr("07888 Phường Dữu Lâu → 07900 Phường Việt Trì"));
  auto chains = storage::VerifyChains(*db);
  ASSERT_OK(chains);
  EXPECT_FALSE(chains->broken_code.has_value()) << chains->problem;
  // Applying again finds nothing left to move.
  auto again = Reorganise(admin_, "2025", true);
  ASSERT_OK(again);
  EXPECT_TRUE(again->empty());
  // The successor's staff see it now.
  EXPECT_OK(node_.engine->Get(Staff("clerk.07900", Role::kClerk, "07900"), code_));
}

TEST_F(ReorganisationTest, BadRequestsChangeNothing) {
  EXPECT_THAT(Reorganise(Staff("leader.07900", Role::kLeader, "07900"), "2025", true),
              testing::StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_THAT(Reorganise(admin_, "2031", true),
              testing::StatusIs(absl::StatusCode::kNotFound, HasSubstr("2031")));
  EXPECT_THAT(Reorganise(admin_, "", true),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("division")));
  EXPECT_EQ(Load().receiving_unit, "07888");
  EXPECT_EQ(Load().revision, 1);
}

TEST_F(ReorganisationTest, DossierHeldByAnotherNodeIsSkippedWithTheReason) {
  {
    // As if it had been handed to the province node: this node only reads it.
    dossier::Dossier d = Load();
    d.held_by = "province";
    absl::Notification done;
    node_.store->writer().Submit(
        [&](storage::Database& db) { return storage::UpdateDossier(db, d); },
        [&](absl::Status s) {
          EXPECT_OK(s);
          done.Notify();
        });
    done.WaitForNotification();
  }
  auto r = Reorganise(admin_, "2025", true);
  ASSERT_OK(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_THAT((*r)[0].skipped, HasSubstr("province"));
  EXPECT_EQ(Load().receiving_unit, "07888");
}

}  // namespace
}  // namespace motcua::dossier_service
