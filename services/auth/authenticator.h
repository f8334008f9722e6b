// File: services/auth/authenticator.h
// Who is calling: reads "authorization: Bearer TOKEN" from the call's metadata and verifies the
// token; signs in users by password. Thread-safe.
#ifndef MOTCUA_SERVICES_AUTH_AUTHENTICATOR_H_
#define MOTCUA_SERVICES_AUTH_AUTHENTICATOR_H_

#include <grpcpp/server_context.h>

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/auth/token_signer.h"
#include "services/common/clock.h"
#include "storage/store.h"
#include "storage/user_store.h"

namespace motcua::auth {

inline constexpr absl::Duration kTokenLifetime = absl::Hours(12);

class Authenticator {
 public:
  Authenticator(TokenSigner signer, storage::Store& store, const Clock& clock)
      : signer_(std::move(signer)), store_(store), clock_(clock) {}

  // kUnauthenticated when the call has no valid token.
  absl::StatusOr<workflow::Actor> Authenticate(const grpc::ServerContextBase& ctx) const;
  // nullopt when the call carries no token at all; an error when it carries a bad one.
  absl::StatusOr<std::optional<workflow::Actor>> MaybeAuthenticate(
      const grpc::ServerContextBase& ctx) const;
  absl::StatusOr<workflow::Actor> VerifyToken(absl::string_view token) const;

  struct Session {
    std::string token;
    absl::Time expiry;
    storage::UserRecord user;
  };
  // kUnauthenticated for an unknown user or a wrong password (the same message for both).
  absl::StatusOr<Session> Login(absl::string_view username, absl::string_view password) const;
  // The stored user behind `actor`.
  absl::StatusOr<storage::UserRecord> UserOf(const workflow::Actor& actor) const;

 private:
  TokenSigner signer_;
  storage::Store& store_;
  const Clock& clock_;
};

// Creates the demo users (one per role for the province 25, the ward 07900 and the commune
// 04924 of the 2025 division; admin; sync; two citizens), all with the password "motcua-demo".
// Users that exist are left alone.
absl::Status SeedDemoUsers(storage::Store& store);

}  // namespace motcua::auth

#endif  // MOTCUA_SERVICES_AUTH_AUTHENTICATOR_H_
