#include "services/catalog/catalog_data.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::catalog {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kHeader[] =
    "# comment\n"
    "code\tname_vi\tname_en\tlevels\tfield_code\tfield_name\ttime_value\ttime_unit\tfee_vnd\t"
    "fee_set_by_province\tonline_level\tcomponents\tsteps\tdemo_fields\tsource\n";

std::string Row(const std::string& code, const std::string& levels, const std::string& value,
                const std::string& unit, const std::string& fee, const std::string& online,
                const std::string& components, const std::string& steps) {
  return code + "\tThủ tục thử\tTest\t" + levels + "\tF\tLĩnh vực\t" + value + "\t" + unit + "\t" +
         fee + "\t0\t" + online + "\t" + components + "\t" + steps + "\tonline_level\tsrc\n";
}

TEST(ParseProcedures, ReadsAGoodRow) {
  auto procs = ParseProcedures(
      std::string(kHeader) + Row("1.000001", "Cấp xã, Cấp tỉnh", "2", "working_days", "5000", "4",
                                 "A|Tờ khai|1|1;B|Bản sao|0|2",
                                 "Nhận|clerk|2;Xử lý|specialist|10;Ký|leader|4"),
      "p.tsv");
  ASSERT_OK(procs);
  ASSERT_EQ(procs->size(), 1u);
  const Procedure& p = (*procs)[0];
  EXPECT_EQ(p.code, "1.000001");
  EXPECT_THAT(p.levels, ::testing::ElementsAre(Level::kCommune, Level::kProvince));
  EXPECT_EQ(p.online_level, OnlineLevel::kFull);
  EXPECT_EQ(p.time_limit.WorkingHours(), 16);
  EXPECT_EQ(p.fees[0].amount_vnd, 5000);
  EXPECT_EQ(p.components[1].copies, 2);
  EXPECT_FALSE(p.components[1].required);
  EXPECT_EQ(p.steps[2].role, StepRole::kLeader);
  // Without a unit, a clerk's step is at the one-stop desk, the others at the competent agency.
  EXPECT_EQ(p.steps[0].unit, StepUnit::kOneStop);
  EXPECT_EQ(p.steps[1].unit, StepUnit::kCompetent);
}

TEST(ParseProcedures, AStepMayNameItsUnit) {
  auto procs =
      ParseProcedures(std::string(kHeader) +
                          Row("1.000001", "Cấp xã", "2", "working_days", "0", "4", "",
                              "Nhận|clerk|2|competent;Xử lý|specialist|10;Trả|clerical|4|one_stop"),
                      "p.tsv");
  ASSERT_OK(procs);
  const Procedure& p = (*procs)[0];
  EXPECT_EQ(p.steps[0].unit, StepUnit::kCompetent);
  EXPECT_EQ(p.steps[1].unit, StepUnit::kCompetent);
  EXPECT_EQ(p.steps[2].unit, StepUnit::kOneStop);
  // An explicit default unit is the same version as none; another unit is a new one.
  Procedure same = p;
  same.steps[1].unit = StepUnit::kCompetent;
  EXPECT_EQ(CanonicalForm(same), CanonicalForm(p));
  Procedure moved = p;
  moved.steps[1].unit = StepUnit::kOneStop;
  EXPECT_NE(CanonicalForm(moved), CanonicalForm(p));
  EXPECT_THAT(p.demo_fields, ::testing::ElementsAre("online_level"));
}

struct BadCase {
  std::string row;
  std::string expected;
};

TEST(ParseProcedures, RejectsBadRowsNamingLineAndColumn) {
  const BadCase cases[] = {
      {Row("1.0001", "Cấp xã", "2", "working_days", "0", "3", "", ""), "p.tsv:3: column code"},
      {Row("1.000001", "Cấp trăng", "2", "working_days", "0", "3", "", ""), "column levels"},
      {Row("1.000001", "Cấp xã", "2", "weeks", "0", "3", "", ""), "column time_unit"},
      {Row("1.000001", "Cấp xã", "-2", "working_days", "0", "3", "", ""), "column time_value"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "-1", "3", "", ""), "column fee_vnd"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "abc", "3", "", ""), "column fee_vnd"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "0", "5", "", ""), "column online_level"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "0", "3", "A|B", ""), "column components"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "0", "3", "", "A|boss|16"), "unknown role"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "0", "3", "", "A|clerk|16|desk"),
       "unknown unit \"desk\" (one_stop, competent)"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "0", "3", "", "A|clerk|8|one_stop|x"),
       "is not name|role|budget_hours[|unit]"},
      {Row("1.000001", "Cấp xã", "2", "working_days", "0", "3", "", "A|clerk|10"),
       "add up to 10 working hours but the time limit is 16"},
      {"1.000001\ttoo\tmany\tcells\tin\tthis\trow\tfor\tthe\theader\tthat\twe\thave\there\tx\ty\n",
       "cells but the header has"},
      {"1.000001\t\xff\xfe\n", "not valid UTF-8"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(ParseProcedures(std::string(kHeader) + c.row, "p.tsv"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.expected)))
        << c.row;
  }
  EXPECT_THAT(ParseProcedures(std::string(kHeader) +
                                  Row("1.000001", "Cấp xã", "2", "working_days", "0", "3", "", "") +
                                  Row("1.000001", "Cấp xã", "2", "working_days", "0", "3", "", ""),
                              "p.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("appears twice")));
  EXPECT_THAT(ParseProcedures("code\tname_vi\n", "p.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no column \"levels\"")));
  EXPECT_THAT(ParseProcedures("", "p.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no header")));
}

TEST(ParseUnits, ReadsTiersAndPredecessors) {
  auto units = ParseUnits(
      "code\tname\ttype\tparent_code\tformed_from\n"
      "25\tTỉnh Phú Thọ\ttỉnh\t\t\n"
      "07900\tPhường Việt Trì\tphường\t25\t07888:Phường Dữu Lâu; 04891:Xã Vầy Nưa (partial)\n",
      "u.tsv", "2025");
  ASSERT_OK(units);
  EXPECT_EQ((*units)[0].level, Level::kProvince);
  EXPECT_EQ((*units)[1].level, Level::kCommune);
  ASSERT_EQ((*units)[1].formed_from.size(), 2u);
  EXPECT_TRUE((*units)[1].formed_from[1].partial);
  EXPECT_EQ((*units)[1].formed_from[1].name, "Xã Vầy Nưa");
}

TEST(ParseUnits, RejectsBrokenUnits) {
  const std::string header = "code\tname\ttype\tparent_code\n";
  EXPECT_THAT(ParseUnits(header + "25\tTỉnh\ttỉnh\t\n07900\tPhường\tphường\t99\n", "u.tsv", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("parent 99")));
  EXPECT_THAT(ParseUnits(header + "25\tTỉnh\tvương quốc\t\n", "u.tsv", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown unit type")));
  EXPECT_THAT(ParseUnits(header + "2A\tTỉnh\ttỉnh\t\n", "u.tsv", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column code")));
  EXPECT_THAT(ParseUnits(header + "25\tTỉnh\ttỉnh\t\n25\tTỉnh\ttỉnh\t\n", "u.tsv", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("appears twice")));
}

TEST(ParseDivisions, ValidatesDates) {
  const std::string header = "id\tfile\tvalid_from\tvalid_to\tdisplay_name\n";
  EXPECT_OK(ParseDivisions(header + "2025\tu.tsv\t2025-07-01\t\tX\n", "d.tsv"));
  EXPECT_THAT(ParseDivisions(header + "2025\tu.tsv\t2025-02-30\t\tX\n", "d.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column valid_from")));
  EXPECT_THAT(ParseDivisions(header + "2025\tu.tsv\t2025-07-01\t2025-01-01\tX\n", "d.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("before valid_from")));
  EXPECT_THAT(ParseDivisions(header + "2025\t../u.tsv\t2025-07-01\t\tX\n", "d.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column file")));
}

}  // namespace
}  // namespace motcua::catalog
