// File: services/dossier_service/dossier_engine.h
// The dossier lifecycle on one node, independent of gRPC: intake, every routing action, reads
// with visibility rules, worklists and reports. Each write is one writer work item that loads the
// dossier, asks the workflow whether the action is allowed, applies it with the deadline rules
// and appends the hash-chained event — one transaction, acknowledged after commit.
// Thread-safe.
#ifndef MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_ENGINE_H_
#define MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_ENGINE_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/calendar/unit_working_time.h"
#include "services/calendar/working_calendar.h"
#include "services/common/clock.h"
#include "services/deadlines/report.h"
#include "services/deadlines/timeliness.h"
#include "services/dossier/consultation.h"
#include "services/dossier/dossier.h"
#include "services/dossier_service/handoff_codec.h"
#include "services/topology/topology.h"
#include "services/workflow/transitions.h"
#include "storage/blob_store.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"
#include "storage/handoff_store.h"
#include "storage/store.h"

namespace motcua::dossier_service {

struct NodeConfig {
  // GSO code of the province (agency code "000.00.00.H44").
  std::string province_code = "25";
  std::string code_format = "{agency}-{yy}{mm}{dd}-{seq}";
  // Agency codes per unit where known (else dossier::DefaultAgencyCode).
  std::map<std::string, std::string> agency_codes;
  std::string AgencyCode(const std::string& unit) const;
};

// Liên thông across nodes: this node's id and the province's topology. Without a topology (one
// node serves every unit) nothing is handed off.
struct NetworkConfig {
  std::string self;
  std::shared_ptr<const topology::Topology> topology;
};

// A hand-off as a peer delivered it: `peer_node` is the node its verified certificate names.
struct IncomingHandoff {
  std::string peer_node;
  HandoffMessage message;
  std::string payload;  // the serialized motcua.v1.Handoff, relayed as it came
  std::vector<std::pair<std::string, std::string>> files;  // (sha256, content)
};

struct HandoffReceipt {
  bool applied = false;  // false: a duplicate, nothing changed
  absl::Time receive_time;
};

struct AttachmentUpload {
  std::string component_code;
  std::string file_name;
  std::string content;
};

struct CreateInput {
  std::string procedure_code;
  dossier::Channel channel = dossier::Channel::kInPerson;
  dossier::Applicant applicant;
  std::string summary;
  std::string receiving_unit;
  std::string competent_unit;
  std::string support_unit;
  std::vector<AttachmentUpload> attachments;
  std::string request_id;
  std::string refusal_reason;
  // Online dossiers brought in by the portal sync job: when the citizen submitted on the
  // national portal (NgayNopHoSo). Not in the future; only the sync role sets it.
  std::optional<absl::Time> submitted_time;
};

struct CreateOutcome {
  enum class Kind { kReceived = 1, kSubmitted = 2, kGuidance = 3, kRefused = 4 };
  Kind kind = Kind::kReceived;
  std::optional<dossier::Dossier> dossier;
  std::vector<std::pair<std::string, std::string>> missing;
  std::string form_text;
};

struct ActionInput {
  std::string code;
  workflow::Action action = workflow::Action::kAccept;
  std::string reason;
  std::string etag;
  std::string assignee;
  std::string supplement_content;
  std::vector<AttachmentUpload> attachments;
  std::vector<dossier::FeeItem> fees;
  std::optional<absl::Time> new_due;
  dossier::Delivery delivery = dossier::Delivery::kUnspecified;
};

// kConsultations: open consultations asked of the caller's units; kLateConsultations: open
// consultations past their deadline on dossiers received at the caller's units (for the head of
// the one-stop unit; every unit for an admin).
enum class WorklistView {
  kMine = 1,
  kDueToday = 2,
  kOverdue = 3,
  kWaitingCitizen = 4,
  kAll = 5,
  kConsultations = 6,
  kLateConsultations = 7,
};

class DossierEngine {
 public:
  DossierEngine(storage::Store& store, storage::BlobStore blobs, calendar::UnitCalendars calendars,
                const Clock& clock, NodeConfig config);

  // Intake. `done` runs after the commit (or with the first error; nothing is written then).
  void Create(const workflow::Actor& actor, CreateInput input,
              std::function<void(absl::StatusOr<CreateOutcome>)> done);
  // Any routing action.
  void Act(const workflow::Actor& actor, ActionInput input,
           std::function<void(absl::StatusOr<dossier::Dossier>)> done);

  // Reads. kPermissionDenied when `actor` may not see the dossier.
  absl::StatusOr<dossier::Dossier> Get(const workflow::Actor& actor, absl::string_view code);
  // No sign-in needed: for the public status page.
  absl::StatusOr<dossier::Dossier> GetPublic(absl::string_view code);
  // This node's copy only (Get and GetPublic ask the node that holds a dossier held elsewhere,
  // or unknown here, when a remote lookup is set).
  absl::StatusOr<dossier::Dossier> GetHere(absl::string_view code);
  absl::StatusOr<std::vector<dossier::Event>> History(const workflow::Actor& actor,
                                                      absl::string_view code, bool* valid);
  absl::StatusOr<storage::ChainReport> Verify(const workflow::Actor& actor);
  absl::StatusOr<storage::DossierPage> Worklist(const workflow::Actor& actor, WorklistView view,
                                                int64_t after_due, const std::string& after_code,
                                                int limit);
  absl::StatusOr<deadlines::PeriodReport> Report(const workflow::Actor& actor,
                                                 const std::string& unit, absl::Time from,
                                                 absl::Time to);

  // Open dossiers whose due date differs under the calendar in force; with `apply`, sets the new
  // due dates, each with a "recompute" event (one transaction).
  struct DueDateChange {
    std::string code;
    absl::Time old_due;
    absl::Time new_due;
    std::string old_version;
  };
  void RecomputeDueDates(const workflow::Actor& actor, bool apply,
                         std::function<void(absl::StatusOr<std::vector<DueDateChange>>)> done);
  // The day-by-day account of a dossier's due date in Vietnamese (public, by code).
  absl::StatusOr<std::string> ExplainDueDate(absl::string_view code);

  // Citizen actions of the web portal (citizen_actions.cc).
  // An online payment confirmed by the payment platform, for `amount_vnd` = the dossier's fees.
  // State 6: the workflow's pay (6 → 4). State 1 (an online dossier not yet accepted): paid at
  // submission — pay_time set, state unchanged. Only the applicant pays; kInvalidArgument for a
  // wrong amount, kFailedPrecondition when nothing is due or it is already paid.
  struct OnlinePayment {
    std::string code;
    int64_t amount_vnd = 0;
    std::string transaction_id;  // the payment platform's reference
    std::string method;          // "the", "vi", "qr"... as the platform reports it
  };
  void PayOnline(const workflow::Actor& actor, OnlinePayment payment,
                 std::function<void(absl::StatusOr<dossier::Dossier>)> done);
  // The applicant rates a finished dossier (state 3, 7, 8, 9 or 10) once, 1..5, with an optional
  // comment; recorded with a "rate" event.
  void Rate(const workflow::Actor& actor, std::string code, int rating, std::string comment,
            std::function<void(absl::StatusOr<dossier::Dossier>)> done);

  // Same-level liên thông (services/dossier/consultation.h): the lead unit asks other units of
  // the catalogue for their opinion, in parallel, each by its own deadline (working hours counted
  // with the consulted unit's calendar, or a fixed time); one "consult" event. Errors name the
  // field; nothing is written then.
  struct ConsultInput {
    std::string code;
    std::string lead_unit;  // empty: the competent unit
    std::vector<dossier::ConsultationAsk> asks;
  };
  void Consult(const workflow::Actor& actor, ConsultInput input,
               std::function<void(absl::StatusOr<dossier::Dossier>)> done);
  // The consulted unit answers consultation `number`; one "consult-answer" event, noting a late
  // answer.
  struct ConsultationReply {
    std::string code;
    int number = 0;
    std::string answer;
    bool agreed = false;
  };
  void AnswerConsultation(const workflow::Actor& actor, ConsultationReply reply,
                          std::function<void(absl::StatusOr<dossier::Dossier>)> done);

  // Liên thông across nodes (handoffs.cc). Set before serving.
  void SetNetwork(NetworkConfig network);
  NetworkConfig network() const;
  // Finds a dossier on the node that holds it (its held_by names that node; empty when it is the
  // node that answered). Set by motcuad when it runs with a topology.
  using RemoteLookup = std::function<absl::StatusOr<dossier::Dossier>(absl::string_view code)>;
  void SetRemoteLookup(RemoteLookup lookup);
  // Records a delivered hand-off in the inbox (a duplicate key changes nothing) and applies it:
  // relayed on when it is for another node; otherwise the dossier and its history are taken in
  // and held here (a transfer) or back (a result), with a "handoff-receive"/"handoff-result"
  // event that notes a hand-off later than its deadline. One transaction.
  void ReceiveHandoff(IncomingHandoff in, std::function<void(absl::StatusOr<HandoffReceipt>)> done);
  // The hand-offs of a dossier (or every one, for admins and leaders), sent and received here.
  absl::StatusOr<std::vector<storage::HandoffRecord>> Handoffs(const workflow::Actor& actor,
                                                               absl::string_view code, int limit);

  // Reorganisation (reorganisation.cc): re-homes the open dossiers of units merged into others in
  // `division` (its formed_from) to their successors — receiving, competent and support units and
  // consultations — each with a "rehome" event; due dates and codes unchanged. One transaction
  // with `apply` (admin only); without it, what would change. Dossiers held by another node and
  // those of a unit split between several successors are listed as skipped, with the reason.
  struct Rehomed {
    std::string code;
    std::vector<std::string> moves;  // "receiving_unit 07888 → 07900", ...
    std::string skipped;             // why it was left alone (Vietnamese), empty when moved
  };
  void Reorganise(const workflow::Actor& actor, std::string division, bool apply,
                  std::function<void(absl::StatusOr<std::vector<Rehomed>>)> done);

  deadlines::Timeliness Classify(const dossier::Dossier& d) const;
  // The unit that holds the dossier now (receiving desk before transfer and after the result).
  static std::string HoldingUnit(const dossier::Dossier& d);
  // A snapshot of the node's default calendar in force (cheap: the tables are shared).
  calendar::WorkingCalendar calendar() const;
  // The calendar of `unit`: the node's announced schedule with the unit's working time. A
  // dossier's due dates follow its receiving unit's calendar.
  calendar::WorkingCalendar CalendarFor(absl::string_view unit) const;
  calendar::UnitCalendars calendars() const;
  // CalendarFor(unit) for a unit the catalogue knows today; kNotFound naming `field` otherwise.
  absl::StatusOr<calendar::WorkingCalendar> CalendarOfKnownUnit(absl::string_view field,
                                                                absl::string_view unit) const;
  // Puts `calendars` in force for due dates computed from now on.
  void SetCalendars(calendar::UnitCalendars calendars);
  const Clock& clock() const { return clock_; }

 private:
  // Runs `work` on the writer (one savepoint in a group commit) and hands its dossier to `done`
  // once committed, or the first error (nothing written then).
  void WriteDossier(std::function<absl::StatusOr<dossier::Dossier>(storage::Database&)> work,
                    std::function<void(absl::StatusOr<dossier::Dossier>)> done);
  absl::Status CanSee(const workflow::Actor& actor, const dossier::Dossier& d) const;
  absl::StatusOr<storage::DossierPage> ConsultationWorklist(const workflow::Actor& actor,
                                                            WorklistView view, int64_t after_due,
                                                            const std::string& after_code,
                                                            int limit);
  absl::StatusOr<std::vector<dossier::Attachment>> StoreAttachments(
      const std::vector<AttachmentUpload>& uploads) const;
  std::string UnitName(storage::Database& db, const std::string& unit) const;
  // An admin sweep over many dossiers: `work` fills *result on a read connection (a dry run,
  // nothing written) or as one writer transaction with `apply`; `done` gets *result or the error.
  template <typename T>
  void ReadOrWrite(bool apply, std::function<absl::Status(storage::Database&)> work,
                   std::shared_ptr<T> result, std::function<void(absl::StatusOr<T>)> done) {
    if (!apply) {
      auto db = store_.Read();
      absl::Status s = work(*db);
      if (!s.ok()) return done(s);
      return done(std::move(*result));
    }
    store_.writer().Submit(std::move(work), [result, done = std::move(done)](absl::Status s) {
      if (!s.ok()) return done(s);
      done(std::move(*result));
    });
  }
  // kFailedPrecondition while another node holds `d` (liên thông).
  static absl::Status CheckHeldHere(const dossier::Dossier& d);
  // In the writer transaction of a change to `d`: when `d` now belongs on another node (received
  // for a unit another node serves, or finished by its competent unit for the node that keeps the
  // appointment), appends the "handoff-send" event and queues the hand-off.
  absl::Status QueueHandoffIfDue(storage::Database& db, dossier::Dossier& d, absl::Time now);
  absl::StatusOr<absl::Time> TransferDeadline(const dossier::Dossier& d, absl::Time now) const;

  storage::Store& store_;
  storage::BlobStore blobs_;
  mutable absl::Mutex calendar_mu_;
  calendar::UnitCalendars calendars_ ABSL_GUARDED_BY(calendar_mu_);
  const Clock& clock_;
  NodeConfig config_;
  mutable absl::Mutex network_mu_;
  NetworkConfig network_ ABSL_GUARDED_BY(network_mu_);
  RemoteLookup remote_lookup_ ABSL_GUARDED_BY(network_mu_);
  // GetHere, or the holder's copy when this node does not hold `code`.
  absl::StatusOr<dossier::Dossier> GetWherever(absl::string_view code);
};

// Validation limits of uploads and texts.
inline constexpr size_t kMaxAttachmentBytes = 10 << 20;
inline constexpr size_t kMaxAttachments = 50;
inline constexpr size_t kMaxTextBytes = 2000;
// A free text of a request: valid UTF-8, at most `max` bytes, and not blank when `required`;
// kInvalidArgument naming `field` otherwise.
absl::Status CheckText(absl::string_view field, absl::string_view text, size_t max, bool required);

}  // namespace motcua::dossier_service

#endif  // MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_ENGINE_H_
