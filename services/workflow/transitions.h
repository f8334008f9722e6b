// File: services/workflow/transitions.h
// The dossier state machine (DOMAIN.md §2.2 and §7): for a dossier's current state, an action and
// the actor, Decide() returns the next state or why not — kPermissionDenied when the actor's role,
// unit or ownership does not allow it, kFailedPrecondition when the dossier's state does not.
// Pure and thread-safe; time rules (3-WD supplement window, extension lead time) live in the
// services that know the clock and the calendar.
#ifndef MOTCUA_SERVICES_WORKFLOW_TRANSITIONS_H_
#define MOTCUA_SERVICES_WORKFLOW_TRANSITIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/workflow/dossier_status.h"
#include "services/workflow/role.h"

namespace motcua::workflow {

enum class Action {
  kAccept = 1,                // clerk accepts an online dossier: 1 → 2
  kRefuse = 2,                // clerk refuses an online dossier (Mẫu 03): 1 → 3
  kAssign = 3,                // leader assigns a specialist: 2 → 4 (or reassigns within 4)
  kRequestSupplement = 4,     // specialist asks for papers (Mẫu 02): 4 → 5
  kSupplement = 5,            // the papers arrive: 5 → 4, the clock restarts
  kRequestPayment = 6,        // fees or charges due: 4 → 6
  kPay = 7,                   // paid: 6 → 4
  kExtend = 8,                // apology and one new due date (Mẫu 04); status unchanged
  kApprove = 9,               // leader approves and signs the result
  kIssue = 10,                // văn thư numbers and issues the result: 4 → 9
  kReturn = 11,               // result handed to the applicant: 9 → 10
  kWithdraw = 12,             // applicant withdraws: → 7
  kStop = 13,                 // handling stopped: → 8
  kRefuseAfterAppraisal = 14, // not eligible (Phiếu từ chối giải quyết): 4 → 8
};

// "accept", "request-supplement", ... (the CLI's words).
absl::string_view ActionName(Action action);
std::optional<Action> ParseAction(absl::string_view name);
// Vietnamese, for the control slip: "Tiếp nhận hồ sơ", "Yêu cầu bổ sung hồ sơ", ...
absl::string_view ActionDisplayName(Action action);

// The signed-in user, as far as the workflow cares.
struct Actor {
  std::string username;
  Role role = Role::kCitizen;
  // GSO codes of the units the user works for (empty for citizens).
  std::vector<std::string> units;
  // For citizens: the identity number that owns dossiers.
  std::string citizen_id;

  bool Serves(absl::string_view unit) const;
};

// What the decision depends on.
struct DossierFacts {
  Status status = Status::kSubmitted;
  Step step = Step::kAwaitingReception;
  // The step to resume after a payment.
  Step resume_step = Step::kAppraising;
  std::string receiving_unit;
  std::string competent_unit;
  std::string assignee;        // username of the specialist
  std::string owner_id;        // applicant's identity number
  bool extended = false;
};

struct Decision {
  Status status;
  Step step;
  Step resume_step;
};

absl::StatusOr<Decision> Decide(const DossierFacts& facts, Action action, const Actor& actor);

// The actions `actor` may take now, in enum order.
std::vector<Action> AllowedActions(const DossierFacts& facts, const Actor& actor);

}  // namespace motcua::workflow

#endif  // MOTCUA_SERVICES_WORKFLOW_TRANSITIONS_H_
