#include "services/dossier/consultation.h"

#include <set>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace motcua::dossier {
namespace {

using workflow::Role;
using workflow::Status;

absl::Status Invalid(size_t i, absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("consultations[", i, "].", field, ": ", why));
}

}  // namespace

absl::Status CheckConsult(const Dossier& d, const workflow::Actor& actor,
                          const std::string& lead_unit, const std::vector<ConsultationAsk>& asks,
                          absl::Time now) {
  const bool assignee = actor.role == Role::kSpecialist && actor.username == d.assignee;
  const bool leader = actor.role == Role::kLeader && actor.Serves(d.competent_unit);
  if (!assignee && !leader) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only the assigned specialist or a leader of unit ", d.competent_unit,
        " consults other units on dossier ", d.code));
  }
  if (d.status != Status::kProcessing) {
    return absl::FailedPreconditionError(
        absl::StrCat("dossier ", d.code, " is not being handled (status ",
                     static_cast<int>(d.status), "); consultations are sent from status 4"));
  }
  if (lead_unit != d.competent_unit && !actor.Serves(lead_unit)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "lead_unit: ", lead_unit, " is neither the competent unit ", d.competent_unit,
        " nor a unit of ", actor.username));
  }
  if (asks.empty()) {
    return absl::InvalidArgumentError("consultations: give at least one unit to consult");
  }
  if (asks.size() > kMaxConsultationsPerRequest) {
    return absl::InvalidArgumentError(
        absl::StrCat("consultations: at most ", kMaxConsultationsPerRequest, " units at once"));
  }
  std::set<std::string> open;
  for (const Consultation& c : d.consultations) {
    if (c.open()) open.insert(c.unit);
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < asks.size(); ++i) {
    const ConsultationAsk& a = asks[i];
    if (a.unit.empty()) return Invalid(i, "unit", "is required");
    if (a.unit == lead_unit) return Invalid(i, "unit", "is the lead unit itself");
    if (!seen.insert(a.unit).second) return Invalid(i, "unit", absl::StrCat(a.unit, " is given twice"));
    if (open.count(a.unit) > 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "consultations[", i, "].unit: unit ", a.unit,
          " has not answered the open consultation on this dossier yet"));
    }
    if (a.question.empty()) return Invalid(i, "question", "is required");
    if (a.question.size() > 4000) return Invalid(i, "question", "is longer than 4000 bytes");
    const bool hours = a.working_hours != 0;
    if (hours == a.due_time.has_value()) {
      return Invalid(i, "deadline", "give working_hours or due_time, exactly one");
    }
    if (hours && (a.working_hours < 1 || a.working_hours > kMaxConsultationWorkingHours)) {
      return Invalid(i, "working_hours",
                     absl::StrCat(a.working_hours, " is outside 1..",
                                  kMaxConsultationWorkingHours));
    }
    if (a.due_time && *a.due_time <= now) return Invalid(i, "due_time", "is not in the future");
  }
  return absl::OkStatus();
}

absl::StatusOr<Consultation*> ConsultationToAnswer(Dossier& d, const workflow::Actor& actor,
                                                  int number) {
  Consultation* found = nullptr;
  for (Consultation& c : d.consultations) {
    if (c.number == number) found = &c;
  }
  if (found == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("number: dossier ", d.code, " has no consultation ", number));
  }
  if ((actor.role != Role::kSpecialist && actor.role != Role::kLeader) ||
      !actor.Serves(found->unit)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "consultation ", number, " of dossier ", d.code, " is answered by a specialist or "
        "leader of unit ", found->unit));
  }
  if (!found->open()) {
    return absl::FailedPreconditionError(
        absl::StrCat("consultation ", number, " of dossier ", d.code, " was already answered"));
  }
  if (d.status != Status::kProcessing && d.status != Status::kSupplementRequested &&
      d.status != Status::kPaymentRequested) {
    return absl::FailedPreconditionError(absl::StrCat(
        "dossier ", d.code, " is no longer being handled (status ", static_cast<int>(d.status),
        ")"));
  }
  return found;
}

std::string OpenConsultationList(const Dossier& d) {
  std::vector<std::string> open;
  for (const Consultation& c : d.consultations) {
    if (c.open()) open.push_back(absl::StrCat(c.unit, " (số ", c.number, ")"));
  }
  return absl::StrJoin(open, ", ");
}

std::vector<std::string> ConsultationActions(const Dossier& d, const workflow::Actor& actor) {
  std::vector<std::string> out;
  const bool staff = actor.role == Role::kSpecialist || actor.role == Role::kLeader;
  if (!staff) return out;
  if (d.status == Status::kProcessing &&
      ((actor.role == Role::kSpecialist && actor.username == d.assignee) ||
       (actor.role == Role::kLeader && actor.Serves(d.competent_unit)))) {
    out.push_back("consult");
  }
  const bool open_dossier = d.status == Status::kProcessing ||
                            d.status == Status::kSupplementRequested ||
                            d.status == Status::kPaymentRequested;
  for (const Consultation& c : d.consultations) {
    if (open_dossier && c.open() && actor.Serves(c.unit)) {
      out.push_back("answer-consultation");
      break;
    }
  }
  return out;
}

bool HasLateConsultation(const Dossier& d, absl::Time now) {
  for (const Consultation& c : d.consultations) {
    if (c.open() && c.Late(now)) return true;
  }
  return false;
}

}  // namespace motcua::dossier
