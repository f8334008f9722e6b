// File: services/catalog_service/catalog_service.h
// motcua.v1.CatalogService over the store: validates requests, reads through the read pool and
// converts to protos. Holds no business rule. Thread-safe.
#ifndef MOTCUA_SERVICES_CATALOG_SERVICE_CATALOG_SERVICE_H_
#define MOTCUA_SERVICES_CATALOG_SERVICE_CATALOG_SERVICE_H_

#include "motcua/v1/catalog_service.grpc.pb.h"
#include "services/common/clock.h"
#include "storage/store.h"

namespace motcua::catalog_service {

// The request-handling logic, callable without gRPC (the HTTP gateway and tests use it too).
class CatalogHandler {
 public:
  CatalogHandler(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  absl::Status GetProcedure(const v1::GetProcedureRequest& req, v1::Procedure* resp);
  absl::Status ListProcedures(const v1::ListProceduresRequest& req,
                              v1::ListProceduresResponse* resp);
  absl::Status ListDivisions(const v1::ListDivisionsRequest& req,
                             v1::ListDivisionsResponse* resp);
  absl::Status GetUnit(const v1::GetUnitRequest& req, v1::AdministrativeUnit* resp);
  absl::Status ListUnits(const v1::ListUnitsRequest& req, v1::ListUnitsResponse* resp);

 private:
  storage::Store& store_;
  const Clock& clock_;
};

class CatalogServiceImpl final : public v1::CatalogService::CallbackService {
 public:
  CatalogServiceImpl(storage::Store& store, const Clock& clock) : handler_(store, clock) {}

  grpc::ServerUnaryReactor* GetProcedure(grpc::CallbackServerContext* ctx,
                                         const v1::GetProcedureRequest* req,
                                         v1::Procedure* resp) override;
  grpc::ServerUnaryReactor* ListProcedures(grpc::CallbackServerContext* ctx,
                                           const v1::ListProceduresRequest* req,
                                           v1::ListProceduresResponse* resp) override;
  grpc::ServerUnaryReactor* ListDivisions(grpc::CallbackServerContext* ctx,
                                          const v1::ListDivisionsRequest* req,
                                          v1::ListDivisionsResponse* resp) override;
  grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* ctx,
                                    const v1::GetUnitRequest* req,
                                    v1::AdministrativeUnit* resp) override;
  grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* ctx,
                                      const v1::ListUnitsRequest* req,
                                      v1::ListUnitsResponse* resp) override;

 private:
  CatalogHandler handler_;
};

}  // namespace motcua::catalog_service

#endif  // MOTCUA_SERVICES_CATALOG_SERVICE_CATALOG_SERVICE_H_
