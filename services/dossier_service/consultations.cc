// Same-level liên thông on one node (Decree 61 Art. 19.5–19.6): the lead unit consults other
// units in parallel, each with its own deadline; the consulted units answer; a late one shows in
// the one-stop head's worklist (WorklistView::kLateConsultations). Each write is one writer work
// item with one event, like every other change of the engine.
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/calendar/due_date.h"
#include "services/common/status_macros.h"
#include "services/dossier/dossier_code.h"
#include "services/dossier/forms.h"
#include "services/dossier_service/dossier_engine.h"
#include "storage/catalog_store.h"
#include "storage/dossier_change.h"
#include "storage/dossier_store.h"

namespace motcua::dossier_service {

using dossier::Dossier;
using workflow::Actor;

void DossierEngine::Consult(const Actor& actor, ConsultInput in,
                            std::function<void(absl::StatusOr<Dossier>)> done) {
  auto code = dossier::NormalizeDossierCode(in.code);
  if (!code.ok()) return done(code.status());
  for (size_t i = 0; i < in.asks.size(); ++i) {
    if (absl::Status s = CheckText(absl::StrCat("consultations[", i, "].question"),
                                   in.asks[i].question, 4000, /*required=*/false);
        !s.ok()) {
      return done(s);
    }
  }
  WriteDossier(
      [this, who = actor, in = std::move(in),
       code = *code](storage::Database& db) -> absl::StatusOr<Dossier> {
        MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(db, code));
        MOTCUA_RETURN_IF_ERROR(CheckHeldHere(d));
        MOTCUA_RETURN_IF_ERROR(CanSee(who, d));
        const absl::Time now = clock_.Now();
        const std::string lead = in.lead_unit.empty() ? d.competent_unit : in.lead_unit;
        MOTCUA_RETURN_IF_ERROR(dossier::CheckConsult(d, who, lead, in.asks, now));
        MOTCUA_ASSIGN_OR_RETURN(catalog::Division division,
                                storage::DivisionOn(db, calendar().LocalDay(now)));
        int number = static_cast<int>(d.consultations.size());
        std::vector<std::string> lines;
        for (size_t i = 0; i < in.asks.size(); ++i) {
          const dossier::ConsultationAsk& ask = in.asks[i];
          auto unit = storage::GetUnit(db, division.id, ask.unit);
          if (!unit.ok()) {
            return absl::InvalidArgumentError(absl::StrCat("consultations[", i,
                                                           "].unit: no administrative unit \"",
                                                           ask.unit, "\" in the catalogue"));
          }
          dossier::Consultation c;
          c.number = ++number;
          c.unit = ask.unit;
          c.lead_unit = lead;
          c.question = ask.question;
          c.requested_by = who.username;
          c.requested_time = now;
          if (ask.due_time) {
            c.due_time = *ask.due_time;
          } else {
            // The consulted unit's own working hours count its budget.
            MOTCUA_ASSIGN_OR_RETURN(
                c.due_time,
                calendar::ComputeDueTime(CalendarFor(ask.unit), now,
                                         {calendar::LimitUnit::kWorkingHours, ask.working_hours}));
          }
          lines.push_back(absl::StrCat(unit->name, " (", ask.unit, ", số ", c.number, ") trước ",
                                       dossier::VietnameseTime(c.due_time)));
          d.consultations.push_back(std::move(c));
        }
        dossier::Event e;
        e.time = now;
        e.actor = who.username;
        e.role = who.role;
        e.unit = lead;
        e.action = "consult";
        e.reason =
            absl::StrCat("Lấy ý kiến phối hợp (chủ trì: ", lead, "): ", absl::StrJoin(lines, "; "));
        MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
        return d;
      },
      std::move(done));
}

void DossierEngine::AnswerConsultation(const Actor& actor, ConsultationReply reply,
                                       std::function<void(absl::StatusOr<Dossier>)> done) {
  auto code = dossier::NormalizeDossierCode(reply.code);
  if (!code.ok()) return done(code.status());
  if (reply.number < 1) {
    return done(absl::InvalidArgumentError("number: must be 1 or more"));
  }
  if (absl::Status s = CheckText("answer", reply.answer, kMaxTextBytes, /*required=*/true);
      !s.ok()) {
    return done(s);
  }
  WriteDossier(
      [this, who = actor, reply = std::move(reply),
       code = *code](storage::Database& db) -> absl::StatusOr<Dossier> {
        MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(db, code));
        MOTCUA_RETURN_IF_ERROR(CheckHeldHere(d));
        MOTCUA_ASSIGN_OR_RETURN(dossier::Consultation * c,
                                dossier::ConsultationToAnswer(d, who, reply.number));
        const absl::Time now = clock_.Now();
        c->answer = reply.answer;
        c->answered_by = who.username;
        c->answered_time = now;
        c->agreed = reply.agreed;
        dossier::Event e;
        e.time = now;
        e.actor = who.username;
        e.role = who.role;
        e.unit = c->unit;
        e.action = "consult-answer";
        e.reason =
            absl::StrCat("Ý kiến phối hợp số ", c->number, " (",
                         reply.agreed ? "thống nhất" : "không thống nhất", "): ", reply.answer);
        if (c->Late(now)) {
          absl::StrAppend(&e.reason, " [trả lời muộn: hạn ", dossier::VietnameseTime(c->due_time),
                          "]");
        }
        MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
        return d;
      },
      std::move(done));
}

}  // namespace motcua::dossier_service

namespace motcua::dossier_service {

absl::StatusOr<storage::DossierPage> DossierEngine::ConsultationWorklist(
    const Actor& actor, WorklistView view, int64_t after_due, const std::string& after_code,
    int limit) {
  storage::ConsultationQuery q;
  q.after_due = after_due;
  q.after_code = after_code;
  q.limit = limit;
  const bool admin = actor.role == workflow::Role::kAdmin || actor.role == workflow::Role::kSync;
  if (view == WorklistView::kConsultations) {
    if (actor.role != workflow::Role::kSpecialist && actor.role != workflow::Role::kLeader &&
        !admin) {
      return absl::PermissionDeniedError(
          "view: consultations are answered by specialists and leaders of the consulted unit");
    }
    if (!admin) q.consulted_units = actor.units;
  } else {
    // The head of the one-stop unit (a leader of the receiving unit) is told of late answers.
    if (actor.role != workflow::Role::kLeader && !admin) {
      return absl::PermissionDeniedError(
          "view: late consultations are shown to leaders (the head of the one-stop unit)");
    }
    if (!admin) q.receiving_units = actor.units;
    q.due_before = clock_.Now();
  }
  if (!admin && actor.units.empty()) return absl::PermissionDeniedError("the user serves no unit");
  auto db = store_.Read();
  return storage::ListConsultationDossiers(*db, q);
}

}  // namespace motcua::dossier_service
