#include "services/grpc_util/page_token.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace motcua {
namespace {

// FNV-1a: a fingerprint, not a secret; tokens are not authorisation.
uint64_t Fingerprint(absl::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string EncodePageToken(absl::string_view filters, absl::string_view last_key) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("v1:", absl::Hex(Fingerprint(filters)), ":", last_key));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view filters) {
  if (token.empty()) return std::string();
  std::string raw;
  if (token.size() > 1024 || !absl::WebSafeBase64Unescape(token, &raw)) {
    return absl::InvalidArgumentError("page_token: not a token this server issued");
  }
  std::vector<std::string> parts = absl::StrSplit(raw, absl::MaxSplits(':', 2));
  if (parts.size() != 3 || parts[0] != "v1") {
    return absl::InvalidArgumentError("page_token: not a token this server issued");
  }
  if (parts[1] != absl::StrCat(absl::Hex(Fingerprint(filters)))) {
    return absl::InvalidArgumentError(
        "page_token: the request's filters differ from those of the first page");
  }
  return parts[2];
}

absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max_size) {
  if (requested < 0) return absl::InvalidArgumentError("page_size: must not be negative");
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

}  // namespace motcua
