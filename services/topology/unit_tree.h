// File: services/topology/unit_tree.h
// The administrative-unit hierarchy a node routes by, read from one or more editions of the unit
// files (data/demo/units-*.tsv: header `code name type parent_code [formed_from]`, where
// formed_from is "OLD:Name; OLD:Name (partial)" naming the units merged into this one).
// GSO codes are reused across editions: after Merge(), a code means its newest definition.
#ifndef MOTCUA_SERVICES_TOPOLOGY_UNIT_TREE_H_
#define MOTCUA_SERVICES_TOPOLOGY_UNIT_TREE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace motcua::topology {

class UnitTree {
 public:
  // kInvalidArgument "SOURCE:LINE: column FIELD: ..." for a bad or duplicate code, an empty name,
  // an unknown parent, a parent cycle or a malformed formed_from item.
  static absl::StatusOr<UnitTree> Parse(absl::string_view tsv, absl::string_view source_name);

  // Adds a later edition. Its units win for codes defined in both; units only this tree defines
  // keep their names and parents; its formed_from links each retired predecessor to its successor.
  void Merge(const UnitTree& newer);

  // True for a unit defined in a file, and for a predecessor named only in a formed_from column.
  bool Knows(absl::string_view unit) const;
  // The unit's name; empty when unknown.
  std::string Name(absl::string_view unit) const;
  // The parent unit; nullopt for a root (a province or an outside predecessor) or an unknown unit.
  std::optional<std::string> Parent(absl::string_view unit) const;
  // The unit that took over a retired unit (the first in file order when it was split); nullopt
  // for a unit whose code lives on. A code listed in its own formed_from lives on.
  std::optional<std::string> SuccessorOf(absl::string_view unit) const;
  // Successor → the predecessors its formed_from names, other than itself, in file order.
  const std::map<std::string, std::vector<std::string>>& MergedInto() const { return merged_into_; }

 private:
  struct Unit {
    std::string name;
    std::string parent;                   // empty for a root
    std::vector<std::string> successors;  // empty while the code lives on
    bool defined = false;                 // false: only named in a formed_from column
  };
  const Unit* Get(absl::string_view unit) const;

  std::map<std::string, Unit, std::less<>> units_;
  std::map<std::string, std::vector<std::string>> merged_into_;
};

}  // namespace motcua::topology

#endif  // MOTCUA_SERVICES_TOPOLOGY_UNIT_TREE_H_
