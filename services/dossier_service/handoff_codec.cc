#include "services/dossier_service/handoff_codec.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/dossier/dossier_code.h"

namespace motcua::dossier_service {
namespace {

using dossier::Dossier;
using v1::HandoffDossier;

int64_t Secs(absl::Time t) { return absl::ToUnixSeconds(t); }
int64_t Secs(const std::optional<absl::Time>& t) { return t ? absl::ToUnixSeconds(*t) : 0; }
std::optional<absl::Time> Opt(int64_t s) {
  if (s == 0) return std::nullopt;
  return absl::FromUnixSeconds(s);
}

void DossierToProto(const Dossier& d, HandoffDossier* p) {
  p->set_code(d.code);
  p->set_procedure_code(d.procedure_code);
  p->set_procedure_version(d.procedure_version);
  p->set_procedure_name(d.procedure_name);
  p->set_channel(static_cast<int>(d.channel));
  p->set_status(static_cast<int>(d.status));
  p->set_step(static_cast<int>(d.step));
  p->set_resume_step(static_cast<int>(d.resume_step));
  auto* a = p->mutable_applicant();
  a->set_name(d.applicant.name);
  a->set_id_number(d.applicant.id_number);
  a->set_phone(d.applicant.phone);
  a->set_email(d.applicant.email);
  a->set_address(d.applicant.address);
  p->set_summary(d.summary);
  p->set_submitted_by(d.submitted_by);
  p->set_receiving_unit(d.receiving_unit);
  p->set_competent_unit(d.competent_unit);
  p->set_support_unit(d.support_unit);
  p->set_submitted_time(Secs(d.submitted_time));
  p->set_received_time(Secs(d.received_time));
  p->set_transfer_time(Secs(d.transfer_time));
  p->set_due_time(Secs(d.due_time));
  p->set_original_due_time(Secs(d.original_due_time));
  p->set_scoring_due_time(Secs(d.scoring_due_time));
  p->set_calendar_version(d.calendar_version);
  p->set_extended(d.extended);
  p->set_extension_reason(d.extension_reason);
  p->set_assignee(d.assignee);
  for (const auto& s : d.supplements) {
    auto* o = p->add_supplements();
    o->set_round(s.round);
    o->set_requested_time(Secs(s.requested_time));
    o->set_requested_by(s.requested_by);
    o->set_content(s.content);
    o->set_requested_late(s.requested_late);
    o->set_completed_time(Secs(s.completed_time));
    o->set_previous_due(Secs(s.previous_due));
    o->set_new_due(Secs(s.new_due));
  }
  for (const auto& c : d.consultations) {
    auto* o = p->add_consultations();
    o->set_number(c.number);
    o->set_unit(c.unit);
    o->set_lead_unit(c.lead_unit);
    o->set_question(c.question);
    o->set_requested_by(c.requested_by);
    o->set_requested_time(Secs(c.requested_time));
    o->set_due_time(Secs(c.due_time));
    o->set_answer(c.answer);
    o->set_answered_by(c.answered_by);
    o->set_answered_time(Secs(c.answered_time));
    o->set_agreed(c.agreed);
  }
  for (const auto& at : d.attachments) {
    auto* o = p->add_attachments();
    o->set_component_code(at.component_code);
    o->set_file_name(at.file_name);
    o->set_sha256(at.sha256);
    o->set_size_bytes(at.size_bytes);
  }
  for (const auto& f : d.fees) {
    auto* o = p->add_fees();
    o->set_code(f.code);
    o->set_name(f.name);
    o->set_amount_vnd(f.amount_vnd);
  }
  p->set_paid_time(Secs(d.paid_time));
  p->set_handling_end_time(Secs(d.handling_end_time));
  p->set_returned_time(Secs(d.returned_time));
  p->set_delivery(static_cast<int>(d.delivery));
  p->set_decision_note(d.decision_note);
  p->set_request_id(d.request_id);
  p->set_revision(d.revision);
  p->set_rating(d.rating);
  p->set_home_node(d.home_node);
}

Dossier DossierFromProto(const HandoffDossier& p) {
  Dossier d;
  d.code = p.code();
  d.procedure_code = p.procedure_code();
  d.procedure_version = p.procedure_version();
  d.procedure_name = p.procedure_name();
  d.channel = static_cast<dossier::Channel>(p.channel());
  d.status = static_cast<workflow::Status>(p.status());
  d.step = static_cast<workflow::Step>(p.step());
  d.resume_step = static_cast<workflow::Step>(p.resume_step());
  d.applicant = {p.applicant().name(), p.applicant().id_number(), p.applicant().phone(),
                 p.applicant().email(), p.applicant().address()};
  d.summary = p.summary();
  d.submitted_by = p.submitted_by();
  d.receiving_unit = p.receiving_unit();
  d.competent_unit = p.competent_unit();
  d.support_unit = p.support_unit();
  d.submitted_time = absl::FromUnixSeconds(p.submitted_time());
  d.received_time = Opt(p.received_time());
  d.transfer_time = Opt(p.transfer_time());
  d.due_time = Opt(p.due_time());
  d.original_due_time = Opt(p.original_due_time());
  d.scoring_due_time = Opt(p.scoring_due_time());
  d.calendar_version = p.calendar_version();
  d.extended = p.extended();
  d.extension_reason = p.extension_reason();
  d.assignee = p.assignee();
  for (const auto& s : p.supplements()) {
    dossier::SupplementRound r;
    r.round = s.round();
    r.requested_time = absl::FromUnixSeconds(s.requested_time());
    r.requested_by = s.requested_by();
    r.content = s.content();
    r.requested_late = s.requested_late();
    r.completed_time = Opt(s.completed_time());
    r.previous_due = absl::FromUnixSeconds(s.previous_due());
    r.new_due = Opt(s.new_due());
    d.supplements.push_back(std::move(r));
  }
  for (const auto& c : p.consultations()) {
    dossier::Consultation o;
    o.number = c.number();
    o.unit = c.unit();
    o.lead_unit = c.lead_unit();
    o.question = c.question();
    o.requested_by = c.requested_by();
    o.requested_time = absl::FromUnixSeconds(c.requested_time());
    o.due_time = absl::FromUnixSeconds(c.due_time());
    o.answer = c.answer();
    o.answered_by = c.answered_by();
    o.answered_time = Opt(c.answered_time());
    o.agreed = c.agreed();
    d.consultations.push_back(std::move(o));
  }
  for (const auto& a : p.attachments()) {
    d.attachments.push_back({a.component_code(), a.file_name(), a.sha256(), a.size_bytes()});
  }
  for (const auto& f : p.fees()) d.fees.push_back({f.code(), f.name(), f.amount_vnd()});
  d.paid_time = Opt(p.paid_time());
  d.handling_end_time = Opt(p.handling_end_time());
  d.returned_time = Opt(p.returned_time());
  d.delivery = static_cast<dossier::Delivery>(p.delivery());
  d.decision_note = p.decision_note();
  d.request_id = p.request_id();
  d.revision = p.revision();
  d.rating = p.rating();
  d.home_node = p.home_node();
  return d;
}

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("handoff.", field, ": ", why));
}

bool IsStatus(int v) { return v >= 1 && v <= 10; }

}  // namespace

void ToProto(const dossier::Dossier& d, v1::HandoffDossier* out) { DossierToProto(d, out); }
dossier::Dossier FromProto(const v1::HandoffDossier& p) { return DossierFromProto(p); }

void ToProto(const HandoffMessage& m, v1::Handoff* out) {
  const storage::HandoffHeader& h = m.header;
  out->set_key(h.key);
  out->set_kind(static_cast<v1::Handoff::Kind>(h.kind));
  out->set_origin_node(h.origin_node);
  out->set_destination_node(h.destination_node);
  out->set_from_unit(h.from_unit);
  out->set_to_unit(h.to_unit);
  out->mutable_send_time()->set_seconds(Secs(h.send_time));
  out->mutable_deadline()->set_seconds(Secs(h.deadline));
  DossierToProto(m.dossier, out->mutable_dossier());
  for (const auto& e : m.events) {
    auto* o = out->mutable_dossier()->add_events();
    o->set_seq(e.seq);
    o->set_time(Secs(e.time));
    o->set_actor(e.actor);
    o->set_role(static_cast<int>(e.role));
    o->set_unit(e.unit);
    o->set_action(e.action);
    o->set_status_after(static_cast<int>(e.status_after));
    o->set_reason(e.reason);
    o->set_prev_hash(e.prev_hash);
    o->set_hash(e.hash);
  }
}

absl::StatusOr<HandoffMessage> FromProto(const v1::Handoff& h) {
  if (h.key().empty() || h.key().size() > 200) return Invalid("key", "is required");
  if (h.kind() != v1::Handoff::TRANSFER && h.kind() != v1::Handoff::RESULT) {
    return Invalid("kind", "must be TRANSFER or RESULT");
  }
  if (h.origin_node().empty()) return Invalid("origin_node", "is required");
  if (h.destination_node().empty()) return Invalid("destination_node", "is required");
  if (h.from_unit().empty()) return Invalid("from_unit", "is required");
  if (h.to_unit().empty()) return Invalid("to_unit", "is required");
  const HandoffDossier& p = h.dossier();
  if (!dossier::IsWellFormedDossierCode(p.code())) {
    return Invalid("dossier.code", absl::StrCat("\"", p.code(), "\" is not a dossier code"));
  }
  if (!IsStatus(p.status())) return Invalid("dossier.status", "is not a DVCQG status (1..10)");
  if (p.channel() < 1 || p.channel() > 3) return Invalid("dossier.channel", "is not 1..3");
  if (p.step() < 1 || p.step() > 6) return Invalid("dossier.step", "is not 1..6");
  if (p.resume_step() < 1 || p.resume_step() > 6) {
    return Invalid("dossier.resume_step", "is not 1..6");
  }
  if (p.delivery() < 0 || p.delivery() > 3) return Invalid("dossier.delivery", "is not 0..3");
  if (p.events().empty()) return Invalid("dossier.events", "a dossier has at least one event");
  HandoffMessage m;
  m.header.key = h.key();
  m.header.kind = static_cast<storage::HandoffKind>(h.kind());
  m.header.dossier_code = p.code();
  m.header.origin_node = h.origin_node();
  m.header.destination_node = h.destination_node();
  m.header.from_unit = h.from_unit();
  m.header.to_unit = h.to_unit();
  m.header.send_time = absl::FromUnixSeconds(h.send_time().seconds());
  m.header.deadline = absl::FromUnixSeconds(h.deadline().seconds());
  m.dossier = DossierFromProto(p);
  for (int i = 0; i < p.events_size(); ++i) {
    const auto& o = p.events(i);
    if (o.seq() != i + 1) {
      return Invalid(absl::StrCat("dossier.events[", i, "].seq"),
                     absl::StrCat("expected ", i + 1, ", got ", o.seq()));
    }
    if (!IsStatus(o.status_after())) {
      return Invalid(absl::StrCat("dossier.events[", i, "].status_after"), "is not 1..10");
    }
    if (o.role() < 1 || o.role() > 7) {
      return Invalid(absl::StrCat("dossier.events[", i, "].role"), "is not 1..7");
    }
    dossier::Event e;
    e.dossier_code = p.code();
    e.seq = o.seq();
    e.time = absl::FromUnixSeconds(o.time());
    e.actor = o.actor();
    e.role = static_cast<workflow::Role>(o.role());
    e.unit = o.unit();
    e.action = o.action();
    e.status_after = static_cast<workflow::Status>(o.status_after());
    e.reason = o.reason();
    e.prev_hash = o.prev_hash();
    e.hash = o.hash();
    m.events.push_back(std::move(e));
  }
  // The dossier is what its last event left it (the chain anchors its end).
  if (static_cast<int>(m.events.back().status_after) != p.status()) {
    return Invalid("dossier.status", "differs from the last event's status_after");
  }
  return m;
}

}  // namespace motcua::dossier_service
