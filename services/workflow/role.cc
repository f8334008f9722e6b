#include "services/workflow/role.h"

namespace motcua::workflow {
namespace {

struct RoleNames {
  Role role;
  absl::string_view name;
  absl::string_view display;
};

constexpr RoleNames kRoles[] = {
    {Role::kCitizen, "citizen", "Công dân, tổ chức"},
    {Role::kClerk, "clerk", "Cán bộ tiếp nhận"},
    {Role::kSpecialist, "specialist", "Chuyên viên xử lý"},
    {Role::kLeader, "leader", "Lãnh đạo"},
    {Role::kClerical, "clerical", "Văn thư"},
    {Role::kAdmin, "admin", "Quản trị hệ thống"},
    {Role::kSync, "sync", "Đồng bộ Cổng DVCQG"},
};

}  // namespace

absl::string_view RoleName(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(absl::string_view name) {
  for (const auto& r : kRoles) {
    if (r.name == name) return r.role;
  }
  return std::nullopt;
}

absl::string_view RoleDisplayName(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.display;
  }
  return "";
}

}  // namespace motcua::workflow
