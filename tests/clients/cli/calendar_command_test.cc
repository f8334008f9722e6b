#include "clients/cli/calendar_command.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace motcua::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result Calendar(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = RunCalendarCommand(args, out, err);
  return {code, out.str(), err.str()};
}

std::string WriteFile(const motcua::testing::TempDir& dir,
                      const std::string& name, const std::string& text) {
  const std::string path = dir.File(name);
  std::ofstream(path) << text;
  return path;
}

TEST(CalendarCommand, HolidaysTsv2026) {
  const Result r = Calendar({"holidays", "--year", "2026", "--format", "tsv"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(
      r.out,
      "2026-01-01\tnew_year\tTết Dương lịch\n"
      "2026-02-16\ttet\tNghỉ Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)\n"
      "2026-02-17\tlunar_new_year\tNghỉ Tết Nguyên đán (mùng 1 tháng Giêng năm "
      "Bính Ngọ)\n"
      "2026-02-18\ttet\tNghỉ Tết Nguyên đán (mùng 2 tháng Giêng năm Bính Ngọ)\n"
      "2026-02-19\ttet\tNghỉ Tết Nguyên đán (mùng 3 tháng Giêng năm Bính Ngọ)\n"
      "2026-02-20\ttet\tNghỉ Tết Nguyên đán (mùng 4 tháng Giêng năm Bính Ngọ)\n"
      "2026-04-26\thung_kings\tGiỗ Tổ Hùng Vương (10/3 âm lịch)\n"
      "2026-04-27\tcompensatory\tNghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) rơi "
      "vào Chủ Nhật "
      "26/04/2026\n"
      "2026-04-30\treunification\tNgày Chiến thắng (30/4)\n"
      "2026-05-01\tlabour_day\tNgày Quốc tế Lao động (1/5)\n"
      "2026-09-02\tnational_day\tQuốc khánh (2/9)\n"
      "2026-09-03\tnational_day\tQuốc khánh (nghỉ thêm ngày 3/9)\n");
}

TEST(CalendarCommand, HolidaysTableAndJson) {
  const Result table = Calendar({"holidays", "--year=2023"});
  EXPECT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out,
              StartsWith("Ngày nghỉ năm 2023 (âm lịch tính theo UTC+7)\n"));
  EXPECT_THAT(
      table.out,
      HasSubstr("29/04/2023  Thứ Bảy   hung_kings      Giỗ Tổ Hùng Vương"));
  EXPECT_THAT(
      table.out,
      HasSubstr("02/05/2023  Thứ Ba    compensatory    Nghỉ bù Giỗ Tổ"));
  EXPECT_THAT(table.out, HasSubstr("Ngày làm bù: không có\n"));
  EXPECT_THAT(table.out, HasSubstr("Tết: theo quy tắc mặc định"));

  const Result json =
      Calendar({"holidays", "--year", "2026", "--format", "json"});
  EXPECT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, StartsWith("{\n  \"year\": 2026,"));
  EXPECT_THAT(json.out, HasSubstr("\"tet\": \"announced\""));
  EXPECT_THAT(json.out, HasSubstr("\"national_day\": \"default\""));
  EXPECT_THAT(
      json.out,
      HasSubstr("{\"date\": \"2026-02-17\", \"weekday\": \"Thứ Ba\", \"code\": "
                "\"lunar_new_year\", \"name\": \"Nghỉ Tết Nguyên đán (mùng 1 "
                "tháng Giêng "
                "năm Bính Ngọ)\", \"announced\": true}"));
  EXPECT_THAT(json.out, HasSubstr("\"makeup_days\": []\n}\n"));
}

TEST(CalendarCommand, HolidaysWithAScheduleFile) {
  motcua::testing::TempDir dir;
  const std::string path =
      WriteFile(dir, "2025.tsv",
                "# 2025\n"
                "2025-05-02\toff\tNghỉ hoán đổi\n"
                "2025-04-26\tmakeup\tLàm bù cho ngày 02/05/2025\n");
  const Result tsv = Calendar(
      {"holidays", "--year", "2025", "--format", "tsv", "--schedule", path});
  EXPECT_EQ(tsv.code, 0) << tsv.err;
  EXPECT_THAT(tsv.out, HasSubstr("2025-05-02\tannounced\tNghỉ hoán đổi\n"));
  const Result table =
      Calendar({"holidays", "--year", "2025", "--schedule", path});
  EXPECT_THAT(
      table.out,
      HasSubstr("26/04/2025  Thứ Bảy   makeup          Làm bù cho ngày"));
  const Result json = Calendar(
      {"holidays", "--year", "2025", "--format", "json", "--schedule", path});
  EXPECT_THAT(json.out,
              HasSubstr("\"makeup_days\": [\n    {\"date\": \"2025-04-26\""));
  // --schedule replaces the built-in schedules: 2026 falls back to the default
  // rule.
  const Result other =
      Calendar({"holidays", "--year", "2026", "--schedule", path});
  EXPECT_THAT(other.out, HasSubstr("Tết: theo quy tắc mặc định"));
}

TEST(CalendarCommand, HolidaysScheduleFileErrors) {
  motcua::testing::TempDir dir;
  const Result missing = Calendar(
      {"holidays", "--year", "2026", "--schedule", dir.File("missing.tsv")});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("--schedule: cannot read "));
  const std::string bad =
      WriteFile(dir, "bad.tsv", "# x\n2026-02-30\toff\tNgày không có\n");
  const Result parse =
      Calendar({"holidays", "--year", "2026", "--schedule", bad});
  EXPECT_EQ(parse.code, 1);
  EXPECT_THAT(parse.err,
              HasSubstr("bad.tsv: line 2, date: \"2026-02-30\" is not a day"));
  const std::string clash =
      WriteFile(dir, "clash.tsv", "2026-04-30\toff\tTrùng\n");
  const Result contradiction =
      Calendar({"holidays", "--year", "2026", "--schedule", clash});
  EXPECT_EQ(contradiction.code, 1);
  EXPECT_THAT(contradiction.err,
              HasSubstr("schedule line 1, date: 2026-04-30 (off) is already"));
}

TEST(CalendarCommand, HolidaysUsageErrors) {
  const struct {
    std::vector<std::string> args;
    int code;
    std::string err;
  } cases[] = {
      {{"holidays"}, 2, "--year is required"},
      {{"holidays", "--year", "abc"}, 2, "--year: \"abc\" is not a year"},
      {{"holidays", "--year"}, 2, "--year needs a value"},
      {{"holidays", "--year", "2026", "--format", "xml"},
       2,
       "--format: \"xml\""},
      {{"holidays", "--year", "2026", "--unit", "x"}, 2, "unknown flag --unit"},
      {{"holidays", "2026"}, 2, "unexpected argument \"2026\""},
      {{"holidays", "--year", "1500"},
       1,
       "year: 1500 is outside the supported years"},
  };
  for (const auto& c : cases) {
    const Result r = Calendar(c.args);
    EXPECT_EQ(r.code, c.code) << c.err;
    EXPECT_THAT(r.err, HasSubstr(c.err));
    EXPECT_EQ(r.out, "");
  }
}

TEST(CalendarCommand, DuePrintsTheDueTime) {
  const struct {
    std::vector<std::string> args;
    std::string out;
  } cases[] = {
      {{"due", "--from", "2026-02-13T16:00:00+07:00", "--working-days", "3"},
       "2026-02-25T16:00:00+07:00\n"},
      {{"due", "--from=2026-02-13T09:00:00Z", "--working-days=3"},
       "2026-02-25T16:00:00+07:00\n"},
      {{"due", "--from", "2026-02-23T12:00+07:00", "--working-hours", "4"},
       "2026-02-24T07:30:00+07:00\n"},
      {{"due", "--from", "2026-02-12T09:00:00+07:00", "--days", "2"},
       "2026-02-23T17:00:00+07:00\n"},
      {{"due", "--from", "2026-02-23T14:59:00+07:00", "--same-day"},
       "2026-02-23T17:00:00+07:00\n"},
      {{"due", "--from", "2026-02-23T15:00:00+07:00", "--same-day"},
       "2026-02-24T17:00:00+07:00\n"},
      {{"due", "--from", "2026-03-07T10:00:00+07:00", "--immediate"},
       "2026-03-09T07:00:00+07:00\n"},
      {{"due", "--from", "2026-03-07T08:00:00+07:00", "--working-hours", "4",
        "--saturday-morning"},
       "2026-03-09T07:30:00+07:00\n"},
      {{"due", "--from", "2023-04-28T09:00:00+07:00", "--working-days", "1"},
       "2023-05-04T09:00:00+07:00\n"},
  };
  for (const auto& c : cases) {
    const Result r = Calendar(c.args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, c.out) << c.args[2];
  }
}

TEST(CalendarCommand, DueExplains) {
  const Result r = Calendar({"due", "--from", "2026-02-13T16:00:00+07:00",
                             "--working-days", "3", "--explain"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("2026-02-25T16:00:00+07:00\nTiếp nhận: 16:00 "
                                "Thứ Sáu, 13/02/2026.\n"));
  EXPECT_THAT(
      r.out,
      HasSubstr(
          "  - Thứ Hai, 16/02/2026: không tính — ngày nghỉ lễ theo thông báo: "
          "Nghỉ Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)\n"));
  EXPECT_THAT(
      r.out,
      HasSubstr(
          "Cộng: 1 giờ + 8 giờ + 8 giờ + 7 giờ = 24 giờ làm việc = 3 ngày làm "
          "việc.\n"));
  EXPECT_THAT(r.out, HasSubstr("Hạn trả kết quả: 16:00 Thứ Tư, 25/02/2026.\n"));
}

TEST(CalendarCommand, DueWithAScheduleFile) {
  motcua::testing::TempDir dir;
  const std::string path =
      WriteFile(dir, "s.tsv", "2026-03-09\toff\tNghỉ theo thông báo\n");
  const Result r =
      Calendar({"due", "--from", "2026-03-06T17:00:00+07:00", "--working-days",
                "1", "--schedule", path, "--explain"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("2026-03-10T17:00:00+07:00\n"));
  EXPECT_THAT(r.out,
              HasSubstr("ngày nghỉ theo thông báo: Nghỉ theo thông báo"));
}

TEST(CalendarCommand, DueWithAUnitUsesItsWorkingTime) {
  motcua::testing::TempDir dir;
  const std::string table =
      WriteFile(dir, "hours.tsv", "# Saturday desk\n07900\tsaturday_morning\tPhường Việt Trì\n");
  // Friday 16:00 + 1 working day: the Saturday-morning desk counts Saturday 07:00-11:30.
  const std::vector<std::string> base = {"due", "--from", "2026-03-06T16:00:00+07:00",
                                         "--working-days", "1"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return Calendar(args);
  };
  Result r = with({"--unit", "07900", "--unit-working-time", table});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "2026-03-09T09:30:00+07:00\n");
  // Not in the table: the default hours.
  r = with({"--unit", "25", "--unit-working-time", table});
  EXPECT_EQ(r.out, "2026-03-09T16:00:00+07:00\n");
  // The built-in table lists no unit yet.
  r = with({"--unit", "07900"});
  EXPECT_EQ(r.out, "2026-03-09T16:00:00+07:00\n");
  r = with({"--unit", "07900", "--unit-working-time", table, "--explain"});
  EXPECT_THAT(r.out, HasSubstr("Giờ làm việc của Phường Việt Trì (07900): Thứ Hai–Thứ Sáu "
                               "07:00–11:30, 13:30–17:00; Thứ Bảy 07:00–11:30\n"));
  EXPECT_THAT(r.out, HasSubstr("Thứ Bảy, 07/03/2026: tính 4 giờ 30 phút"));
  // Another province's unit list.
  const std::string units = WriteFile(dir, "units.tsv", "code\tname\n01\tThành phố Hà Nội\n");
  r = with({"--unit", "01", "--units", units});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "2026-03-09T16:00:00+07:00\n");
}

TEST(CalendarCommand, DueWithAUnitErrors) {
  motcua::testing::TempDir dir;
  const std::vector<std::string> base = {"due", "--from", "2026-03-06T16:00:00+07:00",
                                         "--working-days", "1"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return Calendar(args);
  };
  const struct {
    std::vector<std::string> extra;
    int code;
    const char* error;
  } kCases[] = {
      {{"--unit", "99999"}, 1, "--unit: no administrative unit \"99999\" in the built-in"},
      {{"--unit", "07900", "--saturday-morning"}, 2, "not both"},
      {{"--units", "x.tsv"}, 2, "go with --unit CODE"},
      {{"--unit", "07900", "--unit-working-time", dir.File("missing.tsv")}, 1,
       "--unit-working-time: cannot read"},
      {{"--unit", "07900", "--unit-working-time",
        WriteFile(dir, "bad.tsv", "# ok\n07900\tsundays\n")},
       1, "line 2: unit 07900: working time \"sundays\""},
      {{"--unit", "07900", "--unit-working-time",
        WriteFile(dir, "twice.tsv", "07900\tdefault\n07900\tsaturday_morning\n")},
       1, "line 2: unit 07900 is listed twice"},
      {{"--unit", "07900", "--units", WriteFile(dir, "noheader.tsv", "07900\tX\n")}, 1,
       "line 1: expected the header"},
      {{"--unit", "07900", "--units", WriteFile(dir, "other.tsv", "code\tname\n01\tHà Nội\n")},
       1, "no administrative unit \"07900\" in"},
  };
  for (const auto& c : kCases) {
    const Result r = with(c.extra);
    EXPECT_EQ(r.code, c.code) << c.extra[0] << " " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.error));
    EXPECT_EQ(r.out, "");
  }
}

TEST(CalendarCommand, DueUsageErrors) {
  const std::string from = "2026-03-02T09:00:00+07:00";
  const struct {
    std::vector<std::string> args;
    int code;
    std::string err;
  } cases[] = {
      {{"due", "--working-days", "3"}, 2, "--from is required"},
      {{"due", "--from", "2026-03-02T09:00:00", "--working-days", "3"},
       2,
       "--from: \"2026-03-02T09:00:00\" is not an ISO 8601 time with a UTC "
       "offset"},
      {{"due", "--from", "yesterday", "--same-day"},
       2,
       "--from: \"yesterday\""},
      {{"due", "--from", from}, 2, "give one time limit"},
      {{"due", "--from", from, "--working-days", "3", "--same-day"},
       2,
       "give only one time limit, not --working-days and --same-day"},
      {{"due", "--from", from, "--working-days", "-1"},
       2,
       "--working-days: limit.amount: -1 is negative"},
      {{"due", "--from", from, "--days", "4000"},
       2,
       "--days: limit.amount: 4000 days is more"},
      {{"due", "--from", from, "--working-hours", "2.5"},
       2,
       "--working-hours: \"2.5\" is not a whole number"},
      {{"due", "--from", from, "--working-days", "3", "--unit", "H44.1"},
       1,
       "--unit: no administrative unit \"H44.1\""},
      {{"due", "--from", from, "--same-day=yes"},
       2,
       "--same-day takes no value"},
      {{"due", "--from", "2300-01-02T09:00:00+07:00", "--working-days", "1"},
       1,
       "outside the calendar's years 1900..2199"},
  };
  for (const auto& c : cases) {
    const Result r = Calendar(c.args);
    EXPECT_EQ(r.code, c.code) << c.err;
    EXPECT_THAT(r.err, HasSubstr(c.err));
    EXPECT_EQ(r.out, "");
  }
}

TEST(CalendarCommand, Lunar) {
  const Result tet = Calendar({"lunar", "--date", "2026-02-17"});
  EXPECT_EQ(tet.code, 0) << tet.err;
  EXPECT_EQ(tet.out,
            "1/1/2026\nThứ Ba, 17/02/2026 (dương lịch) là mùng 1 tháng Giêng "
            "năm Bính Ngọ (âm "
            "lịch)\n");
  const Result hung = Calendar({"lunar", "--to-solar", "10/3/2026"});
  EXPECT_EQ(hung.code, 0) << hung.err;
  EXPECT_EQ(hung.out,
            "2026-04-26\nmùng 10 tháng 3 năm Bính Ngọ (âm lịch) là Chủ Nhật, "
            "26/04/2026 (dương "
            "lịch)\n");
  const Result leap = Calendar({"lunar", "--to-solar", "1/2/2023", "--leap"});
  EXPECT_EQ(leap.code, 0) << leap.err;
  EXPECT_THAT(leap.out, HasSubstr("mùng 1 tháng 2 nhuận năm Quý Mão"));
  const Result back = Calendar({"lunar", "--date", leap.out.substr(0, 10)});
  EXPECT_THAT(back.out, StartsWith("1/2/2023 (nhuận)\n"));
  const Result china =
      Calendar({"lunar", "--date", "2030-02-02", "--utc-offset", "8"});
  EXPECT_THAT(china.out, StartsWith("30/12/2029\n"));
  EXPECT_THAT(Calendar({"lunar", "--date", "2030-02-02"}).out,
              StartsWith("1/1/2030\n"));
}

TEST(CalendarCommand, LunarErrors) {
  const struct {
    std::vector<std::string> args;
    int code;
    std::string err;
  } cases[] = {
      {{"lunar"}, 2, "give exactly one of --date and --to-solar"},
      {{"lunar", "--date", "2026-02-17", "--to-solar", "1/1/2026"},
       2,
       "exactly one"},
      {{"lunar", "--date", "2026-02-17", "--leap"},
       2,
       "--leap goes with --to-solar"},
      {{"lunar", "--date", "17/02/2026"},
       2,
       "--date: \"17/02/2026\" is not a date"},
      {{"lunar", "--date", "2026-02-30"}, 2, "--date: \"2026-02-30\""},
      {{"lunar", "--to-solar", "2026-04-26"},
       2,
       "--to-solar: \"2026-04-26\" is not a lunar date"},
      {{"lunar", "--date", "2026-02-17", "--utc-offset", "20"},
       2,
       "--utc-offset: \"20\""},
      {{"lunar", "--to-solar", "30/12/2025"},
       1,
       "--to-solar 30/12/2025: lunar_date.day: month 12 of lunar year 2025 has "
       "only 29 days"},
      {{"lunar", "--to-solar", "1/5/2026", "--leap"}, 1, "lunar_date.leap"},
      {{"lunar", "--date", "1700-01-01"}, 1, "outside the supported years"},
  };
  for (const auto& c : cases) {
    const Result r = Calendar(c.args);
    EXPECT_EQ(r.code, c.code) << c.err;
    EXPECT_THAT(r.err, HasSubstr(c.err));
  }
}

TEST(CalendarCommand, HelpAndUnknownSubcommands) {
  for (const char* sub : {"holidays", "due", "lunar"}) {
    const Result r = Calendar({sub, "--help"});
    EXPECT_EQ(r.code, 0);
    EXPECT_THAT(r.out, HasSubstr(std::string("Usage: motcua calendar ") + sub));
    EXPECT_THAT(r.out, HasSubstr("Example"));
    EXPECT_EQ(Calendar({sub, "-h"}).code, 0);
  }
  const Result top = Calendar({"--help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_THAT(top.out, HasSubstr("Subcommands:"));
  const Result none = Calendar({});
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, HasSubstr("Usage: motcua calendar"));
  const Result unknown = Calendar({"weather"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("unknown subcommand \"weather\""));
}

}  // namespace
}  // namespace motcua::cli
