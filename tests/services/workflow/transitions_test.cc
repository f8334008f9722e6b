// Table-driven tests of the dossier state machine (services/workflow/transitions.h): for every
// action, which roles may take it (else kPermissionDenied), from which states (else
// kFailedPrecondition), the unit and ownership checks, the one-extension rule and the assignee
// rule; and the names of actions, roles and statuses.
#include "services/workflow/transitions.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/workflow/dossier_status.h"
#include "services/workflow/role.h"
#include "tests/testing/status_matchers.h"

namespace motcua::workflow {
namespace {

using ::motcua::testing::IsOk;
using ::motcua::testing::StatusIs;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

constexpr char kWard[] = "07900";
constexpr char kOtherCommune[] = "04924";
constexpr char kProvince[] = "25";
constexpr char kOwner[] = "025090000001";
constexpr char kOtherCitizen[] = "025090000002";
constexpr char kAssignee[] = "specialist.07900";

const std::vector<Action>& AllActions() {
  static const auto* all =
      new std::vector<Action>{Action::kAccept,     Action::kRefuse,
                              Action::kAssign,     Action::kRequestSupplement,
                              Action::kSupplement, Action::kRequestPayment,
                              Action::kPay,        Action::kExtend,
                              Action::kApprove,    Action::kIssue,
                              Action::kReturn,     Action::kWithdraw,
                              Action::kStop,       Action::kRefuseAfterAppraisal};
  return *all;
}

const std::vector<Role>& AllRoles() {
  static const auto* all =
      new std::vector<Role>{Role::kCitizen,  Role::kClerk, Role::kSpecialist, Role::kLeader,
                            Role::kClerical, Role::kAdmin, Role::kSync};
  return *all;
}

// A user of `role` working for `unit` (citizens own kOwner; specialists are the assignee).
Actor ActorOf(Role role, const std::string& unit = kWard) {
  Actor a;
  a.role = role;
  switch (role) {
    case Role::kCitizen:
      a.username = "citizen.an";
      a.citizen_id = kOwner;
      break;
    case Role::kAdmin:
      a.username = "admin";
      break;
    case Role::kSync:
      a.username = "sync";
      break;
    default:
      a.username = absl::StrCat(RoleName(role), ".", unit);
      a.units = {unit};
  }
  return a;
}

// A dossier of the ward (received and handled there), owned by kOwner, assigned to kAssignee.
DossierFacts FactsAt(Status status, Step step) {
  DossierFacts f;
  f.status = status;
  f.step = step;
  f.resume_step = Step::kAppraising;
  f.receiving_unit = kWard;
  f.competent_unit = kWard;
  f.assignee = kAssignee;
  f.owner_id = kOwner;
  return f;
}

struct State {
  Status status;
  Step step;
  std::string label;
};

// Every (status, step) pair a dossier can be in.
const std::vector<State>& AllStates() {
  static const auto* all = new std::vector<State>{
      {Status::kSubmitted, Step::kAwaitingReception, "1"},
      {Status::kReceived, Step::kAwaitingAssignment, "2"},
      {Status::kRefused, Step::kClosed, "3"},
      {Status::kProcessing, Step::kAppraising, "4/appraising"},
      {Status::kProcessing, Step::kSigned, "4/signed"},
      {Status::kSupplementRequested, Step::kWaitingCitizen, "5"},
      {Status::kPaymentRequested, Step::kWaitingCitizen, "6"},
      {Status::kWithdrawn, Step::kClosed, "7"},
      {Status::kStopped, Step::kClosed, "8"},
      {Status::kResolved, Step::kClosed, "9"},
      {Status::kReturned, Step::kClosed, "10"},
  };
  return *all;
}

// The contract of each action: who, from where, to where.
struct Rule {
  Action action;
  std::set<Role> roles;
  std::set<std::string> from;  // state labels of AllStates()
  // Expected result from the first state of `from` ("same" keeps status/step).
  Status to_status;
  Step to_step;
  bool keeps_state = false;
};

const std::vector<Rule>& Rules() {
  using R = Role;
  using S = Status;
  static const auto* rules = new std::vector<Rule>{
      {Action::kAccept, {R::kClerk}, {"1"}, S::kReceived, Step::kAwaitingAssignment},
      {Action::kRefuse, {R::kClerk}, {"1"}, S::kRefused, Step::kClosed},
      {Action::kAssign, {R::kLeader}, {"2", "4/appraising"}, S::kProcessing, Step::kAppraising},
      {Action::kRequestSupplement,
       {R::kSpecialist},
       {"4/appraising"},
       S::kSupplementRequested,
       Step::kWaitingCitizen},
      {Action::kSupplement, {R::kClerk, R::kCitizen}, {"5"}, S::kProcessing, Step::kAppraising},
      {Action::kRequestPayment,
       {R::kSpecialist, R::kClerk},
       {"4/appraising", "4/signed"},
       S::kPaymentRequested,
       Step::kWaitingCitizen},
      {Action::kPay, {R::kClerk, R::kCitizen}, {"6"}, S::kProcessing, Step::kAppraising},
      {Action::kExtend,
       {R::kSpecialist, R::kLeader},
       {"2", "4/appraising", "4/signed", "5", "6"},
       S::kReceived,
       Step::kAwaitingAssignment,
       /*keeps_state=*/true},
      {Action::kApprove, {R::kLeader}, {"4/appraising"}, S::kProcessing, Step::kSigned},
      {Action::kIssue, {R::kClerical}, {"4/signed"}, S::kResolved, Step::kClosed},
      {Action::kReturn, {R::kClerk}, {"9"}, S::kReturned, Step::kClosed},
      {Action::kWithdraw,
       {R::kClerk, R::kCitizen},
       {"1", "2", "4/appraising", "4/signed", "5", "6"},
       S::kWithdrawn,
       Step::kClosed},
      {Action::kStop,
       {R::kLeader},
       {"2", "4/appraising", "4/signed", "5", "6", "7"},
       S::kStopped,
       Step::kClosed},
      {Action::kRefuseAfterAppraisal,
       {R::kLeader},
       {"4/appraising", "4/signed"},
       S::kStopped,
       Step::kClosed},
  };
  return *rules;
}

const Rule& RuleOf(Action action) {
  for (const auto& r : Rules()) {
    if (r.action == action) return r;
  }
  ADD_FAILURE() << "no rule for " << ActionName(action);
  return Rules().front();
}

State StateOf(const std::string& label) {
  for (const auto& s : AllStates()) {
    if (s.label == label) return s;
  }
  ADD_FAILURE() << "no state " << label;
  return AllStates().front();
}

// A state from which `action` is allowed.
DossierFacts ValidFacts(Action action) {
  State s = StateOf(*RuleOf(action).from.begin());
  // Prefer the canonical state for actions allowed from several.
  if (action == Action::kExtend || action == Action::kWithdraw || action == Action::kStop) {
    s = StateOf("4/appraising");
  }
  return FactsAt(s.status, s.step);
}

TEST(Transitions, EveryActionHasARule) {
  EXPECT_EQ(Rules().size(), AllActions().size());
  for (Action a : AllActions()) EXPECT_EQ(RuleOf(a).action, a);
}

// ---- Roles ----

TEST(Transitions, OnlyTheRightRolesMayTakeEachAction) {
  for (const Rule& rule : Rules()) {
    for (Role role : AllRoles()) {
      SCOPED_TRACE(absl::StrCat(ActionName(rule.action), " by ", RoleName(role)));
      DossierFacts facts = ValidFacts(rule.action);
      absl::StatusOr<Decision> d = Decide(facts, rule.action, ActorOf(role));
      if (rule.roles.count(role) > 0) {
        EXPECT_THAT(d, IsOk());
      } else {
        EXPECT_THAT(d, StatusIs(absl::StatusCode::kPermissionDenied,
                                HasSubstr(absl::StrCat("role ", RoleName(role)))));
      }
    }
  }
}

TEST(Transitions, AdminAndSyncNeverActOnDossiers) {
  for (Role role : {Role::kAdmin, Role::kSync}) {
    for (const State& s : AllStates()) {
      DossierFacts facts = FactsAt(s.status, s.step);
      EXPECT_THAT(AllowedActions(facts, ActorOf(role)), ::testing::IsEmpty())
          << RoleName(role) << " in " << s.label;
      for (Action a : AllActions()) {
        EXPECT_THAT(Decide(facts, a, ActorOf(role)),
                    StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_))
            << ActionName(a);
      }
    }
  }
}

// ---- States ----

TEST(Transitions, EachActionIsAllowedOnlyFromItsStates) {
  for (const Rule& rule : Rules()) {
    for (const State& s : AllStates()) {
      for (Role role : rule.roles) {
        SCOPED_TRACE(
            absl::StrCat(ActionName(rule.action), " by ", RoleName(role), " from ", s.label));
        DossierFacts facts = FactsAt(s.status, s.step);
        absl::StatusOr<Decision> d = Decide(facts, rule.action, ActorOf(role));
        if (rule.from.count(s.label) > 0) {
          ASSERT_THAT(d, IsOk());
          if (rule.keeps_state) {
            EXPECT_EQ(d->status, s.status);
            EXPECT_EQ(d->step, s.step);
          } else if (rule.action == Action::kRequestPayment) {
            EXPECT_EQ(d->status, Status::kPaymentRequested);
            EXPECT_EQ(d->step, Step::kWaitingCitizen);
            // Payment resumes the step it interrupted.
            EXPECT_EQ(d->resume_step, s.step);
          } else {
            EXPECT_EQ(d->status, rule.to_status);
            EXPECT_EQ(d->step, rule.to_step);
          }
        } else {
          EXPECT_THAT(d, StatusIs(absl::StatusCode::kFailedPrecondition,
                                  HasSubstr(ActionName(rule.action))));
        }
      }
    }
  }
}

TEST(Transitions, StateErrorNamesTheStatusField) {
  DossierFacts facts = FactsAt(Status::kReturned, Step::kClosed);
  EXPECT_THAT(Decide(facts, Action::kAccept, ActorOf(Role::kClerk)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::AllOf(HasSubstr("dossier.status"), HasSubstr("10"))));
}

TEST(Transitions, ClosedStatesAllowNothingButStopAfterWithdrawal) {
  for (const char* label : {"3", "8", "10"}) {
    State s = StateOf(label);
    for (Role role : AllRoles()) {
      DossierFacts facts = FactsAt(s.status, s.step);
      EXPECT_THAT(AllowedActions(facts, ActorOf(role)), ::testing::IsEmpty())
          << label << " " << RoleName(role);
    }
  }
  DossierFacts withdrawn = FactsAt(Status::kWithdrawn, Step::kClosed);
  EXPECT_THAT(AllowedActions(withdrawn, ActorOf(Role::kLeader)), ElementsAreArray({Action::kStop}));
  EXPECT_THAT(AllowedActions(withdrawn, ActorOf(Role::kClerk)), ::testing::IsEmpty());
  // Status 9 waits only for the return of the result.
  DossierFacts resolved = FactsAt(Status::kResolved, Step::kClosed);
  EXPECT_THAT(AllowedActions(resolved, ActorOf(Role::kClerk)), ElementsAreArray({Action::kReturn}));
  EXPECT_THAT(AllowedActions(resolved, ActorOf(Role::kCitizen)), ::testing::IsEmpty());
}

TEST(Transitions, PaymentResumesTheInterruptedStep) {
  for (Step step : {Step::kAppraising, Step::kSigned}) {
    DossierFacts facts = FactsAt(Status::kProcessing, step);
    auto asked = Decide(facts, Action::kRequestPayment, ActorOf(Role::kClerk));
    ASSERT_THAT(asked, IsOk());
    DossierFacts waiting = facts;
    waiting.status = asked->status;
    waiting.step = asked->step;
    waiting.resume_step = asked->resume_step;
    auto paid = Decide(waiting, Action::kPay, ActorOf(Role::kCitizen));
    ASSERT_THAT(paid, IsOk());
    EXPECT_EQ(paid->status, Status::kProcessing);
    EXPECT_EQ(paid->step, step);
  }
}

TEST(Transitions, WalkThroughTheWholeLifecycle) {
  DossierFacts f = FactsAt(Status::kSubmitted, Step::kAwaitingReception);
  f.assignee.clear();
  struct Move {
    Action action;
    Role role;
    Status status;
    Step step;
  };
  const Move moves[] = {
      {Action::kAccept, Role::kClerk, Status::kReceived, Step::kAwaitingAssignment},
      {Action::kAssign, Role::kLeader, Status::kProcessing, Step::kAppraising},
      {Action::kRequestSupplement, Role::kSpecialist, Status::kSupplementRequested,
       Step::kWaitingCitizen},
      {Action::kSupplement, Role::kCitizen, Status::kProcessing, Step::kAppraising},
      {Action::kRequestPayment, Role::kSpecialist, Status::kPaymentRequested,
       Step::kWaitingCitizen},
      {Action::kPay, Role::kClerk, Status::kProcessing, Step::kAppraising},
      {Action::kExtend, Role::kLeader, Status::kProcessing, Step::kAppraising},
      {Action::kApprove, Role::kLeader, Status::kProcessing, Step::kSigned},
      {Action::kIssue, Role::kClerical, Status::kResolved, Step::kClosed},
      {Action::kReturn, Role::kClerk, Status::kReturned, Step::kClosed},
  };
  for (const Move& m : moves) {
    SCOPED_TRACE(ActionName(m.action));
    auto d = Decide(f, m.action, ActorOf(m.role));
    ASSERT_THAT(d, IsOk());
    EXPECT_EQ(d->status, m.status);
    EXPECT_EQ(d->step, m.step);
    f.status = d->status;
    f.step = d->step;
    f.resume_step = d->resume_step;
    if (m.action == Action::kAssign) f.assignee = kAssignee;  // what the engine records
    if (m.action == Action::kExtend) f.extended = true;
  }
}

// ---- Units and ownership ----

TEST(Transitions, StaffOfAnotherUnitAreDenied) {
  for (const Rule& rule : Rules()) {
    for (Role role : rule.roles) {
      if (role == Role::kCitizen) continue;
      SCOPED_TRACE(absl::StrCat(ActionName(rule.action), " by ", RoleName(role)));
      DossierFacts facts = ValidFacts(rule.action);
      Actor other = ActorOf(role, kOtherCommune);
      if (role == Role::kSpecialist) facts.assignee = other.username;
      EXPECT_THAT(Decide(facts, rule.action, other),
                  StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr(kWard)));
      // A user with no unit at all is denied too.
      Actor nowhere = ActorOf(role);
      nowhere.units.clear();
      EXPECT_THAT(Decide(facts, rule.action, nowhere),
                  StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
    }
  }
}

// Received at the ward's desk, decided by the province: the desk keeps the appointment (clerks of
// either unit), appraisal and signing belong to the competent unit only.
TEST(Transitions, CompetentUnitDecidesAndEitherDeskServes) {
  struct Case {
    Action action;
    Role role;
    std::string unit;
    bool allowed;
  };
  const Case cases[] = {
      {Action::kAccept, Role::kClerk, kWard, true},
      {Action::kAccept, Role::kClerk, kProvince, true},
      {Action::kAccept, Role::kClerk, kOtherCommune, false},
      {Action::kReturn, Role::kClerk, kWard, true},
      {Action::kReturn, Role::kClerk, kProvince, true},
      {Action::kAssign, Role::kLeader, kProvince, true},
      {Action::kAssign, Role::kLeader, kWard, false},
      {Action::kApprove, Role::kLeader, kProvince, true},
      {Action::kApprove, Role::kLeader, kWard, false},
      {Action::kStop, Role::kLeader, kWard, false},
      {Action::kIssue, Role::kClerical, kProvince, true},
      {Action::kIssue, Role::kClerical, kWard, false},
      {Action::kRequestSupplement, Role::kSpecialist, kProvince, true},
      {Action::kRequestSupplement, Role::kSpecialist, kWard, false},
      {Action::kExtend, Role::kSpecialist, kWard, false},
      {Action::kExtend, Role::kLeader, kProvince, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(ActionName(c.action), " by ", RoleName(c.role), ".", c.unit));
    DossierFacts facts = ValidFacts(c.action);
    facts.receiving_unit = kWard;
    facts.competent_unit = kProvince;
    Actor actor = ActorOf(c.role, c.unit);
    facts.assignee = ActorOf(Role::kSpecialist, c.unit).username;
    auto d = Decide(facts, c.action, actor);
    if (c.allowed) {
      EXPECT_THAT(d, IsOk());
    } else {
      EXPECT_THAT(d, StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("unit")));
    }
  }
}

TEST(Transitions, ACitizenActsOnlyOnTheirOwnDossiers) {
  for (Action action : {Action::kSupplement, Action::kPay, Action::kWithdraw}) {
    SCOPED_TRACE(ActionName(action));
    DossierFacts facts = ValidFacts(action);
    EXPECT_THAT(Decide(facts, action, ActorOf(Role::kCitizen)), IsOk());
    Actor other = ActorOf(Role::kCitizen);
    other.username = "citizen.binh";
    other.citizen_id = kOtherCitizen;
    EXPECT_THAT(Decide(facts, action, other),
                StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("another applicant")));
    // A citizen account without an identity number owns nothing, not even an ownerless dossier.
    Actor anonymous = ActorOf(Role::kCitizen);
    anonymous.citizen_id.clear();
    DossierFacts ownerless = facts;
    ownerless.owner_id.clear();
    EXPECT_THAT(Decide(ownerless, action, anonymous),
                StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  }
}

// The caller learns nothing about a dossier's state when they may not act on it at all.
TEST(Transitions, PermissionIsCheckedBeforeState) {
  for (const Rule& rule : Rules()) {
    for (const State& s : AllStates()) {
      if (rule.from.count(s.label) > 0) continue;
      DossierFacts facts = FactsAt(s.status, s.step);
      // A role that may never take the action.
      for (Role role : AllRoles()) {
        if (rule.roles.count(role) > 0) continue;
        EXPECT_THAT(Decide(facts, rule.action, ActorOf(role)),
                    StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_))
            << ActionName(rule.action) << " " << RoleName(role) << " " << s.label;
      }
      // The right role in another unit.
      Role allowed = *rule.roles.begin();
      if (allowed == Role::kCitizen) continue;
      EXPECT_THAT(Decide(facts, rule.action, ActorOf(allowed, kOtherCommune)),
                  StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_))
          << ActionName(rule.action) << " " << s.label;
    }
  }
}

// ---- One extension ----

TEST(Transitions, TheDueDateIsExtendedOnlyOnce) {
  for (const std::string& label : RuleOf(Action::kExtend).from) {
    State s = StateOf(label);
    DossierFacts facts = FactsAt(s.status, s.step);
    for (Role role : {Role::kSpecialist, Role::kLeader}) {
      facts.extended = false;
      EXPECT_THAT(Decide(facts, Action::kExtend, ActorOf(role)), IsOk()) << label;
      facts.extended = true;
      EXPECT_THAT(Decide(facts, Action::kExtend, ActorOf(role)),
                  StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("extension")))
          << label;
    }
    // Other actions do not care about the extension.
    facts.extended = true;
    EXPECT_THAT(Decide(facts, Action::kWithdraw, ActorOf(Role::kCitizen)), IsOk()) << label;
  }
  DossierFacts extended = FactsAt(Status::kProcessing, Step::kAppraising);
  extended.extended = true;
  auto allowed = AllowedActions(extended, ActorOf(Role::kLeader));
  EXPECT_THAT(allowed, ::testing::Not(::testing::Contains(Action::kExtend)));
}

// ---- Assignee ----

TEST(Transitions, OnlyTheAssignedSpecialistRequestsPapersOrFees) {
  Actor colleague = ActorOf(Role::kSpecialist);
  colleague.username = "specialist2.07900";
  for (Action action : {Action::kRequestSupplement, Action::kRequestPayment}) {
    SCOPED_TRACE(ActionName(action));
    DossierFacts facts = FactsAt(Status::kProcessing, Step::kAppraising);
    EXPECT_THAT(Decide(facts, action, ActorOf(Role::kSpecialist)), IsOk());
    EXPECT_THAT(Decide(facts, action, colleague),
                StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr(kAssignee)));
    facts.assignee.clear();
    EXPECT_THAT(Decide(facts, action, ActorOf(Role::kSpecialist)),
                StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  }
  // The desk may ask for fees whoever handles the dossier.
  DossierFacts unassigned = FactsAt(Status::kProcessing, Step::kAppraising);
  unassigned.assignee.clear();
  EXPECT_THAT(Decide(unassigned, Action::kRequestPayment, ActorOf(Role::kClerk)), IsOk());
  EXPECT_THAT(AllowedActions(FactsAt(Status::kProcessing, Step::kAppraising), colleague),
              ::testing::Not(::testing::Contains(Action::kRequestSupplement)));
}

TEST(Transitions, ApprovalNeedsAnAssignedSpecialist) {
  DossierFacts facts = FactsAt(Status::kProcessing, Step::kAppraising);
  facts.assignee.clear();
  EXPECT_THAT(Decide(facts, Action::kApprove, ActorOf(Role::kLeader)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("assignee")));
  facts.assignee = kAssignee;
  EXPECT_THAT(Decide(facts, Action::kApprove, ActorOf(Role::kLeader)), IsOk());
}

TEST(Transitions, ALeaderReassignsWhileAppraisingButNotAfterSigning) {
  EXPECT_THAT(Decide(FactsAt(Status::kProcessing, Step::kAppraising), Action::kAssign,
                     ActorOf(Role::kLeader)),
              IsOk());
  EXPECT_THAT(
      Decide(FactsAt(Status::kProcessing, Step::kSigned), Action::kAssign, ActorOf(Role::kLeader)),
      StatusIs(absl::StatusCode::kFailedPrecondition, ::testing::_));
}

// ---- AllowedActions ----

TEST(Transitions, AllowedActionsListsExactlyWhatDecideAccepts) {
  for (const State& s : AllStates()) {
    for (Role role : AllRoles()) {
      DossierFacts facts = FactsAt(s.status, s.step);
      Actor actor = ActorOf(role);
      std::vector<Action> expected;
      for (Action a : AllActions()) {
        if (Decide(facts, a, actor).ok()) expected.push_back(a);
      }
      EXPECT_EQ(AllowedActions(facts, actor), expected) << s.label << " " << RoleName(role);
    }
  }
  EXPECT_THAT(
      AllowedActions(FactsAt(Status::kSubmitted, Step::kAwaitingReception), ActorOf(Role::kClerk)),
      ElementsAreArray({Action::kAccept, Action::kRefuse, Action::kWithdraw}));
  EXPECT_THAT(
      AllowedActions(FactsAt(Status::kReceived, Step::kAwaitingAssignment), ActorOf(Role::kLeader)),
      ElementsAreArray({Action::kAssign, Action::kExtend, Action::kStop}));
  EXPECT_THAT(AllowedActions(FactsAt(Status::kSupplementRequested, Step::kWaitingCitizen),
                             ActorOf(Role::kCitizen)),
              ElementsAreArray({Action::kSupplement, Action::kWithdraw}));
}

// ---- Names ----

TEST(Transitions, ActionNamesRoundTrip) {
  std::set<std::string> names;
  for (Action a : AllActions()) {
    std::string name(ActionName(a));
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(ParseAction(name), a) << name;
    EXPECT_FALSE(ActionDisplayName(a).empty()) << name;
  }
  EXPECT_EQ(ActionName(Action::kRequestSupplement), "request-supplement");
  EXPECT_EQ(ParseAction("Accept"), std::nullopt);
  EXPECT_EQ(ParseAction(""), std::nullopt);
  EXPECT_EQ(ParseAction("receive"), std::nullopt);
}

TEST(Roles, NamesRoundTrip) {
  const std::map<Role, std::string> names = {
      {Role::kCitizen, "citizen"}, {Role::kClerk, "clerk"},       {Role::kSpecialist, "specialist"},
      {Role::kLeader, "leader"},   {Role::kClerical, "clerical"}, {Role::kAdmin, "admin"},
      {Role::kSync, "sync"}};
  for (const auto& [role, name] : names) {
    EXPECT_EQ(RoleName(role), name);
    EXPECT_EQ(ParseRole(name), role);
    EXPECT_FALSE(RoleDisplayName(role).empty());
  }
  EXPECT_EQ(ParseRole("Clerk"), std::nullopt);
  EXPECT_EQ(ParseRole("root"), std::nullopt);
}

TEST(DossierStatus, NumbersMatchTheNationalCodes) {
  for (int n = 1; n <= 10; ++n) {
    auto s = StatusFromNumber(n);
    ASSERT_TRUE(s.has_value()) << n;
    EXPECT_EQ(static_cast<int>(*s), n);
    EXPECT_FALSE(StatusDisplayName(*s).empty());
    EXPECT_FALSE(StatusCode(*s).empty());
  }
  EXPECT_EQ(StatusFromNumber(0), std::nullopt);
  EXPECT_EQ(StatusFromNumber(11), std::nullopt);
  EXPECT_EQ(StatusFromNumber(-1), std::nullopt);
  EXPECT_EQ(StatusDisplayName(Status::kProcessing), "Đang xử lý");
  EXPECT_EQ(StatusDisplayName(Status::kReturned), "Đã trả kết quả");
}

TEST(DossierStatus, ClosedAndHandlingEnded) {
  // Table: status → (IsClosed, HandlingEnded).
  const std::map<int, std::pair<bool, bool>> table = {
      {1, {false, false}}, {2, {false, false}}, {3, {true, true}},  {4, {false, false}},
      {5, {false, false}}, {6, {false, false}}, {7, {false, true}}, {8, {true, true}},
      {9, {false, true}},  {10, {true, true}}};
  for (const auto& [n, expected] : table) {
    Status s = *StatusFromNumber(n);
    EXPECT_EQ(IsClosed(s), expected.first) << n;
    EXPECT_EQ(HandlingEnded(s), expected.second) << n;
  }
}

}  // namespace
}  // namespace motcua::workflow
