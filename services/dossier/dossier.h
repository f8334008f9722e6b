// File: services/dossier/dossier.h
// The dossier (hồ sơ) as the domain sees it: who applied for which procedure where, its DVCQG
// status, its due dates (the current one, the original one, each supplement round's), its
// papers, fees and result. Plain data; storage/dossier_store.h persists it, the workflow decides
// its transitions.
#ifndef MOTCUA_SERVICES_DOSSIER_DOSSIER_H_
#define MOTCUA_SERVICES_DOSSIER_DOSSIER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/workflow/dossier_status.h"
#include "services/workflow/transitions.h"

namespace motcua::dossier {

// DVCQG KenhThucHien; values match motcua.v1.Channel.
enum class Channel { kInPerson = 1, kOnline = 2, kPostal = 3 };
// How the result reaches the applicant; values match motcua.v1.Dossier.Delivery.
enum class Delivery { kUnspecified = 0, kDesk = 1, kPost = 2, kOnline = 3 };

struct Applicant {
  std::string name;
  std::string id_number;  // CCCD / mã số doanh nghiệp
  std::string phone;
  std::string email;
  std::string address;
};

struct Attachment {
  std::string component_code;
  std::string file_name;
  std::string sha256;  // hex; the file lives at blobs/<aa>/<rest>
  int64_t size_bytes = 0;
};

struct SupplementRound {
  int round = 0;
  absl::Time requested_time;
  std::string requested_by;
  std::string content;  // what is missing, in Vietnamese
  bool requested_late = false;  // more than 3 working days after reception
  std::optional<absl::Time> completed_time;
  absl::Time previous_due;
  std::optional<absl::Time> new_due;
};

// One same-level liên thông sub-task (Decree 61 Art. 19.5–19.6): the lead unit (chủ trì) asks
// another unit (phối hợp) for its opinion by a deadline. Sub-tasks run in parallel; a consulted
// unit that is late is flagged to the head of the one-stop unit (Bộ phận Một cửa).
struct Consultation {
  int number = 0;          // 1, 2, ... within the dossier
  std::string unit;        // the consulted unit
  std::string lead_unit;   // the unit that asked and decides
  std::string question;    // what is asked, in Vietnamese
  std::string requested_by;
  absl::Time requested_time;
  absl::Time due_time;     // the consulted unit's own deadline
  std::string answer;
  std::string answered_by;
  std::optional<absl::Time> answered_time;
  bool agreed = false;     // the consulted unit agrees with the proposal

  bool open() const { return !answered_time.has_value(); }
  // Answered after its deadline, or still open past it at `now`.
  bool Late(absl::Time now) const {
    return answered_time ? *answered_time > due_time : now > due_time;
  }
};

struct FeeItem {
  std::string code;
  std::string name;
  int64_t amount_vnd = 0;
};

struct Dossier {
  std::string code;  // "000.00.00.H44-261126-0001"
  std::string procedure_code;
  int procedure_version = 0;
  std::string procedure_name;
  Channel channel = Channel::kInPerson;
  workflow::Status status = workflow::Status::kSubmitted;
  workflow::Step step = workflow::Step::kAwaitingReception;
  workflow::Step resume_step = workflow::Step::kAppraising;
  Applicant applicant;
  std::string summary;       // trích yếu
  std::string submitted_by;  // username (clerk or citizen)
  std::string receiving_unit;
  std::string competent_unit;
  std::string support_unit;  // where the applicant was helped (2025 rule)
  absl::Time submitted_time;
  std::optional<absl::Time> received_time;
  // When the dossier reaches the competent unit (the 15:00 rule).
  std::optional<absl::Time> transfer_time;
  std::optional<absl::Time> due_time;           // NgayHenTra now
  std::optional<absl::Time> original_due_time;  // the first appointment, kept for reports
  // The due time national scoring (Decision 766) compares against: the first appointment moved
  // only by the extension, never restarted by a supplement (the pause is subtracted instead).
  std::optional<absl::Time> scoring_due_time;
  std::string calendar_version;
  bool extended = false;
  std::string extension_reason;
  std::string assignee;
  std::vector<SupplementRound> supplements;
  std::vector<Consultation> consultations;
  std::vector<Attachment> attachments;
  std::vector<FeeItem> fees;
  std::optional<absl::Time> paid_time;
  // First terminal state for deadlines (766's NgayKetThucXuLy).
  std::optional<absl::Time> handling_end_time;
  std::optional<absl::Time> returned_time;
  Delivery delivery = Delivery::kUnspecified;
  std::string decision_note;  // refusal or stop reasons
  std::string request_id;
  int64_t revision = 0;  // the etag
  int64_t rating = 0;    // 0 = not rated, 1..5
  // Liên thông across nodes (services/internode): the node that holds the dossier now when it is
  // not this one (it may not change here meanwhile), and the node that keeps its appointment when
  // that is not this one. Node ids of the topology file; empty = this node.
  std::string held_by;
  std::string home_node;

  // Sum of the supplement pauses that ended (766 subtracts them).
  absl::Duration SupplementPause() const;
  workflow::DossierFacts Facts() const;
};

// One entry of the append-only, hash-chained history (Phiếu kiểm soát, Mẫu 05).
struct Event {
  std::string dossier_code;
  int64_t seq = 0;
  absl::Time time;
  std::string actor;
  workflow::Role role = workflow::Role::kClerk;
  std::string unit;
  std::string action;  // "receive", "accept", ... (ActionName, plus "receive" and "submit")
  workflow::Status status_after = workflow::Status::kSubmitted;
  std::string reason;
  std::string prev_hash;
  std::string hash;
};

// Vietnamese for an event's action, for the control slip and the portal's process history:
// "Tiếp nhận hồ sơ tại Bộ phận Một cửa", "Lấy ý kiến cơ quan phối hợp", ...; the action itself
// when unknown.
std::string EventActionDisplayName(absl::string_view action);

}  // namespace motcua::dossier

#endif  // MOTCUA_SERVICES_DOSSIER_DOSSIER_H_
