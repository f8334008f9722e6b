// File: tests/services/topology/test_units.h
// Two small editions of a unit file for the topology tests, and a loader.
#ifndef MOTCUA_TESTS_SERVICES_TOPOLOGY_TEST_UNITS_H_
#define MOTCUA_TESTS_SERVICES_TOPOLOGY_TEST_UNITS_H_

#include <initializer_list>
#include <utility>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "services/topology/unit_tree.h"
#include "tests/testing/status_matchers.h"

namespace motcua::topology::testing {

// Three tiers: province 1, districts 10 and 11, communes below them.
inline constexpr absl::string_view kOldUnits =
    "code\tname\ttype\tparent_code\n"
    "1\tTỉnh Một\ttỉnh\t\n"
    "10\tHuyện Mười\thuyện\t1\n"
    "100\tXã Trăm\txã\t10\n"
    "101\tXã Trăm Lẻ Một\txã\t10\n"
    "11\tHuyện Mười Một\thuyện\t1\n"
    "110\tXã Một Trăm Mười\txã\t11\n"
    "111\tXã Một Trăm Mười Một\txã\t11\n";

// Two tiers: 100 takes 101 over and keeps its code; 111 is split between 110 and 120; province 1
// takes over province 9, which the old file does not have.
inline constexpr absl::string_view kNewUnits =
    "code\tname\ttype\tparent_code\tformed_from\n"
    "1\tTỉnh Một\ttỉnh\t\t1:Tỉnh Một; 9:Tỉnh Chín\n"
    "100\tPhường Trăm\tphường\t1\t100:Xã Trăm; 101:Xã Trăm Lẻ Một\n"
    "110\tXã Một Trăm Mười\txã\t1\t110:Xã Một Trăm Mười; 111:Xã Một Trăm Mười Một (partial)\n"
    "120\tXã Một Trăm Hai Mươi\txã\t1\t111:Xã Một Trăm Mười Một (partial)\n";

// The editions parsed and merged, oldest first; a parse error fails the test.
inline UnitTree LoadUnits(std::initializer_list<absl::string_view> editions) {
  UnitTree tree;
  for (absl::string_view tsv : editions) {
    absl::StatusOr<UnitTree> edition = UnitTree::Parse(tsv, "units.tsv");
    EXPECT_OK(edition.status());
    if (edition.ok()) tree.Merge(*edition);
  }
  return tree;
}

}  // namespace motcua::topology::testing

#endif  // MOTCUA_TESTS_SERVICES_TOPOLOGY_TEST_UNITS_H_
