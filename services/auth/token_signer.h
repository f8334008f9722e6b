// File: services/auth/token_signer.h
// Bearer tokens the node signs itself: base64url(payload) "." base64url(HMAC-SHA256(key,
// payload)), where the payload holds the username, role, units, citizen id and expiry. The key
// is 32 random bytes in DATA_DIR/token.key (mode 0600), created on first start. Verify()
// rejects a bad signature, a malformed token and an expired one with kUnauthenticated.
// Thread-safe.
#ifndef MOTCUA_SERVICES_AUTH_TOKEN_SIGNER_H_
#define MOTCUA_SERVICES_AUTH_TOKEN_SIGNER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/workflow/transitions.h"

namespace motcua::auth {

class TokenSigner {
 public:
  static absl::StatusOr<TokenSigner> LoadOrCreate(const std::string& data_dir);
  explicit TokenSigner(std::string key) : key_(std::move(key)) {}

  std::string Sign(const workflow::Actor& actor, absl::Time expiry) const;
  absl::StatusOr<workflow::Actor> Verify(absl::string_view token, absl::Time now) const;

 private:
  std::string Mac(absl::string_view payload) const;
  std::string key_;
};

}  // namespace motcua::auth

#endif  // MOTCUA_SERVICES_AUTH_TOKEN_SIGNER_H_
