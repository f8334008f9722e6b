// The shipped Phú Thọ topologies (deploy/topology/) against the demo unit files (data/demo/).
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/topology/topology.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"

namespace motcua::topology {
namespace {

using ::testing::IsEmpty;

std::string ReadRepoFile(const std::string& path) {
  std::ifstream in(::motcua::testing::SourceDir() + "/" + path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr char k2024[] = "data/demo/units-2024.tsv";
constexpr char k2025[] = "data/demo/units-2025.tsv";

// The unit files parsed and merged, oldest first.
UnitTree Units(std::initializer_list<const char*> paths) {
  UnitTree tree;
  for (const char* path : paths) {
    absl::StatusOr<UnitTree> edition = UnitTree::Parse(ReadRepoFile(path), path);
    EXPECT_OK(edition.status());
    if (edition.ok()) tree.Merge(*edition);
  }
  return tree;
}

Topology Load(const std::string& path, UnitTree units) {
  absl::StatusOr<Topology> topology = Topology::Parse(ReadRepoFile(path), path, std::move(units));
  EXPECT_OK(topology.status());
  return *std::move(topology);
}

std::string NodeOf(const Topology& topology, absl::string_view unit) {
  const NodeInfo* node = topology.NodeForUnit(unit);
  return node == nullptr ? "(none)" : node->id;
}

struct UnitCase {
  const char* unit;
  const char* node;
};

void ExpectNodes(const Topology& topology, std::initializer_list<UnitCase> cases) {
  for (const UnitCase& c : cases) {
    EXPECT_EQ(NodeOf(topology, c.unit), c.node) << c.unit << " " << topology.units().Name(c.unit);
  }
}

// NextHop from each node of `path` toward its last node is the next node of `path`.
void ExpectRoute(const Topology& topology, std::initializer_list<const char*> path) {
  std::vector<std::string> nodes(path.begin(), path.end());
  for (size_t i = 0; i + 1 < nodes.size(); ++i) {
    absl::StatusOr<std::string> hop = topology.NextHop(nodes[i], nodes.back());
    ASSERT_OK(hop.status());
    EXPECT_EQ(*hop, nodes[i + 1]) << nodes[i] << " → " << nodes.back();
    EXPECT_TRUE(topology.AreNeighbours(nodes[i], nodes[i + 1]));
  }
}

// Every unit of the 2024 file resolves to some node.
std::vector<std::string> Unserved(const Topology& topology) {
  std::vector<std::string> unserved;
  std::istringstream lines(ReadRepoFile("data/demo/units-2024.tsv"));
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    std::string code = line.substr(0, line.find('\t'));
    if (topology.NodeForUnit(code) == nullptr) unserved.push_back(code);
  }
  return unserved;
}

TEST(PhuThoTopology2024, CommunesGoToTheirOwnNodeOrTheirDistrictsNode) {
  Topology topology = Load("deploy/topology/phutho-2024.tsv", Units({k2024}));
  EXPECT_EQ(topology.nodes().size(), 5u);
  ExpectNodes(topology, {
                            {"07900", "commune-07900"},  // Phường Gia Cẩm, listed
                            {"07894", "commune-07894"},  // Phường Nông Trang, listed
                            {"07888", "district-227"},   // Phường Dữu Lâu, Việt Trì
                            {"227", "district-227"},
                            {"07969", "district-230"},  // Thị trấn Đoan Hùng
                            {"08053", "province"},      // Thị trấn Hạ Hoà, no district node
                            {"231", "province"},
                            {"25", "province"},
                            {"99999", "(none)"},
                        });
  EXPECT_THAT(Unserved(topology), IsEmpty());
}

TEST(PhuThoTopology2024, RoutesUpAndDownTheTiers) {
  Topology topology = Load("deploy/topology/phutho-2024.tsv", Units({k2024}));
  ExpectRoute(topology, {"commune-07900", "district-227", "province"});
  ExpectRoute(topology, {"province", "district-227", "commune-07900"});
  ExpectRoute(topology, {"commune-07894", "district-227", "province", "district-230"});
  ExpectRoute(topology, {"commune-07900", "district-227", "commune-07894"});
  EXPECT_FALSE(topology.AreNeighbours("commune-07900", "province"));
}

TEST(PhuThoTopology2024, WithThe2025UnitsLoadedOldCommunesStayWithTheirDistrict) {
  Topology topology = Load("deploy/topology/phutho-2024.tsv", Units({k2024, k2025}));
  ExpectNodes(topology, {
                            {"07888", "district-227"},  // merged into 07900, not served there yet
                            {"07930", "district-227"},
                            {"07900", "commune-07900"},
                            {"07975", "district-230"},  // Xã Hùng Xuyên
                            // A reused code means its newest unit: 07969 is Thị trấn Đoan Hùng in
                            // 2024 but Xã Đoan Hùng under the province in 2025.
                            {"07969", "province"},
                        });
}

TEST(PhuThoTopology2025, MergedCommunesGoToTheirWardsNode) {
  Topology topology = Load("deploy/topology/phutho-2025.tsv", Units({k2024, k2025}));
  EXPECT_EQ(topology.nodes().size(), 3u);
  ExpectNodes(topology, {
                            {"07900", "commune-07900"},  // Phường Việt Trì, listed
                            {"07888", "commune-07900"},  // Phường Dữu Lâu (2024), merged into it
                            {"07930", "commune-07900"},  // Xã Trưng Vương (2024), merged into it
                            {"07894", "commune-07894"},  // Phường Nông Trang, listed
                            {"07924", "commune-07894"},  // Xã Thụy Vân (2024), merged into it
                            {"07909", "province"},       // Phường Thanh Miếu, not listed
                            {"07903", "province"},       // Phường Tiên Cát (2024) → 07909
                            {"227", "province"},         // the abolished city
                            {"07969", "province"},
                            {"25", "province"},
                        });
  EXPECT_TRUE(topology.Serves("commune-07900", "07888"));
  EXPECT_FALSE(topology.Serves("province", "07888"));
  EXPECT_THAT(Unserved(topology), IsEmpty());
}

TEST(PhuThoTopology2025, RoutesBetweenTwoTiers) {
  Topology topology = Load("deploy/topology/phutho-2025.tsv", Units({k2024, k2025}));
  ExpectRoute(topology, {"commune-07900", "province"});
  ExpectRoute(topology, {"province", "commune-07894"});
  ExpectRoute(topology, {"commune-07900", "province", "commune-07894"});
}

TEST(PhuThoTopology, CommuneNodesKeepTheirAddressesAcrossTheReform) {
  Topology before = Load("deploy/topology/phutho-2024.tsv", Units({k2024}));
  Topology after = Load("deploy/topology/phutho-2025.tsv", Units({k2024, k2025}));
  for (const NodeInfo& node : after.nodes()) {
    const NodeInfo* old = before.Find(node.id);
    ASSERT_NE(old, nullptr) << node.id;
    EXPECT_EQ(old->address, node.address) << node.id;
  }
  EXPECT_EQ(before.Find("province")->address, "127.0.0.1:7511");
  EXPECT_THAT(before.Describe(), ::testing::StartsWith("5 nodes, root province\n"));
  EXPECT_THAT(after.Describe(), ::testing::StartsWith("3 nodes, root province\n"));
}

}  // namespace
}  // namespace motcua::topology
