// File: services/grpc_util/status_conversion.h
// The one place that maps between absl::Status and grpc::Status. The codes correspond one to one.
#ifndef MOTCUA_SERVICES_GRPC_UTIL_STATUS_CONVERSION_H_
#define MOTCUA_SERVICES_GRPC_UTIL_STATUS_CONVERSION_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace motcua {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);
// For a callback-API handler that answers at once: finishes the call with `status`.
grpc::ServerUnaryReactor* FinishNow(grpc::CallbackServerContext* ctx, const absl::Status& status);

}  // namespace motcua

#endif  // MOTCUA_SERVICES_GRPC_UTIL_STATUS_CONVERSION_H_
