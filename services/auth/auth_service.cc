#include "services/auth/auth_service.h"

#include "services/grpc_util/status_conversion.h"

namespace motcua::auth {
namespace {

void ToProto(const storage::UserRecord& u, v1::User* out) {
  out->set_username(u.username);
  out->set_display_name(u.display_name);
  out->set_role(std::string(workflow::RoleName(u.role)));
  for (const auto& unit : u.units) out->add_units(unit);
  out->set_citizen_id(u.citizen_id);
}

}  // namespace

grpc::ServerUnaryReactor* AuthServiceImpl::Login(grpc::CallbackServerContext* ctx,
                                                 const v1::LoginRequest* req,
                                                 v1::LoginResponse* resp) {
  auto* reactor = ctx->DefaultReactor();
  auto session = auth_.Login(req->username(), req->password());
  if (session.ok()) {
    resp->set_token(session->token);
    resp->mutable_expire_time()->set_seconds(absl::ToUnixSeconds(session->expiry));
    ToProto(session->user, resp->mutable_user());
  }
  reactor->Finish(ToGrpcStatus(session.status()));
  return reactor;
}

grpc::ServerUnaryReactor* AuthServiceImpl::WhoAmI(grpc::CallbackServerContext* ctx,
                                                  const v1::WhoAmIRequest* req, v1::User* resp) {
  auto* reactor = ctx->DefaultReactor();
  auto actor = auth_.Authenticate(*ctx);
  absl::Status status = actor.status();
  if (actor.ok()) {
    auto user = auth_.UserOf(*actor);
    status = user.status();
    if (user.ok()) ToProto(*user, resp);
  }
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace motcua::auth
