// File: services/auth/auth_service.h
// motcua.v1.AuthService: password sign-in and "who am I".
#ifndef MOTCUA_SERVICES_AUTH_AUTH_SERVICE_H_
#define MOTCUA_SERVICES_AUTH_AUTH_SERVICE_H_

#include "motcua/v1/auth_service.grpc.pb.h"
#include "services/auth/authenticator.h"

namespace motcua::auth {

class AuthServiceImpl final : public v1::AuthService::CallbackService {
 public:
  explicit AuthServiceImpl(const Authenticator& auth) : auth_(auth) {}
  grpc::ServerUnaryReactor* Login(grpc::CallbackServerContext* ctx, const v1::LoginRequest* req,
                                  v1::LoginResponse* resp) override;
  grpc::ServerUnaryReactor* WhoAmI(grpc::CallbackServerContext* ctx,
                                   const v1::WhoAmIRequest* req, v1::User* resp) override;

 private:
  const Authenticator& auth_;
};

}  // namespace motcua::auth

#endif  // MOTCUA_SERVICES_AUTH_AUTH_SERVICE_H_
