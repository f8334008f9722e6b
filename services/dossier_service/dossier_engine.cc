#include "services/dossier_service/dossier_engine.h"

#include <algorithm>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/calendar/due_date.h"
#include "services/calendar/explanation.h"
#include "services/catalog/procedure.h"
#include "services/common/status_macros.h"
#include "services/common/text_fold.h"
#include "services/dossier/dossier_code.h"
#include "services/dossier/forms.h"
#include "storage/catalog_store.h"
#include "storage/dossier_change.h"
#include "storage/user_store.h"

namespace motcua::dossier_service {
namespace {

using dossier::Dossier;
using workflow::Action;
using workflow::Actor;
using workflow::Role;
using workflow::Status;

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::Status ValidateApplicant(const dossier::Applicant& a) {
  MOTCUA_RETURN_IF_ERROR(CheckText("dossier.applicant.name", a.name, 200, true));
  if (a.id_number.size() < 9 || a.id_number.size() > 13 ||
      a.id_number.find_first_not_of("0123456789") != std::string::npos) {
    return Invalid("dossier.applicant.id_number",
                   "must be 9 to 13 digits (CCCD, CMND or enterprise code)");
  }
  if (!a.phone.empty() &&
      (a.phone.size() > 15 || a.phone.find_first_not_of("+0123456789 ") != std::string::npos)) {
    return Invalid("dossier.applicant.phone", "must be digits, spaces and +, at most 15");
  }
  if (!a.email.empty() && (a.email.size() > 254 || a.email.find('@') == std::string::npos)) {
    return Invalid("dossier.applicant.email", "is not an e-mail address");
  }
  return CheckText("dossier.applicant.address", a.address, 500, false);
}

absl::Status ValidateUploads(const std::vector<AttachmentUpload>& uploads,
                             const catalog::Procedure& p, absl::string_view field) {
  if (uploads.size() > kMaxAttachments) {
    return Invalid(field, absl::StrCat("more than ", kMaxAttachments, " files"));
  }
  for (size_t i = 0; i < uploads.size(); ++i) {
    const auto& u = uploads[i];
    std::string f = absl::StrCat(field, "[", i, "]");
    bool known = false;
    for (const auto& c : p.components) known = known || c.code == u.component_code;
    if (!known) {
      std::vector<std::string> codes;
      for (const auto& c : p.components) codes.push_back(c.code);
      return Invalid(absl::StrCat(f, ".component_code"),
                     absl::StrCat("\"", u.component_code, "\" is not a component of procedure ",
                                  p.code, " (", absl::StrJoin(codes, ", "), ")"));
    }
    MOTCUA_RETURN_IF_ERROR(CheckText(absl::StrCat(f, ".file_name"), u.file_name, 255, true));
    if (u.file_name.find('/') != std::string::npos || u.file_name.find('\\') != std::string::npos) {
      return Invalid(absl::StrCat(f, ".file_name"), "must not contain a path");
    }
    if (u.content.empty()) return Invalid(absl::StrCat(f, ".content"), "is empty");
    if (u.content.size() > kMaxAttachmentBytes) {
      return Invalid(absl::StrCat(f, ".content"),
                     absl::StrCat("is larger than ", kMaxAttachmentBytes >> 20, " MiB"));
    }
  }
  return absl::OkStatus();
}

bool ReasonRequired(Action a) {
  return a == Action::kRefuse || a == Action::kStop || a == Action::kWithdraw ||
         a == Action::kRefuseAfterAppraisal || a == Action::kExtend;
}

std::string EventUnit(const Actor& actor, const Dossier& d) {
  if (actor.Serves(d.competent_unit) && actor.role != Role::kClerk) return d.competent_unit;
  if (actor.Serves(d.receiving_unit)) return d.receiving_unit;
  if (actor.Serves(d.competent_unit)) return d.competent_unit;
  return "";
}

// The due time of the procedure's legal limit counted from `start` under `cal`.
absl::StatusOr<absl::Time> DueUnder(const calendar::WorkingCalendar& cal, absl::Time start,
                                    const catalog::Procedure& p) {
  return calendar::ComputeDueTime(cal, start, deadlines::ToCalendarLimit(p.time_limit));
}

// The same for the procedure version `d` was received under.
absl::StatusOr<absl::Time> DueOfDossier(storage::Database& db, const calendar::WorkingCalendar& cal,
                                        absl::Time start, const Dossier& d) {
  MOTCUA_ASSIGN_OR_RETURN(catalog::Procedure p,
                          storage::GetProcedure(db, d.procedure_code, d.procedure_version));
  return DueUnder(cal, start, p);
}

}  // namespace

absl::Status CheckText(absl::string_view field, absl::string_view text, size_t max, bool required) {
  if (required && absl::StripAsciiWhitespace(text).empty()) return Invalid(field, "is required");
  if (text.size() > max) return Invalid(field, absl::StrCat("is longer than ", max, " bytes"));
  if (!IsValidUtf8(text)) return Invalid(field, "is not valid UTF-8");
  return absl::OkStatus();
}

std::string NodeConfig::AgencyCode(const std::string& unit) const {
  auto it = agency_codes.find(unit);
  if (it != agency_codes.end()) return it->second;
  return dossier::DefaultAgencyCode(province_code, unit);
}

calendar::WorkingCalendar DossierEngine::calendar() const {
  absl::MutexLock lock(&calendar_mu_);
  return calendars_.Default();
}

calendar::WorkingCalendar DossierEngine::CalendarFor(absl::string_view unit) const {
  absl::MutexLock lock(&calendar_mu_);
  return calendars_.ForUnit(unit);
}

calendar::UnitCalendars DossierEngine::calendars() const {
  absl::MutexLock lock(&calendar_mu_);
  return calendars_;
}

void DossierEngine::WriteDossier(std::function<absl::StatusOr<Dossier>(storage::Database&)> work,
                                 std::function<void(absl::StatusOr<Dossier>)> done) {
  auto result = std::make_shared<absl::StatusOr<Dossier>>();
  store_.writer().Submit(
      [work = std::move(work), result](storage::Database& db) -> absl::Status {
        *result = work(db);
        return result->status();
      },
      [result, done = std::move(done)](absl::Status s) {
        // A commit failure overrides the work's own success.
        if (!s.ok()) return done(s);
        done(std::move(*result));
      });
}

absl::StatusOr<calendar::WorkingCalendar> DossierEngine::CalendarOfKnownUnit(
    absl::string_view field, absl::string_view unit) const {
  calendar::WorkingCalendar cal = CalendarFor(unit);
  auto db = store_.Read();
  MOTCUA_ASSIGN_OR_RETURN(catalog::Division division,
                          storage::DivisionOn(*db, cal.LocalDay(clock_.Now())));
  if (!storage::GetUnit(*db, division.id, std::string(unit)).ok()) {
    return absl::NotFoundError(absl::StrCat(field, ": no administrative unit \"", unit,
                                            "\" in the catalogue (division ", division.id, ")"));
  }
  return cal;
}

void DossierEngine::SetCalendars(calendar::UnitCalendars calendars) {
  absl::MutexLock lock(&calendar_mu_);
  calendars_ = std::move(calendars);
}

DossierEngine::DossierEngine(storage::Store& store, storage::BlobStore blobs,
                             calendar::UnitCalendars calendars, const Clock& clock,
                             NodeConfig config)
    : store_(store),
      blobs_(std::move(blobs)),
      calendars_(std::move(calendars)),
      clock_(clock),
      config_(std::move(config)) {}

std::string DossierEngine::HoldingUnit(const Dossier& d) {
  switch (d.status) {
    case Status::kSubmitted:
    case Status::kRefused:
    case Status::kResolved:
    case Status::kReturned:
      return d.receiving_unit;
    default:
      return d.competent_unit;
  }
}

deadlines::Timeliness DossierEngine::Classify(const Dossier& d) const {
  return deadlines::Classify(d, CalendarFor(d.receiving_unit), clock_.Now());
}

std::string DossierEngine::UnitName(storage::Database& db, const std::string& unit) const {
  auto division = storage::DivisionOn(db, calendar().LocalDay(clock_.Now()));
  if (division.ok()) {
    auto u = storage::GetUnit(db, division->id, unit);
    if (u.ok()) return u->name;
  }
  return unit;
}

absl::StatusOr<std::vector<dossier::Attachment>> DossierEngine::StoreAttachments(
    const std::vector<AttachmentUpload>& uploads) const {
  std::vector<dossier::Attachment> out;
  for (const auto& u : uploads) {
    MOTCUA_ASSIGN_OR_RETURN(std::string hash, blobs_.Put(u.content));
    out.push_back({u.component_code, u.file_name, hash, static_cast<int64_t>(u.content.size())});
  }
  return out;
}

absl::Status DossierEngine::CanSee(const Actor& actor, const Dossier& d) const {
  switch (actor.role) {
    case Role::kAdmin:
    case Role::kSync:
      return absl::OkStatus();
    case Role::kCitizen:
      if (!actor.citizen_id.empty() && actor.citizen_id == d.applicant.id_number) {
        return absl::OkStatus();
      }
      return absl::PermissionDeniedError(
          absl::StrCat("dossier ", d.code, " belongs to another applicant"));
    default:
      if (actor.Serves(d.receiving_unit) || actor.Serves(d.competent_unit) ||
          actor.Serves(d.support_unit)) {
        return absl::OkStatus();
      }
      // A consulted unit reads the dossier it is asked about.
      for (const auto& c : d.consultations) {
        if (actor.Serves(c.unit)) return absl::OkStatus();
      }
      return absl::PermissionDeniedError(
          absl::StrCat("user ", actor.username, " does not work for a unit of dossier ", d.code));
  }
}

void DossierEngine::Create(const Actor& actor, CreateInput in,
                           std::function<void(absl::StatusOr<CreateOutcome>)> done) {
  auto fail = [&](absl::Status s) { done(std::move(s)); };
  // Due dates follow the receiving desk's working time.
  const calendar::WorkingCalendar cal = CalendarFor(in.receiving_unit);
  // Who may receive through which channel.
  if (in.channel == dossier::Channel::kOnline) {
    if (actor.role == Role::kCitizen) {
      if (actor.citizen_id != in.applicant.id_number) {
        return fail(absl::PermissionDeniedError(
            "dossier.applicant.id_number: a citizen submits only in their own name"));
      }
    } else if (actor.role != Role::kSync) {
      return fail(absl::PermissionDeniedError(absl::StrCat("role ", workflow::RoleName(actor.role),
                                                           " may not submit online dossiers")));
    }
  } else {
    if (actor.role != Role::kClerk) {
      return fail(absl::PermissionDeniedError(
          absl::StrCat("role ", workflow::RoleName(actor.role),
                       " may not receive dossiers at the desk; a clerk does")));
    }
    if (!actor.Serves(in.receiving_unit)) {
      return fail(
          absl::PermissionDeniedError(absl::StrCat("dossier.receiving_unit: user ", actor.username,
                                                   " does not work for unit ", in.receiving_unit)));
    }
  }
  if (absl::Status s = ValidateApplicant(in.applicant); !s.ok()) return fail(s);
  if (absl::Status s = CheckText("dossier.summary", in.summary, kMaxTextBytes, false); !s.ok()) {
    return fail(s);
  }
  if (in.request_id.size() > 128) return fail(Invalid("request_id", "longer than 128 bytes"));
  if (in.submitted_time) {
    if (actor.role != Role::kSync || in.channel != dossier::Channel::kOnline) {
      return fail(absl::PermissionDeniedError(
          "dossier.submit_time: only the portal sync job brings in an earlier submission time"));
    }
    if (*in.submitted_time > clock_.Now() + absl::Minutes(5)) {
      return fail(Invalid("dossier.submit_time", "is in the future"));
    }
  }
  if (in.refusal_reason.size() > kMaxTextBytes) {
    return fail(Invalid("refusal_reason", "too long"));
  }
  if (!in.refusal_reason.empty() && in.channel == dossier::Channel::kOnline) {
    return fail(Invalid("refusal_reason",
                        "online dossiers are refused with RefuseDossier after submission"));
  }
  if (in.competent_unit.empty()) in.competent_unit = in.receiving_unit;
  if (in.support_unit.empty()) in.support_unit = in.receiving_unit;

  catalog::Procedure procedure;
  std::string receiving_name;
  {
    auto db = store_.Read();
    auto p = storage::GetProcedure(*db, in.procedure_code);
    if (!p.ok()) {
      return fail(absl::Status(
          absl::IsNotFound(p.status()) ? absl::StatusCode::kInvalidArgument : p.status().code(),
          absl::StrCat("dossier.procedure: ", p.status().message())));
    }
    procedure = *std::move(p);
    auto division = storage::DivisionOn(*db, cal.LocalDay(clock_.Now()));
    if (!division.ok()) return fail(division.status());
    std::optional<catalog::Level> competent_level;
    for (const auto& [field, code] :
         {std::pair<const char*, std::string*>{"dossier.receiving_unit", &in.receiving_unit},
          {"dossier.competent_unit", &in.competent_unit},
          {"dossier.support_unit", &in.support_unit}}) {
      if (code->empty() || code->size() > 10) return fail(Invalid(field, "is required"));
      auto unit = storage::GetUnit(*db, division->id, *code);
      if (!unit.ok()) {
        return fail(
            Invalid(field, absl::StrCat("unit ", *code, " is not in division ", division->id)));
      }
      if (std::string(field) == "dossier.competent_unit") competent_level = unit->level;
      if (std::string(field) == "dossier.receiving_unit") receiving_name = unit->name;
    }
    if (std::find(procedure.levels.begin(), procedure.levels.end(), *competent_level) ==
        procedure.levels.end()) {
      return fail(Invalid("dossier.competent_unit", absl::StrCat("procedure ", procedure.code,
                                                                 " is not carried out at the "
                                                                 "level of unit ",
                                                                 in.competent_unit)));
    }
  }
  if (absl::Status s = ValidateUploads(in.attachments, procedure, "dossier.attachments"); !s.ok()) {
    return fail(s);
  }

  // Completeness: every required paper answered (Decree 61 Art. 15: guidance once, complete).
  std::vector<std::pair<std::string, std::string>> missing;
  for (const auto& c : procedure.components) {
    if (!c.required) continue;
    bool present =
        std::any_of(in.attachments.begin(), in.attachments.end(),
                    [&](const AttachmentUpload& u) { return u.component_code == c.code; });
    if (!present) missing.emplace_back(c.code, c.name);
  }
  if (!missing.empty() && in.refusal_reason.empty()) {
    CreateOutcome out;
    out.kind = CreateOutcome::Kind::kGuidance;
    out.missing = missing;
    out.form_text = dossier::SupplementGuidanceForm(procedure.name, in.applicant.name, missing,
                                                    receiving_name, clock_.Now());
    return done(std::move(out));
  }

  auto attachments = StoreAttachments(in.attachments);
  if (!attachments.ok()) return fail(attachments.status());

  auto outcome = std::make_shared<CreateOutcome>();
  auto input = std::make_shared<CreateInput>(std::move(in));
  auto stored = std::make_shared<std::vector<dossier::Attachment>>(*std::move(attachments));
  Actor who = actor;
  store_.writer().Submit(
      [this, outcome, input, stored, who, procedure, receiving_name,
       cal](storage::Database& db) -> absl::Status {
        if (!input->request_id.empty()) {
          MOTCUA_ASSIGN_OR_RETURN(auto existing,
                                  storage::FindDossierByRequestId(db, input->request_id));
          if (existing) {
            MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(db, *existing));
            if (d.submitted_by != who.username) {
              return absl::AlreadyExistsError(
                  "request_id: already used by another user's submission");
            }
            outcome->kind = d.status == Status::kSubmitted ? CreateOutcome::Kind::kSubmitted
                            : d.status == Status::kRefused ? CreateOutcome::Kind::kRefused
                                                           : CreateOutcome::Kind::kReceived;
            outcome->form_text = d.status == Status::kRefused
                                     ? dossier::RefusalForm(d, d.decision_note, receiving_name)
                                     : dossier::ReceiptForm(d, receiving_name);
            outcome->dossier = std::move(d);
            return absl::OkStatus();
          }
        }
        const absl::Time now = clock_.Now();
        const absl::CivilDay today = cal.LocalDay(now);
        const std::string agency = config_.AgencyCode(input->receiving_unit);
        MOTCUA_ASSIGN_OR_RETURN(
            int64_t seq, storage::NextDossierSequence(db, agency, absl::FormatCivilTime(today)));
        Dossier d;
        d.code = absl::AsciiStrToUpper(
            dossier::FormatDossierCode(config_.code_format, agency, today, seq));
        d.procedure_code = procedure.code;
        d.procedure_version = procedure.version;
        d.procedure_name = procedure.name;
        d.channel = input->channel;
        d.applicant = input->applicant;
        d.summary = input->summary;
        d.submitted_by = who.username;
        d.receiving_unit = input->receiving_unit;
        d.competent_unit = input->competent_unit;
        d.support_unit = input->support_unit;
        d.submitted_time = input->submitted_time.value_or(now);
        d.attachments = *stored;
        for (const auto& f : procedure.fees) d.fees.push_back({f.code, f.name, f.amount_vnd});
        d.request_id = input->request_id;
        d.calendar_version = cal.version();
        d.revision = 1;
        std::string action;
        std::string reason;
        if (input->channel == dossier::Channel::kOnline) {
          d.status = Status::kSubmitted;
          d.step = workflow::Step::kAwaitingReception;
          action = "submit";
          outcome->kind = CreateOutcome::Kind::kSubmitted;
        } else if (!input->refusal_reason.empty()) {
          d.status = Status::kRefused;
          d.step = workflow::Step::kClosed;
          d.received_time = now;
          d.handling_end_time = now;
          d.decision_note = input->refusal_reason;
          action = "refuse";
          reason = input->refusal_reason;
          outcome->kind = CreateOutcome::Kind::kRefused;
        } else {
          d.status = Status::kReceived;
          d.step = workflow::Step::kAwaitingAssignment;
          d.received_time = now;
          MOTCUA_ASSIGN_OR_RETURN(d.transfer_time,
                                  deadlines::TransferTime(cal, now, /*paper=*/true));
          MOTCUA_ASSIGN_OR_RETURN(absl::Time due, DueUnder(cal, now, procedure));
          d.due_time = due;
          d.original_due_time = due;
          d.scoring_due_time = due;
          action = "receive";
          if (*d.transfer_time > now) {
            reason = absl::StrCat("Nhận sau 15 giờ hoặc ngoài giờ: chuyển xử lý lúc ",
                                  dossier::VietnameseTime(*d.transfer_time));
          }
          outcome->kind = CreateOutcome::Kind::kReceived;
        }
        MOTCUA_RETURN_IF_ERROR(storage::InsertDossier(db, d));
        dossier::Event e;
        e.dossier_code = d.code;
        e.time = now;
        e.actor = who.username;
        e.role = who.role;
        e.unit = who.role == Role::kClerk ? d.receiving_unit : "";
        e.action = action;
        e.status_after = d.status;
        e.reason = reason;
        MOTCUA_RETURN_IF_ERROR(storage::AppendEvent(db, std::move(e)).status());
        MOTCUA_RETURN_IF_ERROR(QueueHandoffIfDue(db, d, now));
        outcome->form_text = d.status == Status::kRefused
                                 ? dossier::RefusalForm(d, d.decision_note, receiving_name)
                                 : dossier::ReceiptForm(d, receiving_name);
        outcome->dossier = std::move(d);
        return absl::OkStatus();
      },
      [outcome, done](absl::Status s) {
        if (!s.ok()) return done(s);
        done(std::move(*outcome));
      });
}

void DossierEngine::Act(const Actor& actor, ActionInput in,
                        std::function<void(absl::StatusOr<Dossier>)> done) {
  const std::string code = absl::AsciiStrToUpper(in.code);
  if (!dossier::IsWellFormedDossierCode(code)) {
    return done(Invalid("name", absl::StrCat("\"", in.code, "\" is not dossiers/{code}")));
  }
  if (ReasonRequired(in.action)) {
    if (absl::Status s = CheckText("reason", in.reason, kMaxTextBytes, true); !s.ok()) {
      return done(s);
    }
  } else if (absl::Status s = CheckText("reason", in.reason, kMaxTextBytes, false); !s.ok()) {
    return done(s);
  }
  switch (in.action) {
    case Action::kAssign:
      if (in.assignee.empty() || in.assignee.size() > 128) {
        return done(Invalid("assignee", "is required (a specialist's username)"));
      }
      break;
    case Action::kRequestSupplement:
      if (absl::Status s = CheckText("content", in.supplement_content, kMaxTextBytes, true);
          !s.ok()) {
        return done(s);
      }
      break;
    case Action::kExtend:
      if (!in.new_due) return done(Invalid("new_due_time", "is required"));
      break;
    case Action::kReturn:
      if (in.delivery == dossier::Delivery::kUnspecified) {
        return done(Invalid("delivery", "is required: DESK, POST or ONLINE"));
      }
      break;
    case Action::kRequestPayment:
      for (size_t i = 0; i < in.fees.size(); ++i) {
        if (in.fees[i].amount_vnd < 0 || in.fees[i].amount_vnd > 1'000'000'000'000) {
          return done(Invalid(absl::StrCat("fees[", i, "].amount_vnd"), "is out of range"));
        }
        if (absl::Status s =
                CheckText(absl::StrCat("fees[", i, "].display_name"), in.fees[i].name, 200, true);
            !s.ok()) {
          return done(s);
        }
      }
      break;
    default:
      break;
  }
  std::vector<dossier::Attachment> stored;
  if (!in.attachments.empty()) {
    if (in.action != Action::kSupplement) {
      return done(Invalid("attachments", "only a supplement carries papers"));
    }
    catalog::Procedure procedure;
    {
      auto db = store_.Read();
      auto d = storage::LoadDossier(*db, code);
      if (!d.ok()) return done(d.status());
      auto p = storage::GetProcedure(*db, d->procedure_code, d->procedure_version);
      if (!p.ok()) return done(p.status());
      procedure = *std::move(p);
    }
    if (absl::Status s = ValidateUploads(in.attachments, procedure, "attachments"); !s.ok()) {
      return done(s);
    }
    auto st = StoreAttachments(in.attachments);
    if (!st.ok()) return done(st.status());
    stored = *std::move(st);
  }

  auto input = std::make_shared<ActionInput>(std::move(in));
  Actor who = actor;
  WriteDossier(
      [this, input, who, code, stored](storage::Database& db) -> absl::StatusOr<Dossier> {
        MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(db, code));
        MOTCUA_RETURN_IF_ERROR(CheckHeldHere(d));
        const calendar::WorkingCalendar cal = CalendarFor(d.receiving_unit);
        if (!input->etag.empty() && input->etag != absl::StrCat(d.revision)) {
          return absl::AbortedError(absl::StrCat("etag: dossier ", code,
                                                 " changed since it was read (", input->etag, " → ",
                                                 d.revision, "); read it again"));
        }
        MOTCUA_ASSIGN_OR_RETURN(workflow::Decision decision,
                                workflow::Decide(d.Facts(), input->action, who));
        const absl::Time now = clock_.Now();
        std::string reason = input->reason;
        switch (input->action) {
          case Action::kAccept: {
            d.received_time = now;
            d.transfer_time = now;
            MOTCUA_ASSIGN_OR_RETURN(absl::Time due, DueOfDossier(db, cal, now, d));
            d.due_time = due;
            d.original_due_time = due;
            d.scoring_due_time = due;
            d.calendar_version = cal.version();
            break;
          }
          case Action::kRefuse:
            d.received_time = now;
            d.handling_end_time = now;
            d.decision_note = input->reason;
            break;
          case Action::kAssign: {
            auto user = storage::GetUser(db, input->assignee);
            if (!user.ok() || user->role != Role::kSpecialist ||
                std::find(user->units.begin(), user->units.end(), d.competent_unit) ==
                    user->units.end()) {
              return Invalid("assignee",
                             absl::StrCat("\"", input->assignee, "\" is not a specialist of unit ",
                                          d.competent_unit));
            }
            d.assignee = input->assignee;
            if (reason.empty()) reason = absl::StrCat("Giao ", input->assignee, " xử lý");
            break;
          }
          case Action::kRequestSupplement: {
            dossier::SupplementRound round;
            round.round = static_cast<int>(d.supplements.size()) + 1;
            round.requested_time = now;
            round.requested_by = who.username;
            round.content = input->supplement_content;
            round.previous_due = d.due_time.value_or(now);
            MOTCUA_ASSIGN_OR_RETURN(bool within,
                                    deadlines::WithinSupplementWindow(cal, *d.received_time, now));
            round.requested_late = !within;
            reason = input->supplement_content;
            if (!within) {
              absl::StrAppend(&reason,
                              " [cảnh báo: yêu cầu bổ sung sau 3 ngày làm việc kể từ khi tiếp "
                              "nhận]");
            }
            if (round.round > 1) {
              absl::StrAppend(&reason, " [yêu cầu bổ sung lần ", round.round,
                              ": tính quá hạn theo Quyết định 766]");
            }
            d.supplements.push_back(std::move(round));
            break;
          }
          case Action::kSupplement: {
            if (d.supplements.empty() || d.supplements.back().completed_time) {
              return absl::InternalError("supplement round missing");
            }
            // The legal time limit restarts from zero (Decree 61 Art. 19.4).
            MOTCUA_ASSIGN_OR_RETURN(absl::Time due, DueOfDossier(db, cal, now, d));
            auto& round = d.supplements.back();
            round.completed_time = now;
            round.new_due = due;
            d.due_time = due;
            d.calendar_version = cal.version();
            for (const auto& a : stored) d.attachments.push_back(a);
            if (reason.empty()) {
              reason =
                  absl::StrCat("Nhận đủ hồ sơ bổ sung; hẹn trả mới ", dossier::VietnameseTime(due));
            }
            break;
          }
          case Action::kRequestPayment:
            if (!input->fees.empty()) d.fees = input->fees;
            break;
          case Action::kPay:
            d.paid_time = now;
            break;
          case Action::kExtend: {
            if (!d.due_time) {
              return absl::FailedPreconditionError("dossier.due_time: the dossier has no due date");
            }
            if (now > *d.due_time - absl::Hours(24)) {
              return absl::FailedPreconditionError(
                  "new_due_time: an extension must be asked at least 1 day before the due date "
                  "(Decree 61 Art. 19.9)");
            }
            if (*input->new_due <= *d.due_time) {
              return Invalid("new_due_time", "must be later than the current due time");
            }
            if (*input->new_due > *d.due_time + absl::Hours(24 * 365)) {
              return Invalid("new_due_time", "is more than a year after the current due time");
            }
            absl::Duration shift = *input->new_due - *d.due_time;
            d.due_time = *input->new_due;
            if (d.scoring_due_time) d.scoring_due_time = *d.scoring_due_time + shift;
            d.extended = true;
            d.extension_reason = input->reason;
            break;
          }
          case Action::kApprove:
            // The lead unit decides once every consulted unit has answered (Art. 19.6).
            if (std::string open = dossier::OpenConsultationList(d); !open.empty()) {
              return absl::FailedPreconditionError(
                  absl::StrCat("dossier ", d.code, " waits for consulted units to answer: ", open));
            }
            break;
          case Action::kIssue:
            d.handling_end_time = now;
            break;
          case Action::kReturn:
            d.returned_time = now;
            d.delivery = input->delivery;
            if (!d.handling_end_time) d.handling_end_time = now;
            break;
          case Action::kWithdraw:
            if (!d.handling_end_time && d.received_time) d.handling_end_time = now;
            d.decision_note = input->reason;
            break;
          case Action::kStop:
          case Action::kRefuseAfterAppraisal:
            if (!d.handling_end_time) d.handling_end_time = now;
            d.decision_note = input->reason;
            break;
        }
        d.status = decision.status;
        d.step = decision.step;
        d.resume_step = decision.resume_step;
        dossier::Event e;
        e.time = now;
        e.actor = who.username;
        e.role = who.role;
        e.unit = EventUnit(who, d);
        e.action = std::string(workflow::ActionName(input->action));
        e.reason = reason;
        MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
        MOTCUA_RETURN_IF_ERROR(QueueHandoffIfDue(db, d, now));
        return d;
      },
      std::move(done));
}

absl::StatusOr<Dossier> DossierEngine::Get(const Actor& actor, absl::string_view code) {
  MOTCUA_ASSIGN_OR_RETURN(Dossier d, GetWherever(code));
  MOTCUA_RETURN_IF_ERROR(CanSee(actor, d));
  return d;
}

absl::StatusOr<Dossier> DossierEngine::GetPublic(absl::string_view code) {
  return GetWherever(code);
}

absl::StatusOr<Dossier> DossierEngine::GetHere(absl::string_view code) {
  auto db = store_.Read();
  return storage::LoadDossier(*db, code);
}

absl::StatusOr<std::vector<dossier::Event>> DossierEngine::History(const Actor& actor,
                                                                   absl::string_view code,
                                                                   bool* valid) {
  auto db = store_.Read();
  MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(*db, code));
  MOTCUA_RETURN_IF_ERROR(CanSee(actor, d));
  MOTCUA_ASSIGN_OR_RETURN(storage::ChainReport report, storage::VerifyChains(*db, d.code));
  *valid = !report.broken_code.has_value();
  return storage::LoadEvents(*db, d.code);
}

absl::StatusOr<storage::ChainReport> DossierEngine::Verify(const Actor& actor) {
  if (actor.role != Role::kAdmin) {
    return absl::PermissionDeniedError("only an admin verifies the event chains");
  }
  auto db = store_.Read();
  return storage::VerifyChains(*db);
}

absl::StatusOr<storage::DossierPage> DossierEngine::Worklist(const Actor& actor, WorklistView view,
                                                             int64_t after_due,
                                                             const std::string& after_code,
                                                             int limit) {
  if (view == WorklistView::kConsultations || view == WorklistView::kLateConsultations) {
    return ConsultationWorklist(actor, view, after_due, after_code, limit);
  }
  storage::DossierQuery q;
  q.after_due = after_due;
  q.after_code = after_code;
  q.limit = limit;
  const std::vector<Status> open = {Status::kReceived, Status::kProcessing,
                                    Status::kSupplementRequested, Status::kPaymentRequested};
  // Scope: whose dossiers the caller may see at all.
  switch (actor.role) {
    case Role::kCitizen:
      if (actor.citizen_id.empty()) return absl::PermissionDeniedError("no identity number");
      q.owner_id = actor.citizen_id;
      break;
    case Role::kAdmin:
    case Role::kSync:
      break;
    default:
      if (actor.units.empty()) return absl::PermissionDeniedError("the user serves no unit");
      q.units = actor.units;
  }
  const absl::Time now = clock_.Now();
  switch (view) {
    case WorklistView::kMine:
      switch (actor.role) {
        case Role::kClerk:
          q.statuses = {Status::kSubmitted, Status::kResolved, Status::kSupplementRequested,
                        Status::kPaymentRequested};
          break;
        case Role::kSpecialist:
          q.assignee = actor.username;
          q.statuses = {Status::kProcessing};
          q.steps = {workflow::Step::kAppraising};
          break;
        case Role::kLeader:
          q.statuses = {Status::kReceived, Status::kProcessing};
          q.steps = {workflow::Step::kAwaitingAssignment, workflow::Step::kAppraising};
          break;
        case Role::kClerical:
          q.statuses = {Status::kProcessing};
          q.steps = {workflow::Step::kSigned};
          break;
        default:
          break;
      }
      break;
    case WorklistView::kDueToday: {
      const calendar::WorkingCalendar cal = calendar();
      absl::CivilDay today = cal.LocalDay(now);
      q.statuses = open;
      q.due_after = absl::FromCivil(today, cal.time_zone());
      q.due_before = absl::FromCivil(today + 1, cal.time_zone());
      break;
    }
    case WorklistView::kOverdue:
      q.statuses = open;
      q.due_before = now;
      break;
    case WorklistView::kWaitingCitizen:
      q.statuses = {Status::kSupplementRequested, Status::kPaymentRequested};
      break;
    case WorklistView::kAll:
      break;
    case WorklistView::kConsultations:
    case WorklistView::kLateConsultations:
      break;  // handled above
  }
  auto db = store_.Read();
  return storage::ListDossiers(*db, q);
}

absl::StatusOr<deadlines::PeriodReport> DossierEngine::Report(const Actor& actor,
                                                              const std::string& unit,
                                                              absl::Time from, absl::Time to) {
  if (to <= from) return Invalid("end_time", "must be after start_time");
  if (to - from > absl::Hours(24 * 400)) return Invalid("end_time", "the period is over 400 days");
  std::vector<std::string> units;
  if (actor.role == Role::kAdmin || actor.role == Role::kSync) {
    if (!unit.empty()) units = {unit};
  } else if (actor.role == Role::kCitizen) {
    return absl::PermissionDeniedError("reports are for staff");
  } else if (unit.empty()) {
    units = actor.units;
  } else if (actor.Serves(unit)) {
    units = {unit};
  } else {
    // Staff of a unit oversee the units below it (a province leader watches every commune).
    auto db = store_.Read();
    bool above = false;
    auto division = storage::DivisionOn(*db, calendar().LocalDay(clock_.Now()));
    if (division.ok()) {
      std::string code = unit;
      for (int depth = 0; depth < 5 && !above; ++depth) {
        auto u = storage::GetUnit(*db, division->id, code);
        if (!u.ok() || u->parent_code.empty()) break;
        code = u->parent_code;
        above = actor.Serves(code);
      }
    }
    if (!above) {
      return absl::PermissionDeniedError(absl::StrCat(
          "unit: user ", actor.username, " does not work for unit ", unit, " or a unit above it"));
    }
    units = {unit};
  }
  auto db = store_.Read();
  MOTCUA_ASSIGN_OR_RETURN(auto dossiers, storage::DossiersForReport(*db, units, from, to));
  absl::Time now = clock_.Now();
  return deadlines::BuildReport(dossiers, calendars(), std::min(now, to));
}

}  // namespace motcua::dossier_service

namespace motcua::dossier_service {
namespace {

// Where the legal count of `d` starts: the last completed supplement, else reception.
std::optional<absl::Time> CountingStart(const dossier::Dossier& d) {
  for (auto it = d.supplements.rbegin(); it != d.supplements.rend(); ++it) {
    if (it->completed_time) return *it->completed_time;
  }
  return d.received_time;
}

bool IsOpen(workflow::Status s) {
  return s == workflow::Status::kReceived || s == workflow::Status::kProcessing ||
         s == workflow::Status::kSupplementRequested || s == workflow::Status::kPaymentRequested;
}

// The due date `d` would get under `cal`, or nullopt when it is not recomputed (not open,
// extended, or waiting for papers: its clock restarts anyway).
absl::StatusOr<std::optional<absl::Time>> RecomputedDue(storage::Database& db,
                                                        const dossier::Dossier& d,
                                                        const calendar::WorkingCalendar& cal) {
  if (!IsOpen(d.status) || d.extended || !d.due_time ||
      d.status == workflow::Status::kSupplementRequested) {
    return std::optional<absl::Time>();
  }
  std::optional<absl::Time> start = CountingStart(d);
  if (!start) return std::optional<absl::Time>();
  MOTCUA_ASSIGN_OR_RETURN(absl::Time due, DueOfDossier(db, cal, *start, d));
  if (due == *d.due_time) return std::optional<absl::Time>();
  return std::optional<absl::Time>(due);
}

}  // namespace

void DossierEngine::RecomputeDueDates(
    const workflow::Actor& actor, bool apply,
    std::function<void(absl::StatusOr<std::vector<DueDateChange>>)> done) {
  if (actor.role != workflow::Role::kAdmin) {
    return done(absl::PermissionDeniedError("only an admin recomputes due dates"));
  }
  const calendar::UnitCalendars calendars = this->calendars();
  auto changes = std::make_shared<std::vector<DueDateChange>>();
  auto collect = [this, calendars, changes, apply, actor](storage::Database& db) -> absl::Status {
    changes->clear();
    storage::DossierQuery q;
    q.statuses = {workflow::Status::kReceived, workflow::Status::kProcessing,
                  workflow::Status::kPaymentRequested};
    q.limit = 500;
    const absl::Time now = clock_.Now();
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(storage::DossierPage page, storage::ListDossiers(db, q));
      for (auto& d : page.dossiers) {
        if (!d.held_by.empty()) continue;  // the holding node recomputes it
        const calendar::WorkingCalendar& cal = calendars.ForUnit(d.receiving_unit);
        MOTCUA_ASSIGN_OR_RETURN(std::optional<absl::Time> due, RecomputedDue(db, d, cal));
        if (!due) continue;
        changes->push_back({d.code, *d.due_time, *due, d.calendar_version});
        if (!apply) continue;
        std::string reason = absl::StrCat(
            "Tính lại hạn theo lịch ", cal.version(), " (trước: ", d.calendar_version,
            "): ", dossier::VietnameseTime(*d.due_time), " → ", dossier::VietnameseTime(*due));
        if (d.scoring_due_time) d.scoring_due_time = *d.scoring_due_time + (*due - *d.due_time);
        d.due_time = *due;
        d.calendar_version = cal.version();
        dossier::Event e;
        e.time = now;
        e.actor = actor.username;
        e.role = actor.role;
        e.action = "recompute";
        e.reason = reason;
        MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
      }
      if (!page.more) break;
      q.after_due = storage::DueKey(page.dossiers.back());
      q.after_code = page.dossiers.back().code;
    }
    return absl::OkStatus();
  };
  ReadOrWrite(apply, std::move(collect), std::move(changes), std::move(done));
}

absl::StatusOr<std::string> DossierEngine::ExplainDueDate(absl::string_view code) {
  dossier::Dossier d;
  catalog::Procedure p;
  {
    auto db = store_.Read();
    MOTCUA_ASSIGN_OR_RETURN(d, storage::LoadDossier(*db, code));
    MOTCUA_ASSIGN_OR_RETURN(p, storage::GetProcedure(*db, d.procedure_code, d.procedure_version));
  }
  if (!d.received_time || !d.due_time) {
    return absl::FailedPreconditionError(
        absl::StrCat("dossier ", d.code, " has not been received yet: it has no due date"));
  }
  const calendar::WorkingCalendar cal = CalendarFor(d.receiving_unit);
  std::string out;
  absl::StrAppend(&out, "Hồ sơ ", d.code, " — ", d.procedure_name, "\n");
  // The day-by-day account below starts with the reception and the time limit; after a
  // supplement it counts from the day the papers were complete, so the first reception and the
  // rounds come first.
  if (!d.supplements.empty()) {
    absl::StrAppend(&out, "Tiếp nhận lần đầu: ", dossier::VietnameseTime(*d.received_time), "\n");
  }
  for (const auto& s : d.supplements) {
    absl::StrAppend(&out, "Yêu cầu bổ sung lần ", s.round, ": ",
                    dossier::VietnameseTime(s.requested_time));
    if (s.completed_time) {
      absl::StrAppend(&out, "; nhận đủ hồ sơ: ", dossier::VietnameseTime(*s.completed_time),
                      " — thời hạn được tính lại từ đầu (Nghị định 61/2018, Điều 19.4)");
    } else {
      absl::StrAppend(&out, "; đang chờ công dân bổ sung — thời hạn tạm dừng");
    }
    absl::StrAppend(&out, "\n");
  }
  if (!d.supplements.empty()) {
    absl::StrAppend(&out, "Thời hạn tính lại từ khi nhận đủ hồ sơ bổ sung:\n");
  }
  std::optional<absl::Time> start = CountingStart(d);
  MOTCUA_ASSIGN_OR_RETURN(
      calendar::Explanation explanation,
      calendar::ExplainDueTime(cal, *start, deadlines::ToCalendarLimit(p.time_limit)));
  absl::StrAppend(&out, explanation.ToText());
  if (d.extended) {
    absl::StrAppend(&out, "Gia hạn một lần (Mẫu 04): hẹn trả mới ",
                    dossier::VietnameseTime(*d.due_time), ". Lý do: ", d.extension_reason, "\n");
  }
  if (d.calendar_version != cal.version()) {
    absl::StrAppend(&out, "Lưu ý: hạn đã hẹn được tính theo lịch phiên bản ", d.calendar_version,
                    "; lịch hiện hành là ", cal.version(), ".\n");
  }
  absl::StrAppend(&out, "Hẹn trả kết quả: ", dossier::VietnameseTime(*d.due_time), "\n");
  return out;
}

}  // namespace motcua::dossier_service
