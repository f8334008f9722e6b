#include "services/dossier_service/dossier_proto.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/dossier/consultation.h"
#include "services/dossier/dossier_code.h"

namespace motcua::dossier_service {

void ToProto(absl::Time t, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(t));
}

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

namespace {

// Sets the field through `mutable_field` only when `t` has a value (an empty Timestamp would
// read as "set to 1970").
template <typename Mutable>
void MaybeTime(const std::optional<absl::Time>& t, Mutable mutable_field) {
  if (t) ToProto(*t, mutable_field());
}

}  // namespace

void ToProto(const dossier::Dossier& d, deadlines::Timeliness timeliness,
             const workflow::Actor* actor, v1::Dossier* out) {
  out->set_name(absl::StrCat("dossiers/", d.code));
  out->set_code(d.code);
  out->set_procedure(absl::StrCat("procedures/", d.procedure_code));
  out->set_procedure_version(d.procedure_version);
  out->set_procedure_display_name(d.procedure_name);
  out->set_channel(static_cast<v1::Channel>(d.channel));
  out->set_state(static_cast<v1::Dossier::State>(d.status));
  out->set_state_display_name(std::string(workflow::StatusDisplayName(d.status)));
  out->set_step(std::string(workflow::StepName(d.step)));
  auto* a = out->mutable_applicant();
  a->set_name(d.applicant.name);
  a->set_id_number(d.applicant.id_number);
  a->set_phone(d.applicant.phone);
  a->set_email(d.applicant.email);
  a->set_address(d.applicant.address);
  out->set_summary(d.summary);
  out->set_receiving_unit(d.receiving_unit);
  out->set_competent_unit(d.competent_unit);
  out->set_support_unit(d.support_unit);
  ToProto(d.submitted_time, out->mutable_submit_time());
  MaybeTime(d.received_time, [&] { return out->mutable_receive_time(); });
  MaybeTime(d.transfer_time, [&] { return out->mutable_transfer_time(); });
  MaybeTime(d.due_time, [&] { return out->mutable_due_time(); });
  MaybeTime(d.original_due_time, [&] { return out->mutable_original_due_time(); });
  out->set_calendar_version(d.calendar_version);
  out->set_extended(d.extended);
  out->set_extension_reason(d.extension_reason);
  out->set_assignee(d.assignee);
  for (const auto& s : d.supplements) {
    auto* r = out->add_supplements();
    r->set_round(s.round);
    ToProto(s.requested_time, r->mutable_request_time());
    r->set_requested_by(s.requested_by);
    r->set_content(s.content);
    r->set_late_request(s.requested_late);
    MaybeTime(s.completed_time, [&] { return r->mutable_complete_time(); });
    ToProto(s.previous_due, r->mutable_previous_due_time());
    MaybeTime(s.new_due, [&] { return r->mutable_new_due_time(); });
  }
  // `late` of an open consultation is judged at the wall clock: display only (the late worklist
  // asks the engine's clock).
  const absl::Time now = absl::Now();
  for (const auto& c : d.consultations) {
    auto* r = out->add_consultations();
    r->set_number(c.number);
    r->set_unit(c.unit);
    r->set_lead_unit(c.lead_unit);
    r->set_question(c.question);
    r->set_requested_by(c.requested_by);
    ToProto(c.requested_time, r->mutable_request_time());
    ToProto(c.due_time, r->mutable_due_time());
    r->set_answer(c.answer);
    r->set_answered_by(c.answered_by);
    MaybeTime(c.answered_time, [&] { return r->mutable_answer_time(); });
    r->set_agreed(c.agreed);
    r->set_late(c.Late(now));
  }
  for (const auto& at : d.attachments) {
    auto* p = out->add_attachments();
    p->set_component_code(at.component_code);
    p->set_file_name(at.file_name);
    p->set_sha256(at.sha256);
    p->set_size_bytes(at.size_bytes);
  }
  for (const auto& f : d.fees) {
    auto* p = out->add_fees();
    p->set_code(f.code);
    p->set_display_name(f.name);
    p->set_amount_vnd(f.amount_vnd);
  }
  MaybeTime(d.paid_time, [&] { return out->mutable_pay_time(); });
  MaybeTime(d.handling_end_time, [&] { return out->mutable_handling_end_time(); });
  MaybeTime(d.returned_time, [&] { return out->mutable_return_time(); });
  out->set_delivery(static_cast<v1::Dossier::Delivery>(d.delivery));
  out->set_decision_note(d.decision_note);
  out->set_timeliness(static_cast<v1::Dossier::Timeliness>(timeliness));
  out->set_etag(absl::StrCat(d.revision));
  out->set_holding_unit(DossierEngine::HoldingUnit(d));
  out->set_rating(static_cast<int32_t>(d.rating));
  out->set_held_by_node(d.held_by);
  // While another node holds the dossier (liên thông), nobody acts on it here.
  if (actor != nullptr && d.held_by.empty()) {
    const bool waiting_for_opinions = !dossier::OpenConsultationList(d).empty();
    for (auto action : workflow::AllowedActions(d.Facts(), *actor)) {
      if (action == workflow::Action::kApprove && waiting_for_opinions) continue;
      out->add_allowed_actions(std::string(workflow::ActionName(action)));
    }
    for (const std::string& action : dossier::ConsultationActions(d, *actor)) {
      out->add_allowed_actions(action);
    }
  }
}

void ToProto(const dossier::Event& e, v1::DossierEvent* out) {
  out->set_seq(e.seq);
  ToProto(e.time, out->mutable_time());
  out->set_actor(e.actor);
  out->set_role(std::string(workflow::RoleName(e.role)));
  out->set_unit(e.unit);
  out->set_action(e.action);
  out->set_action_display_name(dossier::EventActionDisplayName(e.action));
  out->set_state_after(static_cast<v1::Dossier::State>(e.status_after));
  out->set_reason(e.reason);
  out->set_prev_hash(e.prev_hash);
  out->set_hash(e.hash);
}

absl::StatusOr<std::string> DossierCodeFromName(absl::string_view name, absl::string_view field) {
  absl::string_view code = name;
  if (!absl::ConsumePrefix(&code, "dossiers/")) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", name, "\" is not dossiers/{code}"));
  }
  std::string upper = absl::AsciiStrToUpper(code);
  if (!dossier::IsWellFormedDossierCode(upper)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", code, "\" is not a dossier code"));
  }
  return upper;
}

std::vector<AttachmentUpload> UploadsFromProto(
    const google::protobuf::RepeatedPtrField<v1::Attachment>& attachments) {
  std::vector<AttachmentUpload> out;
  for (const auto& a : attachments) out.push_back({a.component_code(), a.file_name(), a.content()});
  return out;
}

absl::StatusOr<CreateInput> CreateInputFromProto(const v1::Dossier& d) {
  CreateInput in;
  absl::string_view procedure = d.procedure();
  if (!absl::ConsumePrefix(&procedure, "procedures/") || procedure.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("dossier.procedure: \"", d.procedure(), "\" is not procedures/{code}"));
  }
  in.procedure_code = std::string(procedure);
  switch (d.channel()) {
    case v1::CHANNEL_IN_PERSON:
      in.channel = dossier::Channel::kInPerson;
      break;
    case v1::CHANNEL_ONLINE:
      in.channel = dossier::Channel::kOnline;
      break;
    case v1::CHANNEL_POSTAL:
      in.channel = dossier::Channel::kPostal;
      break;
    default:
      return absl::InvalidArgumentError(
          "dossier.channel: must be CHANNEL_IN_PERSON, CHANNEL_ONLINE or CHANNEL_POSTAL");
  }
  in.applicant = {d.applicant().name(), d.applicant().id_number(), d.applicant().phone(),
                  d.applicant().email(), d.applicant().address()};
  in.summary = d.summary();
  in.receiving_unit = d.receiving_unit();
  in.competent_unit = d.competent_unit();
  in.support_unit = d.support_unit();
  in.attachments = UploadsFromProto(d.attachments());
  return in;
}

}  // namespace motcua::dossier_service
