// File: services/workflow/role.h
// Who acts on a dossier. The roles of DOMAIN.md §2.1 as the system knows them; values match
// motcua.v1.Role.
#ifndef MOTCUA_SERVICES_WORKFLOW_ROLE_H_
#define MOTCUA_SERVICES_WORKFLOW_ROLE_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace motcua::workflow {

enum class Role {
  kCitizen = 1,     // người nộp / chủ hồ sơ
  kClerk = 2,       // cán bộ tiếp nhận tại Bộ phận Một cửa
  kSpecialist = 3,  // chuyên viên xử lý
  kLeader = 4,      // lãnh đạo cơ quan có thẩm quyền
  kClerical = 5,    // văn thư
  kAdmin = 6,       // quản trị hệ thống
  kSync = 7,        // the national-portal sync job
};

// "citizen", "clerk", ...
absl::string_view RoleName(Role role);
std::optional<Role> ParseRole(absl::string_view name);
// Vietnamese: "Công dân", "Cán bộ tiếp nhận", ...
absl::string_view RoleDisplayName(Role role);

}  // namespace motcua::workflow

#endif  // MOTCUA_SERVICES_WORKFLOW_ROLE_H_
