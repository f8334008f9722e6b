// File: services/workflow/dossier_status.h
// DVCQG's TrangThaiHoSo 1–10 (DOMAIN.md §2.2), never collapsed, and the internal step beneath
// them. Values of Status match the national codes and motcua.v1.Dossier.Status.
#ifndef MOTCUA_SERVICES_WORKFLOW_DOSSIER_STATUS_H_
#define MOTCUA_SERVICES_WORKFLOW_DOSSIER_STATUS_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"

namespace motcua::workflow {

enum class Status {
  kSubmitted = 1,            // Mới đăng ký (online, not yet received)
  kReceived = 2,             // Được tiếp nhận
  kRefused = 3,              // Không được tiếp nhận
  kProcessing = 4,           // Đang xử lý
  kSupplementRequested = 5,  // Yêu cầu bổ sung giấy tờ
  kPaymentRequested = 6,     // Yêu cầu thực hiện nghĩa vụ tài chính
  kWithdrawn = 7,            // Công dân yêu cầu rút hồ sơ
  kStopped = 8,              // Dừng xử lý
  kResolved = 9,             // Đã xử lý xong
  kReturned = 10,            // Đã trả kết quả
};

// Where a dossier is inside its status.
enum class Step {
  kAwaitingReception = 1,   // status 1: a clerk must accept or refuse
  kAwaitingAssignment = 2,  // status 2: the competent unit's leader assigns a specialist
  kAppraising = 3,          // status 4: the specialist appraises (thẩm định)
  kSigned = 4,              // status 4: the leader approved and signed; văn thư issues
  kWaitingCitizen = 5,      // status 5 or 6: waiting for papers or payment
  kClosed = 6,              // a terminal status
};

// Vietnamese name of the status, as DVCQG writes it ("Đang xử lý").
absl::string_view StatusDisplayName(Status status);
// "submitted", "received", ...: used in logs, JSON and the CLI.
absl::string_view StatusCode(Status status);
absl::string_view StepName(Step step);
std::optional<Status> StatusFromNumber(int number);

// The steps a dossier in `status` can be at: 1 awaiting_reception; 2 awaiting_assignment;
// 4 appraising or signed; 5 and 6 waiting_citizen; the terminal ones closed.
std::vector<Step> StepsOfStatus(Status status);

// No further action changes the dossier (3, 7 counts as open until stopped, 8, 10). Status 9
// is terminal for deadlines but still awaits the return of the result.
bool IsClosed(Status status);
// The handling has ended for deadline purposes (766: first terminal state): 3, 7, 8, 9, 10.
bool HandlingEnded(Status status);

}  // namespace motcua::workflow

#endif  // MOTCUA_SERVICES_WORKFLOW_DOSSIER_STATUS_H_
