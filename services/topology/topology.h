// File: services/topology/topology.h
// Which motcua node serves which administrative unit, and how nodes reach each other. Nodes form
// one tree by `parent`; a message between two nodes travels along that tree.
//
// File format (deploy/topology/*.tsv; UTF-8, tab-separated, '#' starts a comment line):
//   node<TAB>address<TAB>parent<TAB>units          (header, required)
//   district-227<TAB>127.0.0.1:7512<TAB>province<TAB>227
// node is [a-z0-9-]{1,40}; address is host:port; parent is a node, empty for the one root;
// units are comma-separated codes the node serves explicitly. Any other unit is served by the
// node of its nearest ancestor (see NodeForUnit).
#ifndef MOTCUA_SERVICES_TOPOLOGY_TOPOLOGY_H_
#define MOTCUA_SERVICES_TOPOLOGY_TOPOLOGY_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/topology/unit_tree.h"

namespace motcua::topology {

struct NodeInfo {
  std::string id;
  std::string address;             // host:port
  std::string parent;              // empty for the root
  std::vector<std::string> units;  // served explicitly, in file order
};

class Topology {
 public:
  // kInvalidArgument "SOURCE:LINE: column FIELD: ..." for a bad or duplicate node id, a bad
  // address, an unknown parent, a second root, no root, a parent cycle, a unit `units` does not
  // know, or a unit listed by two nodes.
  static absl::StatusOr<Topology> Parse(absl::string_view text, absl::string_view source_name,
                                        UnitTree units);

  // The node, or null.
  const NodeInfo* Find(absl::string_view node_id) const;
  // In file order.
  const std::vector<NodeInfo>& nodes() const { return nodes_; }
  const UnitTree& units() const { return units_; }

  // The node listing `unit`, else the node of its nearest ancestor. A retired unit (one with a
  // successor) uses its own ancestors only below the one it shares with its successor, then
  // resolves as its successor: under the 2025 topology a merged 2024 commune goes to its ward's
  // node, not to the province. Null when no node serves the unit or the unit is unknown.
  const NodeInfo* NodeForUnit(absl::string_view unit) const;
  // NodeForUnit(unit) is the node `node_id`.
  bool Serves(absl::string_view node_id, absl::string_view unit) const;

  // The neighbour of `from` on the tree path to `to`: the child of `from` above `to` when `to`
  // lies below `from`, else the parent of `from`. kNotFound for an unknown node, kInvalidArgument
  // when from == to.
  absl::StatusOr<std::string> NextHop(absl::string_view from, absl::string_view to) const;
  // One node is the other's parent.
  bool AreNeighbours(absl::string_view a, absl::string_view b) const;

  // For `cluster status`: one line per node in tree order, with its address, parent and number
  // of units served explicitly.
  std::string Describe() const;

 private:
  const NodeInfo* ExplicitNode(absl::string_view unit) const;

  UnitTree units_;
  std::vector<NodeInfo> nodes_;
  std::map<std::string, size_t, std::less<>> node_index_;  // id → index in nodes_
  std::map<std::string, size_t, std::less<>> unit_index_;  // unit → index in nodes_
};

}  // namespace motcua::topology

#endif  // MOTCUA_SERVICES_TOPOLOGY_TOPOLOGY_H_
