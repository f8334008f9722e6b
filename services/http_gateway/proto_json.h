// File: services/http_gateway/proto_json.h
// The proto3 JSON mapping at the gateway's edge: request bodies into the gRPC request messages,
// response messages into JSON (lowerCamelCase names, primitive fields always printed, as
// `motcua --output json`), and URL query parameters into request fields by reflection.
// Errors are kInvalidArgument naming the body or the parameter. Thread-safe.
#ifndef MOTCUA_SERVICES_HTTP_GATEWAY_PROTO_JSON_H_
#define MOTCUA_SERVICES_HTTP_GATEWAY_PROTO_JSON_H_

#include <google/protobuf/message.h>

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace motcua::http_gateway {

// Parses `body` (an empty body reads as {}) into `message`; unknown fields are refused.
absl::Status ParseJson(absl::string_view body, google::protobuf::Message* message);

std::string ToJson(const google::protobuf::Message& message);

// Sets scalar, enum and google.protobuf.Timestamp (RFC 3339) fields of `message` from query
// parameters named as the fields (snake_case or lowerCamelCase). Repeated fields take every
// value; an unknown parameter is an error.
absl::Status FillFromQuery(const std::multimap<std::string, std::string>& params,
                           google::protobuf::Message* message);

}  // namespace motcua::http_gateway

#endif  // MOTCUA_SERVICES_HTTP_GATEWAY_PROTO_JSON_H_
