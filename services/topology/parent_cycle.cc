#include "services/topology/parent_cycle.h"

#include <set>
#include <vector>

#include "absl/strings/str_join.h"

namespace motcua::topology {

std::optional<std::string> CycleThrough(
    absl::string_view start, const std::map<std::string, std::string, std::less<>>& parent_of) {
  std::vector<std::string> path = {std::string(start)};
  std::set<std::string, std::less<>> seen = {std::string(start)};
  while (true) {
    auto it = parent_of.find(path.back());
    if (it == parent_of.end() || it->second.empty()) return std::nullopt;
    const std::string& parent = it->second;
    if (parent == start) {
      path.push_back(parent);
      return absl::StrJoin(path, " → ");
    }
    if (!seen.insert(parent).second) return std::nullopt;  // a cycle above `start`
    path.push_back(parent);
  }
}

}  // namespace motcua::topology
