// File: services/grpc_util/page_token.h
// Opaque page tokens for List methods (AIP-158): the last key returned plus a fingerprint of the
// request's filters, so a token used with other filters is refused with kInvalidArgument.
#ifndef MOTCUA_SERVICES_GRPC_UTIL_PAGE_TOKEN_H_
#define MOTCUA_SERVICES_GRPC_UTIL_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace motcua {

std::string EncodePageToken(absl::string_view filters, absl::string_view last_key);
// Returns the last key; an empty token gives an empty key.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view filters);

// Page size per AIP-158: 0 → `default_size`, above `max_size` → `max_size`, negative → error.
absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max_size);

}  // namespace motcua

#endif  // MOTCUA_SERVICES_GRPC_UTIL_PAGE_TOKEN_H_
