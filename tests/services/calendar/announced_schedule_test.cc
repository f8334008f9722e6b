#include "services/calendar/announced_schedule.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;
using Day = absl::CivilDay;

TEST(AnnouncedSchedule, ParsesDaysSortedWithCommentsBlanksAndSpaces) {
  const std::string text =
      "\xEF\xBB\xBF# Lịch nghỉ 2025\r\n"
      "\r\n"
      "2025-05-02\toff\tNghỉ hoán đổi\r\n"
      "   # indented comment\n"
      " 2025-04-26 \t makeup \t Làm bù cho ngày 02/05 \n"
      "2025-01-27\ttet\tNghỉ Tết (28 tháng Chạp)";
  const AnnouncedSchedule s = *AnnouncedSchedule::Parse(text);
  ASSERT_EQ(s.days().size(), 3u);
  EXPECT_EQ(s.days()[0].day, Day(2025, 1, 27));
  EXPECT_EQ(s.days()[0].kind, AnnouncedKind::kTet);
  EXPECT_EQ(s.days()[0].line, 6);
  EXPECT_EQ(s.days()[1].day, Day(2025, 4, 26));
  EXPECT_EQ(s.days()[1].kind, AnnouncedKind::kMakeup);
  EXPECT_EQ(s.days()[1].name, "Làm bù cho ngày 02/05");
  EXPECT_EQ(s.days()[2].kind, AnnouncedKind::kOff);
  EXPECT_EQ(s.days()[2].line, 3);
  EXPECT_TRUE(s.AnnouncesTet(2025));
  EXPECT_FALSE(s.AnnouncesTet(2026));
  EXPECT_FALSE(s.AnnouncesNationalDay(2025));
  EXPECT_EQ(s.DaysOfYear(2025).size(), 3u);
  EXPECT_TRUE(s.DaysOfYear(2024).empty());
}

TEST(AnnouncedSchedule, EmptyTextIsTheEmptySchedule) {
  EXPECT_TRUE(AnnouncedSchedule::Parse("")->empty());
  EXPECT_TRUE(AnnouncedSchedule::Parse("# only a comment\n\n")->empty());
  EXPECT_TRUE(AnnouncedSchedule().empty());
}

TEST(AnnouncedSchedule, ToTsvRoundTrips) {
  const AnnouncedSchedule s = *AnnouncedSchedule::Parse(
      "2026-09-01\tnational_day\tNghỉ Quốc khánh\n2026-02-16\ttet\tNghỉ Tết\n");
  EXPECT_EQ(
      s.ToTsv(),
      "2026-02-16\ttet\tNghỉ Tết\n2026-09-01\tnational_day\tNghỉ Quốc khánh\n");
  const AnnouncedSchedule again = *AnnouncedSchedule::Parse(s.ToTsv());
  EXPECT_EQ(again.ToTsv(), s.ToTsv());
  EXPECT_TRUE(s.AnnouncesNationalDay(2026));
}

TEST(AnnouncedSchedule, RejectsMalformedTextWithLineAndField) {
  const struct {
    std::string text;
    std::string error;
  } cases[] = {
      {"2026-02-30\toff\tX",
       "line 1, date: \"2026-02-30\" is not a day of the calendar"},
      {"2026-13-01\toff\tX",
       "line 1, date: \"2026-13-01\" is not a day of the calendar"},
      {"2026-2-3\toff\tX",
       "line 1, date: \"2026-2-3\" is not of the form YYYY-MM-DD"},
      {"16/02/2026\toff\tX", "is not of the form YYYY-MM-DD"},
      {"# c\n\n2026-02-16\tholiday\tX",
       "line 3, kind: unknown kind \"holiday\"; want tet, national_day, off or "
       "makeup"},
      {"2026-02-16\tTET\tX", "line 1, kind: unknown kind \"TET\""},
      {"2026-02-16\ttet",
       "line 1: expected 3 tab-separated fields (date, kind, name), got 2"},
      {"2026-02-16 tet Nghỉ", "line 1: expected 3 tab-separated fields"},
      {"2026-02-16\ttet\tA\tB", "got 4"},
      {"2026-02-16\ttet\t  ", "line 1, name: empty"},
      {"2026-02-16\ttet\tab\xff", "line 1, name: not valid UTF-8"},
      {"2026-02-16\ttet\t" + std::string(400, 'x'),
       "line 1, name: longer than 300 bytes"},
      {"2026-02-16\ttet\tA\n2026-02-17\ttet\tB\n2026-02-16\toff\tC",
       "line 3, date: 2026-02-16 is already listed at line 1"},
      {"2026-02-18\tmakeup\tX",
       "line 1, date: make-up working day 2026-02-18 is a Wednesday, not a "
       "weekly rest day"},
      {"2026-02-21\toff\tX",
       "line 1, date: 2026-02-21 is a Saturday, already a weekly rest day"},
      {"2026-06-01\ttet\tX", "line 1, date: 2026-06-01 is outside 10/01–05/03"},
      {"2026-09-20\tnational_day\tX",
       "line 1, date: 2026-09-20 is outside 28/08–07/09"},
      {"2300-01-02\toff\tX",
       "line 1, date: 2300-01-02 is outside the supported years 1800..2199"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(
        AnnouncedSchedule::Parse(c.text),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)))
        << c.text;
  }
}

TEST(AnnouncedSchedule, FromDaysChecksLikeParse) {
  const AnnouncedSchedule s = *AnnouncedSchedule::FromDays({
      {Day(2026, 9, 1), AnnouncedKind::kNationalDay, "Nghỉ Quốc khánh"},
      {Day(2026, 2, 16), AnnouncedKind::kTet, "Nghỉ Tết"},
  });
  EXPECT_EQ(s.days()[0].day, Day(2026, 2, 16));
  EXPECT_EQ(s.days()[0].line, 0);
  EXPECT_THAT(
      AnnouncedSchedule::FromDays({
          {Day(2026, 2, 16), AnnouncedKind::kTet, "A"},
          {Day(2026, 2, 18), AnnouncedKind::kMakeup, "B"},
      }),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("days[1].date: make-up working day 2026-02-18")));
  EXPECT_THAT(
      AnnouncedSchedule::FromDays({
          {Day(2026, 2, 16), AnnouncedKind::kTet, "A"},
          {Day(2026, 2, 16), AnnouncedKind::kTet, "B"},
      }),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr("days[1].date: 2026-02-16 is already listed at days[0]")));
  EXPECT_THAT(AnnouncedSchedule::FromDays(
                  {{Day(2026, 2, 16), AnnouncedKind::kTet, ""}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("days[0].name: empty")));
  EXPECT_THAT(AnnouncedSchedule::FromDays(
                  {{Day(2026, 2, 16), AnnouncedKind::kTet, "a\tb"}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("days[0].name: holds a tab")));
}

TEST(AnnouncedSchedule, MergeUnitesAndRejectsDuplicates) {
  const AnnouncedSchedule a = *AnnouncedSchedule::Parse("2026-02-16\ttet\tA\n");
  const AnnouncedSchedule b = *AnnouncedSchedule::Parse("2025-05-02\toff\tB\n");
  const AnnouncedSchedule both = *AnnouncedSchedule::Merge(a, b);
  ASSERT_EQ(both.days().size(), 2u);
  EXPECT_EQ(both.days()[0].day, Day(2025, 5, 2));
  EXPECT_THAT(AnnouncedSchedule::Merge(a, a),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("2026-02-16 is listed in both schedules")));
  EXPECT_EQ(AnnouncedSchedule::Merge(AnnouncedSchedule(), b)->ToTsv(),
            b.ToTsv());
}

TEST(AnnouncedSchedule, KindCodesRoundTrip) {
  for (AnnouncedKind k : {AnnouncedKind::kTet, AnnouncedKind::kNationalDay,
                          AnnouncedKind::kOff, AnnouncedKind::kMakeup}) {
    EXPECT_EQ(AnnouncedKindFromCode(AnnouncedKindCode(k)), k);
  }
  EXPECT_EQ(AnnouncedKindCode(AnnouncedKind::kNationalDay), "national_day");
  EXPECT_EQ(AnnouncedKindFromCode("holiday"), std::nullopt);
}

}  // namespace
}  // namespace motcua::calendar
