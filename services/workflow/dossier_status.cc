#include "services/workflow/dossier_status.h"

namespace motcua::workflow {

absl::string_view StatusDisplayName(Status status) {
  switch (status) {
    case Status::kSubmitted:
      return "Mới đăng ký";
    case Status::kReceived:
      return "Được tiếp nhận";
    case Status::kRefused:
      return "Không được tiếp nhận";
    case Status::kProcessing:
      return "Đang xử lý";
    case Status::kSupplementRequested:
      return "Yêu cầu bổ sung giấy tờ";
    case Status::kPaymentRequested:
      return "Yêu cầu thực hiện nghĩa vụ tài chính";
    case Status::kWithdrawn:
      return "Công dân yêu cầu rút hồ sơ";
    case Status::kStopped:
      return "Dừng xử lý";
    case Status::kResolved:
      return "Đã xử lý xong";
    case Status::kReturned:
      return "Đã trả kết quả";
  }
  return "";
}

absl::string_view StatusCode(Status status) {
  switch (status) {
    case Status::kSubmitted:
      return "submitted";
    case Status::kReceived:
      return "received";
    case Status::kRefused:
      return "refused";
    case Status::kProcessing:
      return "processing";
    case Status::kSupplementRequested:
      return "supplement_requested";
    case Status::kPaymentRequested:
      return "payment_requested";
    case Status::kWithdrawn:
      return "withdrawn";
    case Status::kStopped:
      return "stopped";
    case Status::kResolved:
      return "resolved";
    case Status::kReturned:
      return "returned";
  }
  return "";
}

absl::string_view StepName(Step step) {
  switch (step) {
    case Step::kAwaitingReception:
      return "awaiting_reception";
    case Step::kAwaitingAssignment:
      return "awaiting_assignment";
    case Step::kAppraising:
      return "appraising";
    case Step::kSigned:
      return "signed";
    case Step::kWaitingCitizen:
      return "waiting_citizen";
    case Step::kClosed:
      return "closed";
  }
  return "";
}

std::optional<Status> StatusFromNumber(int number) {
  if (number < 1 || number > 10) return std::nullopt;
  return static_cast<Status>(number);
}

std::vector<Step> StepsOfStatus(Status status) {
  switch (status) {
    case Status::kSubmitted:
      return {Step::kAwaitingReception};
    case Status::kReceived:
      return {Step::kAwaitingAssignment};
    case Status::kProcessing:
      return {Step::kAppraising, Step::kSigned};
    case Status::kSupplementRequested:
    case Status::kPaymentRequested:
      return {Step::kWaitingCitizen};
    default:
      return {Step::kClosed};
  }
}

bool IsClosed(Status status) {
  return status == Status::kRefused || status == Status::kStopped || status == Status::kReturned;
}

bool HandlingEnded(Status status) {
  return status == Status::kRefused || status == Status::kWithdrawn ||
         status == Status::kStopped || status == Status::kResolved ||
         status == Status::kReturned;
}

}  // namespace motcua::workflow
