#include "services/topology/unit_tree.h"

#include <string>

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
using ::testing::Optional;
using ::testing::Pair;

TEST(UnitTree, ParsesParentsAndNames) {
  UnitTree tree = LoadUnits({kOldUnits});
  EXPECT_TRUE(tree.Knows("101"));
  EXPECT_FALSE(tree.Knows("102"));
  EXPECT_EQ(tree.Name("101"), "Xã Trăm Lẻ Một");
  EXPECT_EQ(tree.Name("102"), "");
  EXPECT_THAT(tree.Parent("101"), Optional(std::string("10")));
  EXPECT_THAT(tree.Parent("10"), Optional(std::string("1")));
  EXPECT_EQ(tree.Parent("1"), std::nullopt);
  EXPECT_EQ(tree.Parent("102"), std::nullopt);
  EXPECT_EQ(tree.SuccessorOf("101"), std::nullopt);
  EXPECT_TRUE(tree.MergedInto().empty());
}

TEST(UnitTree, FormedFromAloneNamesPredecessorsWithoutParents) {
  UnitTree tree = LoadUnits({kNewUnits});
  EXPECT_TRUE(tree.Knows("9"));
  EXPECT_EQ(tree.Name("9"), "Tỉnh Chín");
  EXPECT_EQ(tree.Parent("9"), std::nullopt);
  EXPECT_THAT(tree.SuccessorOf("9"), Optional(std::string("1")));
  EXPECT_EQ(tree.Name("111"), "Xã Một Trăm Mười Một");  // " (partial)" is not part of the name
}

TEST(UnitTree, MergeKeepsOldParentsAndLinksSuccessors) {
  UnitTree tree = LoadUnits({kOldUnits, kNewUnits});
  // A code both editions define means the newer unit.
  EXPECT_EQ(tree.Name("100"), "Phường Trăm");
  EXPECT_THAT(tree.Parent("100"), Optional(std::string("1")));
  EXPECT_EQ(tree.SuccessorOf("100"), std::nullopt);  // listed in its own formed_from: lives on
  // Retired units keep their names and parents.
  EXPECT_EQ(tree.Name("101"), "Xã Trăm Lẻ Một");
  EXPECT_THAT(tree.Parent("101"), Optional(std::string("10")));
  EXPECT_THAT(tree.Parent("10"), Optional(std::string("1")));
  EXPECT_THAT(tree.SuccessorOf("101"), Optional(std::string("100")));
  EXPECT_EQ(tree.SuccessorOf("10"), std::nullopt);  // abolished, not merged: no successor
  // A split unit: the first successor in file order.
  EXPECT_THAT(tree.SuccessorOf("111"), Optional(std::string("110")));
  EXPECT_THAT(tree.Parent("111"), Optional(std::string("11")));
}

TEST(UnitTree, MergedIntoListsPredecessorsOtherThanItself) {
  EXPECT_THAT(LoadUnits({kOldUnits, kNewUnits}).MergedInto(),
              ElementsAre(Pair("1", ElementsAre("9")), Pair("100", ElementsAre("101")),
                          Pair("110", ElementsAre("111")), Pair("120", ElementsAre("111"))));
}

TEST(UnitTree, ParseErrorsNameSourceLineAndField) {
  const std::string header = "code\tname\ttype\tparent_code\tformed_from\n";
  const struct {
    std::string name;
    std::string rows;
    std::string message;
  } cases[] = {
      {"bad code", "1\tTỉnh\ttỉnh\t\t\n1a\tXã\txã\t1\t\n",
       "u.tsv:3: column code: \"1a\" is not a code of digits"},
      {"empty code", "\tTỉnh\ttỉnh\t\t\n", "u.tsv:2: column code:"},
      {"duplicate code", "1\tTỉnh\ttỉnh\t\t\n10\tXã\txã\t1\t\n10\tXã\txã\t1\t\n",
       "u.tsv:4: column code: unit 10 appears twice (first at line 3)"},
      {"empty name", "1\t\ttỉnh\t\t\n", "u.tsv:2: column name:"},
      {"unknown parent", "1\tTỉnh\ttỉnh\t\t\n10\tXã\txã\t7\t\n",
       "u.tsv:3: column parent_code: unit 10 has unknown parent \"7\""},
      {"cycle", "1\tTỉnh\ttỉnh\t\t\n10\tHuyện\thuyện\t11\t\n11\tHuyện\thuyện\t10\t\n",
       "u.tsv:3: column parent_code: unit 10 is its own ancestor: 10 → 11 → 10"},
      {"own parent", "1\tTỉnh\ttỉnh\t1\t\n",
       "u.tsv:2: column parent_code: unit 1 is its own ancestor: 1 → 1"},
      {"formed_from without name", "1\tTỉnh\ttỉnh\t\t9\n",
       "u.tsv:2: column formed_from: \"9\" is not CODE:Name"},
      {"formed_from bad code", "1\tTỉnh\ttỉnh\t\tx:Tỉnh\n",
       "u.tsv:2: column formed_from: \"x:Tỉnh\" is not CODE:Name"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(UnitTree::Parse(header + c.rows, "u.tsv"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.name;
  }
  EXPECT_THAT(UnitTree::Parse("code\tname\n", "u.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("u.tsv:1:")));
}

}  // namespace
}  // namespace motcua::topology
