// File: services/dossier_service/dossier_handler.h
// The tracking reads that the gRPC TrackingService and the HTTP/JSON gateway both serve, over
// the engine and the motcua.v1 messages, free of gRPC and HTTP: one place decides views, page
// tokens and the report's fields.
#ifndef MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_HANDLER_H_
#define MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_HANDLER_H_

#include "absl/status/statusor.h"
#include "motcua/v1/tracking_service.pb.h"
#include "services/dossier_service/dossier_engine.h"

namespace motcua::dossier_service {

// A worklist page: the view (MINE by default), a page size (default 50, at most 500) and a page
// token bound to the view and the caller. kInvalidArgument naming the field.
absl::StatusOr<v1::ListWorklistResponse> ListWorklist(DossierEngine& engine,
                                                      const workflow::Actor& actor,
                                                      const v1::ListWorklistRequest& req);

// One unit's report over [start_time, end_time); both are required.
absl::StatusOr<v1::Report> GetReport(DossierEngine& engine, const workflow::Actor& actor,
                                     const v1::GetReportRequest& req);

}  // namespace motcua::dossier_service

#endif  // MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_HANDLER_H_
