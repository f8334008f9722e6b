#include "services/topology/topology.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/topology/test_units.h"
#include "tests/testing/status_matchers.h"

namespace motcua::topology {
namespace {

using ::motcua::testing::StatusIs;
using ::motcua::topology::testing::kNewUnits;
using ::motcua::topology::testing::kOldUnits;
using ::motcua::topology::testing::LoadUnits;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::string_view kHeader = "# a comment line\nnode\taddress\tparent\tunits\n";

// Three tiers over the old units: root → d10, d11; d10 → c100, c101.
constexpr absl::string_view kThreeTiers =
    "# a comment line\n"
    "node\taddress\tparent\tunits\n"
    "root\t127.0.0.1:7511\t\t1\n"
    "\n"
    "d10\t127.0.0.1:7512\troot\t10\n"
    "d11\t127.0.0.1:7513\troot\t11\n"
    "c100\t127.0.0.1:7514\td10\t100\n"
    "c101\t127.0.0.1:7515\td10\t 101 \n";

// Two tiers over the new units.
constexpr absl::string_view kTwoTiers =
    "node\taddress\tparent\tunits\n"
    "root\t127.0.0.1:7511\t\t1\n"
    "c100\t127.0.0.1:7514\troot\t100\n"
    "c110\t127.0.0.1:7515\troot\t110\n";

Topology Load(absl::string_view text, UnitTree units) {
  absl::StatusOr<Topology> topology = Topology::Parse(text, "t.tsv", std::move(units));
  EXPECT_OK(topology.status());
  return *std::move(topology);
}

std::string NodeOf(const Topology& topology, absl::string_view unit) {
  const NodeInfo* node = topology.NodeForUnit(unit);
  return node == nullptr ? "(none)" : node->id;
}

TEST(Topology, ParsesNodesInFileOrder) {
  Topology topology = Load(kThreeTiers, LoadUnits({kOldUnits}));
  ASSERT_EQ(topology.nodes().size(), 5u);
  const NodeInfo* c101 = topology.Find("c101");
  ASSERT_NE(c101, nullptr);
  EXPECT_EQ(c101->address, "127.0.0.1:7515");
  EXPECT_EQ(c101->parent, "d10");
  EXPECT_THAT(c101->units, ElementsAre("101"));
  EXPECT_EQ(topology.nodes().front().id, "root");
  EXPECT_EQ(topology.Find("c102"), nullptr);
}

TEST(Topology, UnitGoesToItsOwnNodeElseItsNearestAncestorsNode) {
  Topology topology = Load(
      "node\taddress\tparent\tunits\n"
      "root\t127.0.0.1:7511\t\t1\n"
      "d10\t127.0.0.1:7512\troot\t10\n"
      "c100\t127.0.0.1:7514\td10\t100\n",
      LoadUnits({kOldUnits}));
  const struct {
    const char* unit;
    const char* node;
  } cases[] = {
      {"100", "c100"}, {"101", "d10"}, {"10", "d10"},     {"110", "root"},
      {"11", "root"},  {"1", "root"},  {"999", "(none)"},
  };
  for (const auto& c : cases) EXPECT_EQ(NodeOf(topology, c.unit), c.node) << c.unit;
  EXPECT_TRUE(topology.Serves("d10", "101"));
  EXPECT_FALSE(topology.Serves("root", "101"));
  EXPECT_FALSE(topology.Serves("d10", "999"));
}

TEST(Topology, RetiredUnitGoesWhereItsSuccessorGoes) {
  Topology topology = Load(kTwoTiers, LoadUnits({kOldUnits, kNewUnits}));
  const struct {
    const char* unit;
    const char* node;
  } cases[] = {
      {"101", "c100"},                  // merged into 100, although its old ancestor 1 is served
      {"111", "c110"},                  // split: the first successor
      {"120", "root"}, {"10", "root"},  // abolished without a successor: its ancestor
      {"9", "root"},                    // a province that was merged: its successor
  };
  for (const auto& c : cases) EXPECT_EQ(NodeOf(topology, c.unit), c.node) << c.unit;
}

TEST(Topology, RetiredUnitKeepsAnOldAncestorsNodeItsSuccessorDoesNotShare) {
  // The three-tier topology with both editions loaded: district 10 has a node, so the communes
  // it served stay with it; 1 is an ancestor of the successor too and does not count.
  Topology topology = Load(
      "node\taddress\tparent\tunits\n"
      "root\t127.0.0.1:7511\t\t1\n"
      "d10\t127.0.0.1:7512\troot\t10\n",
      LoadUnits({kOldUnits, kNewUnits}));
  EXPECT_EQ(NodeOf(topology, "101"), "d10");
  EXPECT_EQ(NodeOf(topology, "111"), "root");
}

TEST(Topology, NoNodeWhenNoAncestorIsServed) {
  Topology topology = Load(
      "node\taddress\tparent\tunits\n"
      "hub\t127.0.0.1:7511\t\t\n"
      "d10\t127.0.0.1:7512\thub\t10\n",
      LoadUnits({kOldUnits}));
  EXPECT_EQ(NodeOf(topology, "101"), "d10");
  EXPECT_EQ(NodeOf(topology, "110"), "(none)");
  EXPECT_FALSE(topology.Serves("hub", "110"));
}

TEST(Topology, NextHopFollowsTheTree) {
  Topology topology = Load(kThreeTiers, LoadUnits({kOldUnits}));
  const struct {
    const char* from;
    const char* to;
    const char* hop;
  } cases[] = {
      {"c100", "root", "d10"}, {"d10", "root", "root"}, {"root", "c100", "d10"},
      {"d10", "c100", "c100"}, {"c100", "c101", "d10"}, {"c100", "d11", "d10"},
      {"d11", "c100", "root"}, {"root", "d11", "d11"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<std::string> hop = topology.NextHop(c.from, c.to);
    ASSERT_OK(hop.status()) << c.from << " → " << c.to;
    EXPECT_EQ(*hop, c.hop) << c.from << " → " << c.to;
  }
  EXPECT_THAT(topology.NextHop("d10", "d10"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("d10")));
  EXPECT_THAT(topology.NextHop("x", "d10"), StatusIs(absl::StatusCode::kNotFound, HasSubstr("x")));
  EXPECT_THAT(topology.NextHop("d10", "y"), StatusIs(absl::StatusCode::kNotFound, HasSubstr("y")));
}

TEST(Topology, NeighboursAreParentAndChild) {
  Topology topology = Load(kThreeTiers, LoadUnits({kOldUnits}));
  EXPECT_TRUE(topology.AreNeighbours("c100", "d10"));
  EXPECT_TRUE(topology.AreNeighbours("d10", "c100"));
  EXPECT_TRUE(topology.AreNeighbours("root", "d11"));
  EXPECT_FALSE(topology.AreNeighbours("c100", "root"));
  EXPECT_FALSE(topology.AreNeighbours("c100", "c101"));
  EXPECT_FALSE(topology.AreNeighbours("c100", "c100"));
  EXPECT_FALSE(topology.AreNeighbours("c100", "nope"));
}

TEST(Topology, DescribeListsNodesInTreeOrder) {
  Topology topology = Load(kThreeTiers, LoadUnits({kOldUnits}));
  EXPECT_EQ(topology.Describe(),
            "5 nodes, root root\n"
            "root      127.0.0.1:7511  root         1 unit\n"
            "  d10     127.0.0.1:7512  parent root  1 unit\n"
            "    c100  127.0.0.1:7514  parent d10   1 unit\n"
            "    c101  127.0.0.1:7515  parent d10   1 unit\n"
            "  d11     127.0.0.1:7513  parent root  1 unit\n");
}

TEST(Topology, AddressesAreHostAndPort) {
  for (const char* good : {"127.0.0.1:1", "localhost:65535", "[::1]:7511", "node-a.local:7511"}) {
    EXPECT_OK(Topology::Parse(absl::StrCat(kHeader, "root\t", good, "\t\t1\n"), "t.tsv",
                              LoadUnits({kOldUnits})))
        << good;
  }
  for (const char* bad : {"127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", ":7511", "host:port",
                          "::1:7511", "127.0.0.1:", "a b:7511", "127.0.0.1:+80"}) {
    EXPECT_THAT(
        Topology::Parse(absl::StrCat(kHeader, "root\t", bad, "\t\t1\n"), "t.tsv",
                        LoadUnits({kOldUnits})),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("t.tsv:3: column address: \"")))
        << bad;
  }
}

TEST(Topology, ParseErrorsNameSourceLineAndField) {
  const std::string root = "root\t127.0.0.1:7511\t\t1\n";  // line 3
  const struct {
    std::string name;
    std::string rows;  // after the comment and the header: the first row is line 3
    std::string message;
  } cases[] = {
      {"upper-case id", "Root\t127.0.0.1:7511\t\t1\n", "t.tsv:3: column node: \"Root\" is not"},
      {"empty id", "\t127.0.0.1:7511\t\t1\n", "t.tsv:3: column node:"},
      {"long id", std::string(41, 'a') + "\t127.0.0.1:7511\t\t1\n", "t.tsv:3: column node:"},
      {"duplicate node", root + "d10\t127.0.0.1:2\troot\t10\nd10\t127.0.0.1:3\troot\t11\n",
       "t.tsv:5: column node: node d10 appears twice (first at line 4)"},
      {"bad address", root + "d10\t127.0.0.1\troot\t10\n",
       "t.tsv:4: column address: \"127.0.0.1\" is not host:port"},
      {"unknown unit", root + "d10\t127.0.0.1:2\troot\t10, 999\n",
       "t.tsv:4: column units: unit \"999\" is not in the unit files"},
      {"unit of two nodes", root + "d10\t127.0.0.1:2\troot\t10\nd11\t127.0.0.1:3\troot\t11,10\n",
       "t.tsv:5: column units: unit 10 is already served by node d10 (line 4)"},
      {"unit listed twice", root + "d10\t127.0.0.1:2\troot\t10,10\n",
       "t.tsv:4: column units: unit 10 is listed twice"},
      {"unknown parent", root + "d10\t127.0.0.1:2\troot\t10\nc100\t127.0.0.1:3\td99\t100\n",
       "t.tsv:5: column parent: node c100 has unknown parent \"d99\""},
      {"two roots", root + "d10\t127.0.0.1:2\troot\t10\nd11\t127.0.0.1:3\t\t11\n",
       "t.tsv:5: column parent: node d11 is a second root (root has no parent either)"},
      {"no root", "d10\t127.0.0.1:2\td11\t10\nd11\t127.0.0.1:3\td10\t11\n",
       "t.tsv:3: column parent: no root"},
      {"cycle",
       root + "d10\t127.0.0.1:2\troot\t10\nc100\t127.0.0.1:3\tc101\t100\n"
              "c101\t127.0.0.1:4\tc100\t101\n",
       "t.tsv:5: column parent: node c100 is its own ancestor: c100 → c101 → c100"},
      {"own parent", root + "d10\t127.0.0.1:2\td10\t10\n",
       "t.tsv:4: column parent: node d10 is its own ancestor: d10 → d10"},
      {"too many cells", root + "d10\t127.0.0.1:2\troot\t10\textra\n", "t.tsv:4: 5 cells"},
      {"no nodes", "", "t.tsv: no nodes"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(Topology::Parse(absl::StrCat(kHeader, c.rows), "t.tsv", LoadUnits({kOldUnits})),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.name;
  }
  EXPECT_THAT(Topology::Parse("node\taddress\tparent\nroot\t127.0.0.1:1\t\n", "t.tsv",
                              LoadUnits({kOldUnits})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("t.tsv:1: the header has no column \"units\"")));
}

}  // namespace
}  // namespace motcua::topology
