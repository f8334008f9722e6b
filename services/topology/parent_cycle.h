// File: services/topology/parent_cycle.h
// Finds cycles in a child → parent map, for the parsers of unit and node files.
#ifndef MOTCUA_SERVICES_TOPOLOGY_PARENT_CYCLE_H_
#define MOTCUA_SERVICES_TOPOLOGY_PARENT_CYCLE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace motcua::topology {

// "a → b → a" when `start` is its own ancestor in `parent_of` (an empty or missing parent ends a
// chain); nullopt otherwise, also when `start` only leads into a cycle it is not part of.
std::optional<std::string> CycleThrough(
    absl::string_view start, const std::map<std::string, std::string, std::less<>>& parent_of);

}  // namespace motcua::topology

#endif  // MOTCUA_SERVICES_TOPOLOGY_PARENT_CYCLE_H_
