// File: services/sync_service/sync_service.h
// motcua.v1.SyncService: the national-portal sync report (rate, lag, backlog per unit, dead
// letters) read from the node's outbox, and dead letters put back in the queue on demand. The
// sync job itself runs in motcua-sync or in motcuad (--portal-url). Admin and sync roles read;
// admins re-queue.
#ifndef MOTCUA_SERVICES_SYNC_SERVICE_SYNC_SERVICE_H_
#define MOTCUA_SERVICES_SYNC_SERVICE_SYNC_SERVICE_H_

#include "motcua/v1/sync_service.grpc.pb.h"
#include "services/auth/authenticator.h"
#include "services/common/clock.h"
#include "storage/store.h"

namespace motcua::sync_service {

class SyncServiceImpl final : public v1::SyncService::CallbackService {
 public:
  SyncServiceImpl(storage::Store& store, const auth::Authenticator& auth, const Clock& clock)
      : store_(store), auth_(auth), clock_(clock) {}

  grpc::ServerUnaryReactor* GetSyncReport(grpc::CallbackServerContext* ctx,
                                          const v1::GetSyncReportRequest* req,
                                          v1::SyncReport* resp) override;
  grpc::ServerUnaryReactor* RetryDeadLetters(grpc::CallbackServerContext* ctx,
                                             const v1::RetryDeadLettersRequest* req,
                                             v1::RetryDeadLettersResponse* resp) override;

 private:
  storage::Store& store_;
  const auth::Authenticator& auth_;
  const Clock& clock_;
};

}  // namespace motcua::sync_service

#endif  // MOTCUA_SERVICES_SYNC_SERVICE_SYNC_SERVICE_H_
