#include "services/topology/unit_tree.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/status_macros.h"
#include "services/common/tsv_reader.h"
#include "services/topology/parent_cycle.h"

namespace motcua::topology {
namespace {

bool IsCode(absl::string_view code) {
  return !code.empty() && code.size() <= 10 &&
         std::all_of(code.begin(), code.end(), [](char c) { return absl::ascii_isdigit(c); });
}

}  // namespace

absl::StatusOr<UnitTree> UnitTree::Parse(absl::string_view tsv, absl::string_view source_name) {
  MOTCUA_ASSIGN_OR_RETURN(TsvTable table, TsvTable::Parse(tsv, std::string(source_name),
                                                          {"code", "name", "parent_code"}));
  UnitTree tree;
  std::map<std::string, const TsvRow*, std::less<>> row_of;
  std::map<std::string, std::string, std::less<>> parent_of;
  for (const TsvRow& row : table.rows()) {
    std::string code(absl::StripAsciiWhitespace(row.Get("code")));
    if (!IsCode(code))
      return row.Error("code", absl::StrCat("\"", code, "\" is not a code of digits"));
    auto [first, added] = row_of.emplace(code, &row);
    if (!added) {
      return row.Error("code", absl::StrCat("unit ", code, " appears twice (first at line ",
                                            first->second->line(), ")"));
    }
    Unit& unit = tree.units_[code];
    unit.name = std::string(absl::StripAsciiWhitespace(row.Get("name")));
    if (unit.name.empty()) return row.Error("name", absl::StrCat("unit ", code, " has no name"));
    unit.parent = std::string(absl::StripAsciiWhitespace(row.Get("parent_code")));
    unit.defined = true;
    parent_of[code] = unit.parent;
  }
  // Errors in file order; the first unit of a cycle reports it.
  for (const TsvRow& row : table.rows()) {
    std::string code(absl::StripAsciiWhitespace(row.Get("code")));
    const std::string& parent = parent_of[code];
    if (!parent.empty() && !row_of.contains(parent)) {
      return row.Error("parent_code",
                       absl::StrCat("unit ", code, " has unknown parent \"", parent, "\""));
    }
  }
  for (const TsvRow& row : table.rows()) {
    absl::string_view code = absl::StripAsciiWhitespace(row.Get("code"));
    if (std::optional<std::string> cycle = CycleThrough(code, parent_of)) {
      return row.Error("parent_code",
                       absl::StrCat("unit ", code, " is its own ancestor: ", *cycle));
    }
  }
  for (const TsvRow& row : table.rows()) {
    std::string code(absl::StripAsciiWhitespace(row.Get("code")));
    for (absl::string_view item :
         absl::StrSplit(row.Get("formed_from"), ';', absl::SkipWhitespace())) {
      std::pair<absl::string_view, absl::string_view> code_name =
          absl::StrSplit(absl::StripAsciiWhitespace(item), absl::MaxSplits(':', 1));
      std::string old(absl::StripAsciiWhitespace(code_name.first));
      absl::string_view name = absl::StripAsciiWhitespace(code_name.second);
      absl::ConsumeSuffix(&name, " (partial)");
      if (!IsCode(old) || name.empty()) {
        return row.Error("formed_from", absl::StrCat("\"", absl::StripAsciiWhitespace(item),
                                                     "\" is not CODE:Name"));
      }
      if (old == code) continue;
      tree.merged_into_[code].push_back(old);
      if (row_of.contains(old)) continue;  // also defined in this edition: the code lives on
      Unit& predecessor = tree.units_[old];
      if (predecessor.name.empty()) predecessor.name = std::string(name);
      predecessor.successors.push_back(code);
    }
  }
  return tree;
}

void UnitTree::Merge(const UnitTree& newer) {
  for (const auto& [code, unit] : newer.units_) {
    auto [mine, added] = units_.emplace(code, unit);
    if (added) continue;
    if (unit.defined) {
      mine->second = unit;  // the newest definition of a reused code wins
    } else {
      mine->second.successors = unit.successors;  // retired by `newer`: keep name and parent
    }
  }
  for (const auto& [successor, predecessors] : newer.merged_into_) {
    merged_into_[successor] = predecessors;
  }
}

const UnitTree::Unit* UnitTree::Get(absl::string_view unit) const {
  auto it = units_.find(unit);
  return it == units_.end() ? nullptr : &it->second;
}

bool UnitTree::Knows(absl::string_view unit) const { return Get(unit) != nullptr; }

std::string UnitTree::Name(absl::string_view unit) const {
  const Unit* u = Get(unit);
  return u == nullptr ? std::string() : u->name;
}

std::optional<std::string> UnitTree::Parent(absl::string_view unit) const {
  const Unit* u = Get(unit);
  if (u == nullptr || u->parent.empty()) return std::nullopt;
  return u->parent;
}

std::optional<std::string> UnitTree::SuccessorOf(absl::string_view unit) const {
  const Unit* u = Get(unit);
  if (u == nullptr || u->successors.empty()) return std::nullopt;
  return u->successors.front();
}

}  // namespace motcua::topology
