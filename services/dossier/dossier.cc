#include "services/dossier/dossier.h"

namespace motcua::dossier {

absl::Duration Dossier::SupplementPause() const {
  absl::Duration total;
  for (const auto& s : supplements) {
    if (s.completed_time) total += *s.completed_time - s.requested_time;
  }
  return total;
}

workflow::DossierFacts Dossier::Facts() const {
  workflow::DossierFacts f;
  f.status = status;
  f.step = step;
  f.resume_step = resume_step;
  f.receiving_unit = receiving_unit;
  f.competent_unit = competent_unit;
  f.assignee = assignee;
  f.owner_id = applicant.id_number;
  f.extended = extended;
  return f;
}

std::string EventActionDisplayName(absl::string_view action) {
  if (auto a = workflow::ParseAction(action)) return std::string(workflow::ActionDisplayName(*a));
  if (action == "receive") return "Tiếp nhận hồ sơ tại Bộ phận Một cửa";
  if (action == "submit") return "Nộp hồ sơ trực tuyến";
  if (action == "rate") return "Công dân đánh giá mức độ hài lòng";
  if (action == "recompute") return "Tính lại ngày hẹn trả theo lịch làm việc";
  if (action == "consult") return "Lấy ý kiến cơ quan phối hợp";
  if (action == "consult-answer") return "Cơ quan phối hợp trả lời";
  if (action == "handoff-send") return "Chuyển hồ sơ liên thông";
  if (action == "handoff-receive") return "Nhận hồ sơ liên thông";
  if (action == "handoff-result") return "Nhận kết quả giải quyết liên thông";
  if (action == "rehome") return "Chuyển hồ sơ sang đơn vị sau sắp xếp";
  return std::string(action);
}

}  // namespace motcua::dossier
