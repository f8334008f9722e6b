// File: services/dossier_service/dossier_services.h
// The gRPC faces of the dossier engine: IntakeService, RoutingService and TrackingService.
// Thin: authenticate, convert, call the engine, finish. Writes finish from the writer thread
// after their commit, so no handler blocks on disk.
#ifndef MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_SERVICES_H_
#define MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_SERVICES_H_

#include "motcua/v1/intake_service.grpc.pb.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "motcua/v1/tracking_service.grpc.pb.h"
#include "services/auth/authenticator.h"
#include "services/dossier_service/dossier_engine.h"

namespace motcua::dossier_service {

class IntakeServiceImpl final : public v1::IntakeService::CallbackService {
 public:
  IntakeServiceImpl(DossierEngine& engine, const auth::Authenticator& auth)
      : engine_(engine), auth_(auth) {}
  grpc::ServerUnaryReactor* CreateDossier(grpc::CallbackServerContext* ctx,
                                          const v1::CreateDossierRequest* req,
                                          v1::CreateDossierResponse* resp) override;
  grpc::ServerUnaryReactor* GetDossier(grpc::CallbackServerContext* ctx,
                                       const v1::GetDossierRequest* req,
                                       v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* GetDossierStatus(grpc::CallbackServerContext* ctx,
                                             const v1::GetDossierStatusRequest* req,
                                             v1::DossierStatus* resp) override;
  grpc::ServerUnaryReactor* ExplainDueDate(grpc::CallbackServerContext* ctx,
                                           const v1::GetDossierStatusRequest* req,
                                           v1::DueDateExplanation* resp) override;
  grpc::ServerUnaryReactor* ListDossierEvents(grpc::CallbackServerContext* ctx,
                                              const v1::ListDossierEventsRequest* req,
                                              v1::ListDossierEventsResponse* resp) override;
  grpc::ServerUnaryReactor* VerifyEventChains(grpc::CallbackServerContext* ctx,
                                              const v1::VerifyEventChainsRequest* req,
                                              v1::VerifyEventChainsResponse* resp) override;

 private:
  DossierEngine& engine_;
  const auth::Authenticator& auth_;
};

class RoutingServiceImpl final : public v1::RoutingService::CallbackService {
 public:
  RoutingServiceImpl(DossierEngine& engine, const auth::Authenticator& auth)
      : engine_(engine), auth_(auth) {}
  grpc::ServerUnaryReactor* AcceptDossier(grpc::CallbackServerContext* ctx,
                                          const v1::DossierActionRequest* req,
                                          v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* RefuseDossier(grpc::CallbackServerContext* ctx,
                                          const v1::DossierActionRequest* req,
                                          v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* AssignDossier(grpc::CallbackServerContext* ctx,
                                          const v1::AssignDossierRequest* req,
                                          v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* RequestSupplement(grpc::CallbackServerContext* ctx,
                                              const v1::RequestSupplementRequest* req,
                                              v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* SubmitSupplement(grpc::CallbackServerContext* ctx,
                                             const v1::SubmitSupplementRequest* req,
                                             v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* RequestPayment(grpc::CallbackServerContext* ctx,
                                           const v1::RequestPaymentRequest* req,
                                           v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* RecordPayment(grpc::CallbackServerContext* ctx,
                                          const v1::DossierActionRequest* req,
                                          v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* ExtendDossier(grpc::CallbackServerContext* ctx,
                                          const v1::ExtendDossierRequest* req,
                                          v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* ApproveDossier(grpc::CallbackServerContext* ctx,
                                           const v1::DossierActionRequest* req,
                                           v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* IssueResult(grpc::CallbackServerContext* ctx,
                                        const v1::DossierActionRequest* req,
                                        v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* ReturnResult(grpc::CallbackServerContext* ctx,
                                         const v1::ReturnResultRequest* req,
                                         v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* WithdrawDossier(grpc::CallbackServerContext* ctx,
                                            const v1::DossierActionRequest* req,
                                            v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* StopDossier(grpc::CallbackServerContext* ctx,
                                        const v1::DossierActionRequest* req,
                                        v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* RefuseAfterAppraisal(grpc::CallbackServerContext* ctx,
                                                 const v1::DossierActionRequest* req,
                                                 v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* RequestConsultation(grpc::CallbackServerContext* ctx,
                                                const v1::RequestConsultationRequest* req,
                                                v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* ReorganiseUnits(grpc::CallbackServerContext* ctx,
                                            const v1::ReorganiseUnitsRequest* req,
                                            v1::ReorganiseUnitsResponse* resp) override;
  grpc::ServerUnaryReactor* AnswerConsultation(grpc::CallbackServerContext* ctx,
                                               const v1::AnswerConsultationRequest* req,
                                               v1::Dossier* resp) override;

 private:
  // Authenticates, fills `input.code` from `name`, runs the action and finishes the call.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* ctx, const std::string& name,
                                ActionInput input, v1::Dossier* resp);
  // Finishes the call with the dossier an engine write returns.
  std::function<void(absl::StatusOr<dossier::Dossier>)> Reply(grpc::ServerUnaryReactor* reactor,
                                                              workflow::Actor who,
                                                              v1::Dossier* resp);
  DossierEngine& engine_;
  const auth::Authenticator& auth_;
};

class TrackingServiceImpl final : public v1::TrackingService::CallbackService {
 public:
  TrackingServiceImpl(DossierEngine& engine, const auth::Authenticator& auth)
      : engine_(engine), auth_(auth) {}
  grpc::ServerUnaryReactor* ListWorklist(grpc::CallbackServerContext* ctx,
                                         const v1::ListWorklistRequest* req,
                                         v1::ListWorklistResponse* resp) override;
  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* ctx,
                                      const v1::GetReportRequest* req, v1::Report* resp) override;
  grpc::ServerUnaryReactor* ListHandoffs(grpc::CallbackServerContext* ctx,
                                         const v1::ListHandoffsRequest* req,
                                         v1::ListHandoffsResponse* resp) override;

 private:
  DossierEngine& engine_;
  const auth::Authenticator& auth_;
};

}  // namespace motcua::dossier_service

#endif  // MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_SERVICES_H_
