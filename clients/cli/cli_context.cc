#include "clients/cli/cli_context.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>

#include "google/protobuf/util/json_util.h"

namespace motcua::cli {

std::shared_ptr<grpc::Channel> CliContext::Channel() {
  if (!channel_) channel_ = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  return channel_;
}

void CliContext::Prepare(grpc::ClientContext* call) const {
  call->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  if (!token.empty()) call->AddMetadata("authorization", "Bearer " + token);
}

void CliContext::PrintJson(const google::protobuf::Message& message) const {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    *err << "motcua: cannot render JSON: " << status.ToString() << "\n";
    return;
  }
  *out << json;
  if (json.empty() || json.back() != '\n') *out << "\n";
}

int CliContext::ReportRpcError(const grpc::Status& status) const {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    *err << "motcua: cannot reach the node at " << server << ": " << status.error_message()
         << "\n(is motcuad running? pass --server HOST:PORT or set MOTCUA_SERVER)\n";
    return kExitUnreachable;
  }
  static const char* kNames[] = {"OK",
                                 "CANCELLED",
                                 "UNKNOWN",
                                 "INVALID_ARGUMENT",
                                 "DEADLINE_EXCEEDED",
                                 "NOT_FOUND",
                                 "ALREADY_EXISTS",
                                 "PERMISSION_DENIED",
                                 "RESOURCE_EXHAUSTED",
                                 "FAILED_PRECONDITION",
                                 "ABORTED",
                                 "OUT_OF_RANGE",
                                 "UNIMPLEMENTED",
                                 "INTERNAL",
                                 "UNAVAILABLE",
                                 "DATA_LOSS",
                                 "UNAUTHENTICATED"};
  int code = static_cast<int>(status.error_code());
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    *err << "motcua: UNAUTHENTICATED: " << status.error_message()
         << "\n(sign in with: motcua login USERNAME)\n";
    return kExitFailure;
  }
  *err << "motcua: " << (code >= 0 && code <= 16 ? kNames[code] : "ERROR") << ": "
       << status.error_message() << "\n";
  return kExitFailure;
}

int CliContext::UsageError(const std::string& message) const {
  *err << "motcua: " << message << "\n";
  return kExitUsage;
}

}  // namespace motcua::cli
