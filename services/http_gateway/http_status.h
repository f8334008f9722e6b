// File: services/http_gateway/http_status.h
// The one place that maps an absl::Status to an HTTP response: the status code (AIP-193's table:
// INVALID_ARGUMENT → 400, UNAUTHENTICATED → 401, PERMISSION_DENIED → 403, NOT_FOUND → 404, ...),
// the field at fault (the "field: why" prefix of motcua's messages), and a message in Vietnamese
// for people. Two codes need more than the canonical code: RESOURCE_EXHAUSTED on the field
// "body" is 413 (payload too large), any other RESOURCE_EXHAUSTED is 429 (rate limit).
// Pure and thread-safe. No other file of the gateway chooses an HTTP status for an error.
#ifndef MOTCUA_SERVICES_HTTP_GATEWAY_HTTP_STATUS_H_
#define MOTCUA_SERVICES_HTTP_GATEWAY_HTTP_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace motcua::http_gateway {

struct HttpError {
  int http_code = 500;
  std::string status;      // canonical name, "INVALID_ARGUMENT"
  std::string message;     // the node's message (English, names the field)
  std::string message_vi;  // for people
  std::string field;       // "dossier.applicant.id_number", or empty
};

// 200 for OK; otherwise the HTTP status of `code` (RESOURCE_EXHAUSTED → 429).
int HttpStatusCode(absl::StatusCode code);

// The field named by a "field: why" message, or empty when the message names none.
std::string FieldOf(absl::string_view message);

// The Vietnamese label of a field ("dossier.applicant.id_number" → "Số định danh cá nhân
// (CCCD)"); indices are ignored. Empty when unknown.
std::string FieldLabelVi(absl::string_view field);

// Everything a response needs for a non-OK `status` (an OK status gives http_code 200).
HttpError ToHttpError(const absl::Status& status);

// {"error": {"code": 400, "status": "...", "message": "...", "message_vi": "...", "field": "..."}}
std::string HttpErrorJson(const HttpError& error);

// Errors the gateway itself raises, so that they go through ToHttpError like every other.
absl::Status PayloadTooLargeError(size_t max_bytes);  // → 413
absl::Status RateLimitedError();                      // → 429

}  // namespace motcua::http_gateway

#endif  // MOTCUA_SERVICES_HTTP_GATEWAY_HTTP_STATUS_H_
