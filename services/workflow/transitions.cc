#include "services/workflow/transitions.h"

#include <algorithm>
#include <initializer_list>

#include "absl/strings/str_cat.h"

namespace motcua::workflow {
namespace {

struct ActionInfo {
  Action action;
  absl::string_view name;
  absl::string_view display;
};

constexpr ActionInfo kActions[] = {
    {Action::kAccept, "accept", "Tiếp nhận hồ sơ trực tuyến"},
    {Action::kRefuse, "refuse", "Từ chối tiếp nhận hồ sơ"},
    {Action::kAssign, "assign", "Phân công xử lý"},
    {Action::kRequestSupplement, "request-supplement", "Yêu cầu bổ sung, hoàn thiện hồ sơ"},
    {Action::kSupplement, "supplement", "Nhận hồ sơ bổ sung"},
    {Action::kRequestPayment, "request-payment", "Yêu cầu thực hiện nghĩa vụ tài chính"},
    {Action::kPay, "pay", "Đã thực hiện nghĩa vụ tài chính"},
    {Action::kExtend, "extend", "Xin lỗi và hẹn lại ngày trả kết quả"},
    {Action::kApprove, "approve", "Phê duyệt, ký kết quả"},
    {Action::kIssue, "issue", "Vào sổ, phát hành kết quả"},
    {Action::kReturn, "return", "Trả kết quả"},
    {Action::kWithdraw, "withdraw", "Công dân rút hồ sơ"},
    {Action::kStop, "stop", "Dừng xử lý hồ sơ"},
    {Action::kRefuseAfterAppraisal, "refuse-after-appraisal", "Từ chối giải quyết hồ sơ"},
};

bool IsOneOf(Role role, std::initializer_list<Role> roles) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool IsOneOf(Status status, std::initializer_list<Status> statuses) {
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

absl::Status RoleDenied(Action action, const Actor& actor) {
  return absl::PermissionDeniedError(absl::StrCat("role ", RoleName(actor.role), " may not ",
                                                  ActionName(action), " a dossier"));
}

absl::Status StateDenied(const DossierFacts& f, Action action, absl::string_view needs) {
  return absl::FailedPreconditionError(absl::StrCat(
      "dossier.status: the dossier is in status ", static_cast<int>(f.status), " (",
      StatusDisplayName(f.status), ", step ", StepName(f.step), "); ", ActionName(action),
      " needs ", needs));
}

absl::Status UnitDenied(const Actor& actor, absl::string_view unit, absl::string_view which) {
  return absl::PermissionDeniedError(absl::StrCat("user ", actor.username,
                                                  " does not work for the dossier's ", which,
                                                  " unit ", unit));
}

// The unit whose staff act for each role.
absl::Status CheckUnit(const DossierFacts& f, const Actor& actor) {
  switch (actor.role) {
    case Role::kClerk:
      // The receiving desk keeps the appointment; the competent unit's desk may act too.
      if (actor.Serves(f.receiving_unit) || actor.Serves(f.competent_unit)) {
        return absl::OkStatus();
      }
      return UnitDenied(actor, f.receiving_unit, "receiving");
    case Role::kSpecialist:
    case Role::kLeader:
    case Role::kClerical:
      if (actor.Serves(f.competent_unit)) return absl::OkStatus();
      return UnitDenied(actor, f.competent_unit, "competent");
    case Role::kCitizen:
      if (!actor.citizen_id.empty() && actor.citizen_id == f.owner_id) return absl::OkStatus();
      return absl::PermissionDeniedError("the dossier belongs to another applicant");
    case Role::kAdmin:
    case Role::kSync:
      return absl::PermissionDeniedError(
          absl::StrCat("role ", RoleName(actor.role), " does not act on dossiers"));
  }
  return absl::PermissionDeniedError("unknown role");
}

}  // namespace

absl::string_view ActionName(Action action) {
  for (const auto& a : kActions) {
    if (a.action == action) return a.name;
  }
  return "unknown";
}

std::optional<Action> ParseAction(absl::string_view name) {
  for (const auto& a : kActions) {
    if (a.name == name) return a.action;
  }
  return std::nullopt;
}

absl::string_view ActionDisplayName(Action action) {
  for (const auto& a : kActions) {
    if (a.action == action) return a.display;
  }
  return "";
}

bool Actor::Serves(absl::string_view unit) const {
  return std::find(units.begin(), units.end(), unit) != units.end();
}

absl::StatusOr<Decision> Decide(const DossierFacts& f, Action action, const Actor& actor) {
  using R = Role;
  using S = Status;
  // 1. Role: who may take the action at all.
  bool role_ok = false;
  switch (action) {
    case Action::kAccept:
    case Action::kRefuse:
    case Action::kReturn:
      role_ok = actor.role == R::kClerk;
      break;
    case Action::kAssign:
    case Action::kApprove:
    case Action::kStop:
    case Action::kRefuseAfterAppraisal:
      role_ok = actor.role == R::kLeader;
      break;
    case Action::kRequestSupplement:
      role_ok = actor.role == R::kSpecialist;
      break;
    case Action::kRequestPayment:
      role_ok = IsOneOf(actor.role, {R::kSpecialist, R::kClerk});
      break;
    case Action::kSupplement:
    case Action::kPay:
    case Action::kWithdraw:
      role_ok = IsOneOf(actor.role, {R::kClerk, R::kCitizen});
      break;
    case Action::kExtend:
      role_ok = IsOneOf(actor.role, {R::kSpecialist, R::kLeader});
      break;
    case Action::kIssue:
      role_ok = actor.role == R::kClerical;
      break;
  }
  if (!role_ok) return RoleDenied(action, actor);
  // 2. Unit or ownership.
  if (absl::Status s = CheckUnit(f, actor); !s.ok()) return s;
  // 3. State.
  Decision d{f.status, f.step, f.resume_step};
  switch (action) {
    case Action::kAccept:
    case Action::kRefuse:
      if (f.status != S::kSubmitted) return StateDenied(f, action, "status 1 (Mới đăng ký)");
      d.status = action == Action::kAccept ? S::kReceived : S::kRefused;
      d.step = action == Action::kAccept ? Step::kAwaitingAssignment : Step::kClosed;
      return d;
    case Action::kAssign:
      if (!(f.status == S::kReceived ||
            (f.status == S::kProcessing && f.step == Step::kAppraising))) {
        return StateDenied(f, action, "status 2, or status 4 while appraising (to reassign)");
      }
      d.status = S::kProcessing;
      d.step = Step::kAppraising;
      return d;
    case Action::kRequestSupplement:
      if (f.status != S::kProcessing || f.step != Step::kAppraising) {
        return StateDenied(f, action, "status 4 while appraising");
      }
      if (f.assignee != actor.username) {
        return absl::PermissionDeniedError(absl::StrCat(
            "the dossier is assigned to ", f.assignee.empty() ? "nobody" : f.assignee,
            ", not to ", actor.username));
      }
      d.status = S::kSupplementRequested;
      d.step = Step::kWaitingCitizen;
      return d;
    case Action::kSupplement:
      if (f.status != S::kSupplementRequested) {
        return StateDenied(f, action, "status 5 (Yêu cầu bổ sung giấy tờ)");
      }
      d.status = S::kProcessing;
      d.step = Step::kAppraising;
      return d;
    case Action::kRequestPayment:
      if (f.status != S::kProcessing) return StateDenied(f, action, "status 4");
      if (actor.role == R::kSpecialist && f.assignee != actor.username) {
        return absl::PermissionDeniedError(
            absl::StrCat("the dossier is assigned to ", f.assignee, ", not to ", actor.username));
      }
      d.status = S::kPaymentRequested;
      d.resume_step = f.step;
      d.step = Step::kWaitingCitizen;
      return d;
    case Action::kPay:
      if (f.status != S::kPaymentRequested) {
        return StateDenied(f, action, "status 6 (Yêu cầu thực hiện nghĩa vụ tài chính)");
      }
      d.status = S::kProcessing;
      d.step = f.resume_step;
      return d;
    case Action::kExtend:
      if (!IsOneOf(f.status, {S::kReceived, S::kProcessing, S::kSupplementRequested,
                              S::kPaymentRequested})) {
        return StateDenied(f, action, "an open dossier (status 2, 4, 5 or 6)");
      }
      if (f.extended) {
        return absl::FailedPreconditionError(
            "dossier.extension: the due date was already extended once (Decree 61 Art. 19.9 "
            "allows one extension)");
      }
      return d;
    case Action::kApprove:
      if (f.status != S::kProcessing || f.step != Step::kAppraising) {
        return StateDenied(f, action, "status 4 while appraising");
      }
      if (f.assignee.empty()) {
        return absl::FailedPreconditionError("dossier.assignee: assign a specialist first");
      }
      d.step = Step::kSigned;
      return d;
    case Action::kIssue:
      if (f.status != S::kProcessing || f.step != Step::kSigned) {
        return StateDenied(f, action, "status 4 with a signed result");
      }
      d.status = S::kResolved;
      d.step = Step::kClosed;
      return d;
    case Action::kReturn:
      if (f.status != S::kResolved) return StateDenied(f, action, "status 9 (Đã xử lý xong)");
      d.status = S::kReturned;
      d.step = Step::kClosed;
      return d;
    case Action::kWithdraw:
      if (!IsOneOf(f.status, {S::kSubmitted, S::kReceived, S::kProcessing,
                              S::kSupplementRequested, S::kPaymentRequested})) {
        return StateDenied(f, action, "an open dossier (status 1, 2, 4, 5 or 6)");
      }
      d.status = S::kWithdrawn;
      d.step = Step::kClosed;
      return d;
    case Action::kStop:
      if (!IsOneOf(f.status, {S::kReceived, S::kProcessing, S::kSupplementRequested,
                              S::kPaymentRequested, S::kWithdrawn})) {
        return StateDenied(f, action, "status 2, 4, 5, 6 or 7");
      }
      d.status = S::kStopped;
      d.step = Step::kClosed;
      return d;
    case Action::kRefuseAfterAppraisal:
      if (f.status != S::kProcessing) return StateDenied(f, action, "status 4");
      d.status = S::kStopped;
      d.step = Step::kClosed;
      return d;
  }
  return absl::InternalError("unhandled action");
}

std::vector<Action> AllowedActions(const DossierFacts& facts, const Actor& actor) {
  std::vector<Action> out;
  for (const auto& a : kActions) {
    if (Decide(facts, a.action, actor).ok()) out.push_back(a.action);
  }
  return out;
}

}  // namespace motcua::workflow
