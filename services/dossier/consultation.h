// File: services/dossier/consultation.h
// The rules of same-level liên thông consultations (Decree 61 Art. 19.5–19.6, DOMAIN.md §2.4
// item 6): who may ask which units, by when, and who may answer. Pure functions over the
// dossier; the deadline itself is computed by the caller with the consulted unit's calendar.
#ifndef MOTCUA_SERVICES_DOSSIER_CONSULTATION_H_
#define MOTCUA_SERVICES_DOSSIER_CONSULTATION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/dossier/dossier.h"
#include "services/workflow/transitions.h"

namespace motcua::dossier {

// One unit to consult, as asked for.
struct ConsultationAsk {
  std::string unit;
  // Exactly one: a budget in working hours of the consulted unit, or a fixed deadline.
  int working_hours = 0;
  std::optional<absl::Time> due_time;
  std::string question;
};

inline constexpr int kMaxConsultationsPerRequest = 20;
inline constexpr int kMaxConsultationWorkingHours = 8 * 60;

// OK when `actor` may send `asks` about `d` at `now`: the dossier is being handled (status 4);
// the actor is the assigned specialist or a leader of the competent unit; each unit is given
// once, is not the lead unit and has no open consultation on this dossier; each ask has a
// question and exactly one deadline (1..480 working hours, or a fixed time after `now`).
// kPermissionDenied, kFailedPrecondition or kInvalidArgument naming the field
// ("consultations[1].unit: ...").
absl::Status CheckConsult(const Dossier& d, const workflow::Actor& actor,
                          const std::string& lead_unit, const std::vector<ConsultationAsk>& asks,
                          absl::Time now);

// The open consultation `number` of `d` that `actor` may answer: a specialist or leader of the
// consulted unit, while the dossier is open (status 4, 5 or 6). kNotFound, kPermissionDenied or
// kFailedPrecondition otherwise.
absl::StatusOr<Consultation*> ConsultationToAnswer(Dossier& d, const workflow::Actor& actor,
                                                  int number);

// The consultations still open, for the approval guard: "04924 (số 1), 227 (số 2)"; empty when
// none is open.
std::string OpenConsultationList(const Dossier& d);

// The consultation actions `actor` may take on `d` now: "consult" and/or "answer-consultation".
std::vector<std::string> ConsultationActions(const Dossier& d, const workflow::Actor& actor);

// Whether any consultation of `d` is open past its deadline at `now`.
bool HasLateConsultation(const Dossier& d, absl::Time now);

}  // namespace motcua::dossier

#endif  // MOTCUA_SERVICES_DOSSIER_CONSULTATION_H_
