#include "services/dossier_service/dossier_services.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/dossier_service/dossier_handler.h"
#include "services/dossier_service/dossier_proto.h"
#include "services/grpc_util/page_token.h"
#include "services/grpc_util/status_conversion.h"

namespace motcua::dossier_service {
namespace {

using workflow::Action;

}  // namespace

// ---- IntakeService ----

grpc::ServerUnaryReactor* IntakeServiceImpl::CreateDossier(grpc::CallbackServerContext* ctx,
                                                           const v1::CreateDossierRequest* req,
                                                           v1::CreateDossierResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto input = CreateInputFromProto(req->dossier());
  if (!input.ok()) return FinishNow(ctx, input.status());
  input->request_id = req->request_id();
  input->refusal_reason = req->refusal_reason();
  auto* reactor = ctx->DefaultReactor();
  workflow::Actor who = *actor;
  engine_.Create(
      who, *std::move(input), [this, reactor, resp, who](absl::StatusOr<CreateOutcome> out) {
        if (out.ok()) {
          resp->set_outcome(static_cast<v1::CreateDossierResponse::Outcome>(out->kind));
          if (out->dossier) {
            ToProto(*out->dossier, engine_.Classify(*out->dossier), &who, resp->mutable_dossier());
          }
          resp->set_form_text(out->form_text);
          for (const auto& [code, name] : out->missing) {
            resp->add_missing_components(absl::StrCat(code, ": ", name));
          }
        }
        reactor->Finish(ToGrpcStatus(out.status()));
      });
  return reactor;
}

grpc::ServerUnaryReactor* IntakeServiceImpl::GetDossier(grpc::CallbackServerContext* ctx,
                                                        const v1::GetDossierRequest* req,
                                                        v1::Dossier* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto code = DossierCodeFromName(req->name(), "name");
  if (!code.ok()) return FinishNow(ctx, code.status());
  auto d = engine_.Get(*actor, *code);
  if (d.ok()) ToProto(*d, engine_.Classify(*d), &*actor, resp);
  return FinishNow(ctx, d.status());
}

grpc::ServerUnaryReactor* IntakeServiceImpl::GetDossierStatus(
    grpc::CallbackServerContext* ctx, const v1::GetDossierStatusRequest* req,
    v1::DossierStatus* resp) {
  auto code = DossierCodeFromName(req->name(), "name");
  if (!code.ok()) return FinishNow(ctx, code.status());
  auto d = engine_.GetPublic(*code);
  if (d.ok()) {
    resp->set_name(absl::StrCat("dossiers/", d->code));
    resp->set_procedure_display_name(d->procedure_name);
    resp->set_state(static_cast<v1::Dossier::State>(d->status));
    resp->set_state_display_name(std::string(workflow::StatusDisplayName(d->status)));
    if (d->received_time) ToProto(*d->received_time, resp->mutable_receive_time());
    if (d->due_time) ToProto(*d->due_time, resp->mutable_due_time());
    resp->set_holding_unit(DossierEngine::HoldingUnit(*d));
    resp->set_timeliness(static_cast<v1::Dossier::Timeliness>(engine_.Classify(*d)));
  }
  return FinishNow(ctx, d.status());
}

grpc::ServerUnaryReactor* IntakeServiceImpl::ExplainDueDate(grpc::CallbackServerContext* ctx,
                                                            const v1::GetDossierStatusRequest* req,
                                                            v1::DueDateExplanation* resp) {
  auto code = DossierCodeFromName(req->name(), "name");
  if (!code.ok()) return FinishNow(ctx, code.status());
  auto text = engine_.ExplainDueDate(*code);
  if (text.ok()) {
    resp->set_name(absl::StrCat("dossiers/", *code));
    for (absl::string_view line : absl::StrSplit(*text, '\n', absl::SkipEmpty())) {
      resp->add_lines(std::string(line));
    }
    auto d = engine_.GetPublic(*code);
    if (d.ok() && d->due_time) ToProto(*d->due_time, resp->mutable_due_time());
  }
  return FinishNow(ctx, text.status());
}

grpc::ServerUnaryReactor* IntakeServiceImpl::ListDossierEvents(
    grpc::CallbackServerContext* ctx, const v1::ListDossierEventsRequest* req,
    v1::ListDossierEventsResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto code = DossierCodeFromName(req->parent(), "parent");
  if (!code.ok()) return FinishNow(ctx, code.status());
  bool valid = false;
  auto events = engine_.History(*actor, *code, &valid);
  if (events.ok()) {
    for (const auto& e : *events) ToProto(e, resp->add_events());
    resp->set_chain_valid(valid);
  }
  return FinishNow(ctx, events.status());
}

grpc::ServerUnaryReactor* IntakeServiceImpl::VerifyEventChains(
    grpc::CallbackServerContext* ctx, const v1::VerifyEventChainsRequest* req,
    v1::VerifyEventChainsResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto report = engine_.Verify(*actor);
  if (report.ok()) {
    resp->set_dossiers(report->dossiers);
    resp->set_events(report->events);
    resp->set_valid(!report->broken_code.has_value());
    if (report->broken_code) {
      resp->set_broken_dossier(*report->broken_code);
      resp->set_broken_seq(report->broken_seq);
      resp->set_problem(report->problem);
    }
  }
  return FinishNow(ctx, report.status());
}

// ---- RoutingService ----

grpc::ServerUnaryReactor* RoutingServiceImpl::Run(grpc::CallbackServerContext* ctx,
                                                  const std::string& name, ActionInput input,
                                                  v1::Dossier* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto code = DossierCodeFromName(name, "name");
  if (!code.ok()) return FinishNow(ctx, code.status());
  input.code = *code;
  auto* reactor = ctx->DefaultReactor();
  engine_.Act(*actor, std::move(input), Reply(reactor, *actor, resp));
  return reactor;
}

std::function<void(absl::StatusOr<dossier::Dossier>)> RoutingServiceImpl::Reply(
    grpc::ServerUnaryReactor* reactor, workflow::Actor who, v1::Dossier* resp) {
  return [this, reactor, resp, who = std::move(who)](absl::StatusOr<dossier::Dossier> d) {
    if (d.ok()) ToProto(*d, engine_.Classify(*d), &who, resp);
    reactor->Finish(ToGrpcStatus(d.status()));
  };
}

grpc::ServerUnaryReactor* RoutingServiceImpl::RequestConsultation(
    grpc::CallbackServerContext* ctx, const v1::RequestConsultationRequest* req,
    v1::Dossier* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto code = DossierCodeFromName(req->name(), "name");
  if (!code.ok()) return FinishNow(ctx, code.status());
  DossierEngine::ConsultInput in;
  in.code = *code;
  in.lead_unit = req->lead_unit();
  for (const auto& a : req->asks()) {
    dossier::ConsultationAsk ask;
    ask.unit = a.unit();
    ask.working_hours = a.working_hours();
    if (a.has_due_time()) ask.due_time = FromProto(a.due_time());
    ask.question = a.question();
    in.asks.push_back(std::move(ask));
  }
  auto* reactor = ctx->DefaultReactor();
  engine_.Consult(*actor, std::move(in), Reply(reactor, *actor, resp));
  return reactor;
}

grpc::ServerUnaryReactor* RoutingServiceImpl::AnswerConsultation(
    grpc::CallbackServerContext* ctx, const v1::AnswerConsultationRequest* req, v1::Dossier* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto code = DossierCodeFromName(req->name(), "name");
  if (!code.ok()) return FinishNow(ctx, code.status());
  DossierEngine::ConsultationReply reply;
  reply.code = *code;
  reply.number = req->number();
  reply.answer = req->answer();
  reply.agreed = req->agreed();
  auto* reactor = ctx->DefaultReactor();
  engine_.AnswerConsultation(*actor, std::move(reply), Reply(reactor, *actor, resp));
  return reactor;
}

grpc::ServerUnaryReactor* RoutingServiceImpl::ReorganiseUnits(grpc::CallbackServerContext* ctx,
                                                              const v1::ReorganiseUnitsRequest* req,
                                                              v1::ReorganiseUnitsResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto* reactor = ctx->DefaultReactor();
  const bool apply = req->apply();
  engine_.Reorganise(
      *actor, req->division(), apply,
      [reactor, resp, apply](absl::StatusOr<std::vector<DossierEngine::Rehomed>> result) {
        if (result.ok()) {
          resp->set_applied(apply);
          for (const auto& r : *result) {
            auto* o = resp->add_dossiers();
            o->set_dossier(absl::StrCat("dossiers/", r.code));
            for (const auto& m : r.moves) o->add_moves(m);
            o->set_skipped_reason(r.skipped);
          }
        }
        reactor->Finish(ToGrpcStatus(result.status()));
      });
  return reactor;
}

#define MOTCUA_SIMPLE_ACTION(Method, ActionValue)                                                 \
  grpc::ServerUnaryReactor* RoutingServiceImpl::Method(                                           \
      grpc::CallbackServerContext* ctx, const v1::DossierActionRequest* req, v1::Dossier* resp) { \
    ActionInput in;                                                                               \
    in.action = ActionValue;                                                                      \
    in.reason = req->reason();                                                                    \
    in.etag = req->etag();                                                                        \
    return Run(ctx, req->name(), std::move(in), resp);                                            \
  }

MOTCUA_SIMPLE_ACTION(AcceptDossier, Action::kAccept)
MOTCUA_SIMPLE_ACTION(RefuseDossier, Action::kRefuse)
MOTCUA_SIMPLE_ACTION(RecordPayment, Action::kPay)
MOTCUA_SIMPLE_ACTION(ApproveDossier, Action::kApprove)
MOTCUA_SIMPLE_ACTION(IssueResult, Action::kIssue)
MOTCUA_SIMPLE_ACTION(WithdrawDossier, Action::kWithdraw)
MOTCUA_SIMPLE_ACTION(StopDossier, Action::kStop)
MOTCUA_SIMPLE_ACTION(RefuseAfterAppraisal, Action::kRefuseAfterAppraisal)

#undef MOTCUA_SIMPLE_ACTION

grpc::ServerUnaryReactor* RoutingServiceImpl::AssignDossier(grpc::CallbackServerContext* ctx,
                                                            const v1::AssignDossierRequest* req,
                                                            v1::Dossier* resp) {
  ActionInput in;
  in.action = Action::kAssign;
  in.assignee = req->assignee();
  in.reason = req->reason();
  in.etag = req->etag();
  return Run(ctx, req->name(), std::move(in), resp);
}

grpc::ServerUnaryReactor* RoutingServiceImpl::RequestSupplement(
    grpc::CallbackServerContext* ctx, const v1::RequestSupplementRequest* req, v1::Dossier* resp) {
  ActionInput in;
  in.action = Action::kRequestSupplement;
  in.supplement_content = req->content();
  in.etag = req->etag();
  return Run(ctx, req->name(), std::move(in), resp);
}

grpc::ServerUnaryReactor* RoutingServiceImpl::SubmitSupplement(
    grpc::CallbackServerContext* ctx, const v1::SubmitSupplementRequest* req, v1::Dossier* resp) {
  ActionInput in;
  in.action = Action::kSupplement;
  in.attachments = UploadsFromProto(req->attachments());
  in.reason = req->reason();
  in.etag = req->etag();
  return Run(ctx, req->name(), std::move(in), resp);
}

grpc::ServerUnaryReactor* RoutingServiceImpl::RequestPayment(grpc::CallbackServerContext* ctx,
                                                             const v1::RequestPaymentRequest* req,
                                                             v1::Dossier* resp) {
  ActionInput in;
  in.action = Action::kRequestPayment;
  for (const auto& f : req->fees()) in.fees.push_back({f.code(), f.display_name(), f.amount_vnd()});
  in.reason = req->reason();
  in.etag = req->etag();
  return Run(ctx, req->name(), std::move(in), resp);
}

grpc::ServerUnaryReactor* RoutingServiceImpl::ExtendDossier(grpc::CallbackServerContext* ctx,
                                                            const v1::ExtendDossierRequest* req,
                                                            v1::Dossier* resp) {
  ActionInput in;
  in.action = Action::kExtend;
  if (req->has_new_due_time()) in.new_due = FromProto(req->new_due_time());
  in.reason = req->reason();
  in.etag = req->etag();
  return Run(ctx, req->name(), std::move(in), resp);
}

grpc::ServerUnaryReactor* RoutingServiceImpl::ReturnResult(grpc::CallbackServerContext* ctx,
                                                           const v1::ReturnResultRequest* req,
                                                           v1::Dossier* resp) {
  ActionInput in;
  in.action = Action::kReturn;
  // Who is asking comes before what is asked (an unauthenticated call learns nothing).
  if (auto actor = auth_.Authenticate(*ctx); !actor.ok()) return FinishNow(ctx, actor.status());
  if (!v1::Dossier::Delivery_IsValid(req->delivery())) {
    return FinishNow(ctx, absl::InvalidArgumentError("delivery: unknown value"));
  }
  in.delivery = static_cast<dossier::Delivery>(req->delivery());
  in.reason = req->reason();
  in.etag = req->etag();
  return Run(ctx, req->name(), std::move(in), resp);
}

// ---- TrackingService ----

grpc::ServerUnaryReactor* TrackingServiceImpl::ListWorklist(grpc::CallbackServerContext* ctx,
                                                            const v1::ListWorklistRequest* req,
                                                            v1::ListWorklistResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto out = dossier_service::ListWorklist(engine_, *actor, *req);
  if (out.ok()) *resp = *std::move(out);
  return FinishNow(ctx, out.status());
}

grpc::ServerUnaryReactor* TrackingServiceImpl::GetReport(grpc::CallbackServerContext* ctx,
                                                         const v1::GetReportRequest* req,
                                                         v1::Report* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto out = dossier_service::GetReport(engine_, *actor, *req);
  if (out.ok()) *resp = *std::move(out);
  return FinishNow(ctx, out.status());
}

grpc::ServerUnaryReactor* TrackingServiceImpl::ListHandoffs(grpc::CallbackServerContext* ctx,
                                                            const v1::ListHandoffsRequest* req,
                                                            v1::ListHandoffsResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  std::string code;
  if (!req->dossier().empty()) {
    auto c = DossierCodeFromName(req->dossier(), "dossier");
    if (!c.ok()) return FinishNow(ctx, c.status());
    code = *c;
  }
  if (req->page_size() < 0 || req->page_size() > 1000) {
    return FinishNow(ctx, absl::InvalidArgumentError("page_size: must be 0..1000"));
  }
  const int limit = req->page_size() == 0 ? 50 : req->page_size();
  auto records = engine_.Handoffs(*actor, code, req->late_only() ? 1000 : limit);
  if (!records.ok()) return FinishNow(ctx, records.status());
  const absl::Time now = engine_.clock().Now();
  for (auto it = records->rbegin(); it != records->rend(); ++it) {
    const storage::HandoffRecord& r = *it;
    const bool late = r.Late(now);
    if (req->late_only() && !late) continue;
    if (resp->handoffs_size() >= limit) break;
    auto* o = resp->add_handoffs();
    o->set_key(r.header.key);
    o->set_kind(r.header.kind == storage::HandoffKind::kTransfer ? "TRANSFER" : "RESULT");
    o->set_dossier(absl::StrCat("dossiers/", r.header.dossier_code));
    o->set_direction(r.outgoing ? "OUTGOING" : "INCOMING");
    o->set_origin_node(r.header.origin_node);
    o->set_destination_node(r.header.destination_node);
    o->set_peer_node(r.next_hop);
    o->set_from_unit(r.header.from_unit);
    o->set_to_unit(r.header.to_unit);
    ToProto(r.header.send_time, o->mutable_send_time());
    ToProto(r.header.deadline, o->mutable_deadline());
    if (r.receive_time) ToProto(*r.receive_time, o->mutable_receive_time());
    o->set_late(late);
    o->set_attempts(r.attempts);
    o->set_last_error(r.last_error);
  }
  return FinishNow(ctx, absl::OkStatus());
}

}  // namespace motcua::dossier_service
