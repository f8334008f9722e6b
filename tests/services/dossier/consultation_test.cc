#include "services/dossier/consultation.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::dossier {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using workflow::Actor;
using workflow::Role;
using workflow::Status;

const absl::Time kNow = absl::FromUnixSeconds(1795742260);

Dossier Processing() {
  Dossier d;
  d.code = "H44.07900-261127-0001";
  d.status = Status::kProcessing;
  d.receiving_unit = "07900";
  d.competent_unit = "07900";
  d.assignee = "specialist.07900";
  return d;
}

Actor Staff(const std::string& role_name, Role role, const std::string& unit) {
  Actor a;
  a.username = absl::StrCat(role_name, ".", unit);
  a.role = role;
  a.units = {unit};
  return a;
}

ConsultationAsk Ask(const std::string& unit, int hours) {
  ConsultationAsk a;
  a.unit = unit;
  a.working_hours = hours;
  a.question = "Cho ý kiến";
  return a;
}

Consultation Open(int number, const std::string& unit, absl::Time due) {
  Consultation c;
  c.number = number;
  c.unit = unit;
  c.lead_unit = "07900";
  c.requested_time = kNow - absl::Hours(1);
  c.due_time = due;
  return c;
}

TEST(CheckConsult, TheAssigneeOrALeaderOfTheCompetentUnitAsks) {
  const Dossier d = Processing();
  EXPECT_OK(CheckConsult(d, Staff("specialist", Role::kSpecialist, "07900"), "07900",
                         {Ask("04924", 8), Ask("25", 16)}, kNow));
  EXPECT_OK(CheckConsult(d, Staff("leader", Role::kLeader, "07900"), "07900", {Ask("25", 1)},
                         kNow));
  Actor other_specialist = Staff("specialist2", Role::kSpecialist, "07900");
  EXPECT_THAT(CheckConsult(d, other_specialist, "07900", {Ask("25", 8)}, kNow),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_THAT(CheckConsult(d, Staff("clerk", Role::kClerk, "07900"), "07900", {Ask("25", 8)},
                           kNow),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_THAT(CheckConsult(d, Staff("leader", Role::kLeader, "04924"), "07900", {Ask("25", 8)},
                           kNow),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
}

TEST(CheckConsult, OnlyWhileProcessing) {
  for (Status s : {Status::kReceived, Status::kSupplementRequested, Status::kPaymentRequested,
                   Status::kResolved, Status::kStopped}) {
    Dossier d = Processing();
    d.status = s;
    EXPECT_THAT(CheckConsult(d, Staff("leader", Role::kLeader, "07900"), "07900", {Ask("25", 8)},
                             kNow),
                StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("status 4")))
        << static_cast<int>(s);
  }
}

TEST(CheckConsult, EachAskIsChecked) {
  Dossier d = Processing();
  d.consultations.push_back(Open(1, "227", kNow + absl::Hours(5)));
  const Actor leader = Staff("leader", Role::kLeader, "07900");
  ConsultationAsk fixed = Ask("25", 0);
  fixed.due_time = kNow + absl::Hours(2);
  EXPECT_OK(CheckConsult(d, leader, "07900", {fixed}, kNow));
  ConsultationAsk past = fixed;
  past.due_time = kNow;
  ConsultationAsk both = Ask("25", 8);
  both.due_time = kNow + absl::Hours(2);
  ConsultationAsk no_question = Ask("25", 8);
  no_question.question.clear();
  const struct {
    std::vector<ConsultationAsk> asks;
    absl::StatusCode code;
    const char* error;
  } kCases[] = {
      {{}, absl::StatusCode::kInvalidArgument, "at least one unit"},
      {std::vector<ConsultationAsk>(21, Ask("25", 8)), absl::StatusCode::kInvalidArgument,
       "at most 20"},
      {{Ask("", 8)}, absl::StatusCode::kInvalidArgument, "consultations[0].unit: is required"},
      {{Ask("07900", 8)}, absl::StatusCode::kInvalidArgument, "lead unit itself"},
      {{Ask("25", 8), Ask("25", 8)}, absl::StatusCode::kInvalidArgument, "[1].unit: 25 is given"},
      {{Ask("227", 8)}, absl::StatusCode::kFailedPrecondition, "has not answered"},
      {{Ask("25", 0)}, absl::StatusCode::kInvalidArgument, "[0].deadline"},
      {{both}, absl::StatusCode::kInvalidArgument, "[0].deadline"},
      {{Ask("25", -1)}, absl::StatusCode::kInvalidArgument, "[0].working_hours"},
      {{Ask("25", 481)}, absl::StatusCode::kInvalidArgument, "[0].working_hours"},
      {{past}, absl::StatusCode::kInvalidArgument, "[0].due_time"},
      {{no_question}, absl::StatusCode::kInvalidArgument, "[0].question"},
  };
  for (const auto& c : kCases) {
    EXPECT_THAT(CheckConsult(d, leader, "07900", c.asks, kNow), StatusIs(c.code, HasSubstr(c.error)))
        << c.error;
  }
  EXPECT_THAT(CheckConsult(d, leader, "04924", {Ask("25", 8)}, kNow),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("lead_unit")));
}

TEST(ConsultationToAnswer, OnlyTheConsultedUnitOnceWhileOpen) {
  Dossier d = Processing();
  d.consultations.push_back(Open(1, "04924", kNow + absl::Hours(5)));
  d.consultations.push_back(Open(2, "25", kNow + absl::Hours(5)));
  auto c = ConsultationToAnswer(d, Staff("specialist", Role::kSpecialist, "25"), 2);
  ASSERT_OK(c.status());
  EXPECT_EQ((*c)->unit, "25");
  EXPECT_THAT(ConsultationToAnswer(d, Staff("specialist", Role::kSpecialist, "25"), 1).status(),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("unit 04924")));
  EXPECT_THAT(ConsultationToAnswer(d, Staff("clerk", Role::kClerk, "25"), 2).status(),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  EXPECT_THAT(ConsultationToAnswer(d, Staff("leader", Role::kLeader, "25"), 3).status(),
              StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  d.consultations[1].answered_time = kNow;
  EXPECT_THAT(ConsultationToAnswer(d, Staff("leader", Role::kLeader, "25"), 2).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already answered")));
  d.status = Status::kWithdrawn;
  EXPECT_THAT(ConsultationToAnswer(d, Staff("leader", Role::kLeader, "04924"), 1).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no longer")));
}

TEST(Consultation, LatenessAndTheOpenList) {
  Dossier d = Processing();
  d.consultations.push_back(Open(1, "04924", kNow - absl::Minutes(1)));
  d.consultations.push_back(Open(2, "25", kNow + absl::Hours(1)));
  EXPECT_TRUE(d.consultations[0].Late(kNow));
  EXPECT_FALSE(d.consultations[1].Late(kNow));
  EXPECT_TRUE(HasLateConsultation(d, kNow));
  EXPECT_EQ(OpenConsultationList(d), "04924 (số 1), 25 (số 2)");
  d.consultations[0].answered_time = kNow - absl::Minutes(2);  // answered in time
  EXPECT_FALSE(d.consultations[0].Late(kNow + absl::Hours(10)));
  EXPECT_FALSE(HasLateConsultation(d, kNow));
  EXPECT_EQ(OpenConsultationList(d), "25 (số 2)");
  d.consultations[1].answered_time = kNow + absl::Hours(2);  // answered late
  EXPECT_TRUE(d.consultations[1].Late(kNow + absl::Hours(2)));
  EXPECT_EQ(OpenConsultationList(d), "");
}

TEST(ConsultationActions, FollowTheRoles) {
  Dossier d = Processing();
  d.consultations.push_back(Open(1, "04924", kNow + absl::Hours(1)));
  EXPECT_THAT(ConsultationActions(d, Staff("specialist", Role::kSpecialist, "07900")),
              ElementsAre("consult"));
  EXPECT_THAT(ConsultationActions(d, Staff("leader", Role::kLeader, "04924")),
              ElementsAre("answer-consultation"));
  EXPECT_THAT(ConsultationActions(d, Staff("clerk", Role::kClerk, "04924")), ElementsAre());
  d.status = Status::kResolved;
  EXPECT_THAT(ConsultationActions(d, Staff("leader", Role::kLeader, "07900")), ElementsAre());
}

}  // namespace
}  // namespace motcua::dossier
