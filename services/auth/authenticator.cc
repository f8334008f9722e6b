#include "services/auth/authenticator.h"

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "services/auth/password.h"
#include "services/common/status_macros.h"

namespace motcua::auth {

absl::StatusOr<std::optional<workflow::Actor>> Authenticator::MaybeAuthenticate(
    const grpc::ServerContextBase& ctx) const {
  const auto& metadata = ctx.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return std::optional<workflow::Actor>();
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::ConsumePrefix(&value, "Bearer ")) {
    return absl::UnauthenticatedError("authorization: expected \"Bearer TOKEN\"");
  }
  MOTCUA_ASSIGN_OR_RETURN(workflow::Actor actor, VerifyToken(value));
  return std::optional<workflow::Actor>(std::move(actor));
}

absl::StatusOr<workflow::Actor> Authenticator::Authenticate(
    const grpc::ServerContextBase& ctx) const {
  MOTCUA_ASSIGN_OR_RETURN(std::optional<workflow::Actor> actor, MaybeAuthenticate(ctx));
  if (!actor) {
    return absl::UnauthenticatedError(
        "this call needs a signed-in user: sign in with \"motcua login\" (authorization: Bearer "
        "TOKEN)");
  }
  return *std::move(actor);
}

absl::StatusOr<workflow::Actor> Authenticator::VerifyToken(absl::string_view token) const {
  return signer_.Verify(token, clock_.Now());
}

absl::StatusOr<Authenticator::Session> Authenticator::Login(absl::string_view username,
                                                            absl::string_view password) const {
  const auto denied = absl::UnauthenticatedError("username or password is wrong");
  if (username.empty() || username.size() > 128 || password.size() > 1024) return denied;
  absl::StatusOr<storage::UserRecord> user;
  {
    auto db = store_.Read();
    user = storage::GetUser(*db, username);
  }
  if (!user.ok()) {
    if (absl::IsNotFound(user.status())) {
      // Spend the same time as a real check so that timing does not reveal usernames.
      VerifyPassword(password, HashPassword("x", kDefaultIterations));
      return denied;
    }
    return user.status();
  }
  if (!VerifyPassword(password, {user->password_salt, user->password_hash, user->iterations})) {
    return denied;
  }
  workflow::Actor actor{user->username, user->role, user->units, user->citizen_id};
  Session session;
  session.expiry = clock_.Now() + kTokenLifetime;
  session.token = signer_.Sign(actor, session.expiry);
  session.user = *std::move(user);
  return session;
}

absl::StatusOr<storage::UserRecord> Authenticator::UserOf(const workflow::Actor& actor) const {
  auto db = store_.Read();
  return storage::GetUser(*db, actor.username);
}

absl::Status SeedDemoUsers(storage::Store& store) {
  struct Demo {
    std::string username;
    std::string display;
    workflow::Role role;
    std::vector<std::string> units;
    std::string citizen_id;
  };
  std::vector<Demo> demo;
  const std::pair<const char*, const char*> units[] = {
      {"25", "Tỉnh Phú Thọ"}, {"07900", "Phường Việt Trì"}, {"04924", "Xã Lương Sơn"}};
  const std::pair<workflow::Role, const char*> roles[] = {
      {workflow::Role::kClerk, "Cán bộ tiếp nhận"},
      {workflow::Role::kSpecialist, "Chuyên viên"},
      {workflow::Role::kLeader, "Lãnh đạo"},
      {workflow::Role::kClerical, "Văn thư"}};
  for (const auto& [code, unit_name] : units) {
    for (const auto& [role, role_name] : roles) {
      demo.push_back({absl::StrCat(workflow::RoleName(role), ".", code),
                      absl::StrCat(role_name, " ", unit_name), role, {code}, ""});
    }
  }
  demo.push_back({"admin", "Quản trị hệ thống", workflow::Role::kAdmin, {}, ""});
  demo.push_back({"sync", "Đồng bộ DVCQG", workflow::Role::kSync, {}, ""});
  demo.push_back({"citizen.an", "Nguyễn Văn An", workflow::Role::kCitizen, {}, "025090000001"});
  demo.push_back({"citizen.binh", "Trần Thị Bình", workflow::Role::kCitizen, {}, "025090000002"});
  // Hash outside the writer: PBKDF2 is deliberately slow and must not hold up other writes.
  // The demo users share one published password, so one hash (and salt) serves them all.
  std::vector<storage::UserRecord> records;
  std::optional<PasswordHash> demo_hash;
  {
    auto db = store.Read();
    for (const auto& d : demo) {
      auto existing = storage::GetUser(*db, d.username);
      if (existing.ok()) continue;
      if (!absl::IsNotFound(existing.status())) return existing.status();
      if (!demo_hash) demo_hash = HashPassword("motcua-demo");
      const PasswordHash& h = *demo_hash;
      records.push_back({d.username, d.display, d.role, d.units, d.citizen_id, h.salt_hex,
                         h.hash_hex, h.iterations});
    }
  }
  if (records.empty()) return absl::OkStatus();
  return store.writer().Write([&](storage::Database& db) -> absl::Status {
    for (const auto& r : records) MOTCUA_RETURN_IF_ERROR(storage::PutUser(db, r));
    return absl::OkStatus();
  });
}

}  // namespace motcua::auth
