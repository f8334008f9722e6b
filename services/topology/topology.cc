#include "services/topology/topology.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/status_macros.h"
#include "services/common/tsv_reader.h"
#include "services/topology/parent_cycle.h"

namespace motcua::topology {
namespace {

// Parent and successor links lead to higher or later units, so resolving ends long before this;
// the bound only guards against trees merged in the wrong order.
constexpr int kMaxResolveSteps = 64;

bool IsNodeId(absl::string_view id) {
  return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
  });
}

// host:port with a port in 1..65535; an IPv6 host is bracketed ("[::1]:7511").
bool IsAddress(absl::string_view address) {
  size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos) return false;
  absl::string_view host = address.substr(0, colon);
  absl::string_view port = address.substr(colon + 1);
  if (host.empty() || std::any_of(host.begin(), host.end(), absl::ascii_isspace)) return false;
  if (host.find(':') != absl::string_view::npos && (host.front() != '[' || host.back() != ']')) {
    return false;
  }
  int port_number = 0;
  return !port.empty() && port.size() <= 5 && absl::ascii_isdigit(port.front()) &&
         absl::SimpleAtoi(port, &port_number) && port_number >= 1 && port_number <= 65535;
}

bool IsAncestorOrSelf(const UnitTree& units, absl::string_view ancestor, absl::string_view unit) {
  for (std::optional<std::string> u = std::string(unit); u; u = units.Parent(*u)) {
    if (*u == ancestor) return true;
  }
  return false;
}

std::string Field(const TsvRow& row, absl::string_view column) {
  return std::string(absl::StripAsciiWhitespace(row.Get(column)));
}

}  // namespace

absl::StatusOr<Topology> Topology::Parse(absl::string_view text, absl::string_view source_name,
                                         UnitTree units) {
  MOTCUA_ASSIGN_OR_RETURN(TsvTable table, TsvTable::Parse(text, std::string(source_name),
                                                          {"node", "address", "parent", "units"}));
  Topology topology;
  topology.units_ = std::move(units);
  std::vector<const TsvRow*> rows;  // parallel to nodes_
  std::map<std::string, std::string, std::less<>> parent_of;
  for (const TsvRow& row : table.rows()) {
    NodeInfo node{Field(row, "node"), Field(row, "address"), Field(row, "parent"), {}};
    if (!IsNodeId(node.id)) {
      return row.Error("node",
                       absl::StrCat("\"", node.id, "\" is not a node id ([a-z0-9-]{1,40})"));
    }
    auto [first, added] = topology.node_index_.emplace(node.id, rows.size());
    if (!added) {
      return row.Error("node", absl::StrCat("node ", node.id, " appears twice (first at line ",
                                            rows[first->second]->line(), ")"));
    }
    if (!IsAddress(node.address)) {
      return row.Error("address", absl::StrCat("\"", node.address, "\" is not host:port"));
    }
    for (absl::string_view item : absl::StrSplit(row.Get("units"), ',', absl::SkipWhitespace())) {
      std::string unit(absl::StripAsciiWhitespace(item));
      if (!topology.units_.Knows(unit)) {
        return row.Error("units", absl::StrCat("unit \"", unit, "\" is not in the unit files"));
      }
      auto [owner, fresh] = topology.unit_index_.emplace(unit, rows.size());
      if (!fresh) {
        if (owner->second == rows.size()) {
          return row.Error("units", absl::StrCat("unit ", unit, " is listed twice"));
        }
        return row.Error("units", absl::StrCat("unit ", unit, " is already served by node ",
                                               topology.nodes_[owner->second].id, " (line ",
                                               rows[owner->second]->line(), ")"));
      }
      node.units.push_back(std::move(unit));
    }
    parent_of[node.id] = node.parent;
    topology.nodes_.push_back(std::move(node));
    rows.push_back(&row);
  }
  if (rows.empty()) return absl::InvalidArgumentError(absl::StrCat(source_name, ": no nodes"));

  const NodeInfo* root = nullptr;
  for (size_t i = 0; i < rows.size(); ++i) {
    const NodeInfo& node = topology.nodes_[i];
    if (node.parent.empty()) {
      if (root != nullptr) {
        return rows[i]->Error("parent", absl::StrCat("node ", node.id, " is a second root (",
                                                     root->id, " has no parent either)"));
      }
      root = &node;
    } else if (!topology.node_index_.contains(node.parent)) {
      return rows[i]->Error(
          "parent", absl::StrCat("node ", node.id, " has unknown parent \"", node.parent, "\""));
    }
  }
  if (root == nullptr) {
    return rows.front()->Error("parent", "no root: every node names a parent");
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string& id = topology.nodes_[i].id;
    if (std::optional<std::string> cycle = CycleThrough(id, parent_of)) {
      return rows[i]->Error("parent", absl::StrCat("node ", id, " is its own ancestor: ", *cycle));
    }
  }
  return topology;
}

const NodeInfo* Topology::Find(absl::string_view node_id) const {
  auto it = node_index_.find(node_id);
  return it == node_index_.end() ? nullptr : &nodes_[it->second];
}

const NodeInfo* Topology::ExplicitNode(absl::string_view unit) const {
  auto it = unit_index_.find(unit);
  return it == unit_index_.end() ? nullptr : &nodes_[it->second];
}

const NodeInfo* Topology::NodeForUnit(absl::string_view unit) const {
  std::string current(unit);
  for (int step = 0; step < kMaxResolveSteps && units_.Knows(current); ++step) {
    if (const NodeInfo* node = ExplicitNode(current)) return node;
    if (std::optional<std::string> successor = units_.SuccessorOf(current)) {
      // Old ancestors the successor does not share still serve it (a 2024 district node).
      for (std::optional<std::string> a = units_.Parent(current);
           a && !IsAncestorOrSelf(units_, *a, *successor); a = units_.Parent(*a)) {
        if (const NodeInfo* node = ExplicitNode(*a)) return node;
      }
      current = *std::move(successor);
      continue;
    }
    std::optional<std::string> parent = units_.Parent(current);
    if (!parent) return nullptr;
    current = *std::move(parent);
  }
  return nullptr;
}

bool Topology::Serves(absl::string_view node_id, absl::string_view unit) const {
  const NodeInfo* node = NodeForUnit(unit);
  return node != nullptr && node->id == node_id;
}

absl::StatusOr<std::string> Topology::NextHop(absl::string_view from, absl::string_view to) const {
  const NodeInfo* source = Find(from);
  if (source == nullptr) return absl::NotFoundError(absl::StrCat("unknown node \"", from, "\""));
  const NodeInfo* target = Find(to);
  if (target == nullptr) return absl::NotFoundError(absl::StrCat("unknown node \"", to, "\""));
  if (from == to)
    return absl::InvalidArgumentError(absl::StrCat("no hop from ", from, " to itself"));
  for (const NodeInfo* n = target; !n->parent.empty(); n = Find(n->parent)) {
    if (n->parent == from) return n->id;  // `to` lies below `from`
  }
  return source->parent;  // not empty: the root is above every other node
}

bool Topology::AreNeighbours(absl::string_view a, absl::string_view b) const {
  const NodeInfo* x = Find(a);
  const NodeInfo* y = Find(b);
  return x != nullptr && y != nullptr && (x->parent == y->id || y->parent == x->id);
}

std::string Topology::Describe() const {
  // Depth-first from the root, children in file order.
  std::vector<std::pair<const NodeInfo*, int>> order;  // node, depth
  std::vector<std::pair<const NodeInfo*, int>> stack;
  for (const NodeInfo& n : nodes_) {
    if (n.parent.empty()) stack.emplace_back(&n, 0);
  }
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    order.emplace_back(node, depth);
    for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
      if (it->parent == node->id) stack.emplace_back(&*it, depth + 1);
    }
  }
  auto parent_label = [](const NodeInfo& node) {
    return node.parent.empty() ? std::string("root") : "parent " + node.parent;
  };
  int id_width = 0;
  int address_width = 0;
  int parent_width = 0;
  for (const auto& [node, depth] : order) {
    id_width = std::max(id_width, static_cast<int>(2 * depth + node->id.size()));
    address_width = std::max(address_width, static_cast<int>(node->address.size()));
    parent_width = std::max(parent_width, static_cast<int>(parent_label(*node).size()));
  }
  std::string out = absl::StrFormat("%d nodes, root %s\n", nodes_.size(),
                                    order.empty() ? "-" : order.front().first->id);
  for (const auto& [node, depth] : order) {
    absl::StrAppendFormat(&out, "%-*s  %-*s  %-*s  %d unit%s\n", id_width,
                          std::string(2 * depth, ' ') + node->id, address_width, node->address,
                          parent_width, parent_label(*node), node->units.size(),
                          node->units.size() == 1 ? "" : "s");
  }
  return out;
}

}  // namespace motcua::topology
