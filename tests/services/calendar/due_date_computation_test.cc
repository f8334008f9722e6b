#include "services/calendar/due_date_computation.h"

#include <random>
#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/calendar/test_times.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using ::motcua::calendar::testing::Iso;
using ::motcua::calendar::testing::StandardCalendar;
using ::motcua::calendar::testing::Vn;
using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

// Received Monday 02/03/2026 08:00 with 5 working days: due Monday 09/03/2026
// 08:00.
DueDateComputation FiveDays() {
  return *DueDateComputation::Start(StandardCalendar(), Vn(2026, 3, 2, 8, 0),
                                    TimeLimit::WorkingDays(5));
}

TEST(DueDateComputation, StartsWithComputeDueTime) {
  const DueDateComputation c = FiveDays();
  EXPECT_EQ(Iso(c.due()), "2026-03-09T08:00:00+07:00");
  EXPECT_EQ(c.scoring_due(), c.due());
  EXPECT_EQ(c.counting_start(), c.received());
  EXPECT_EQ(c.limit(), TimeLimit::WorkingDays(5));
  EXPECT_EQ(c.calendar_version(), StandardCalendar().version());
  EXPECT_TRUE(c.supplements().empty());
  EXPECT_FALSE(c.extension().has_value());
  EXPECT_THAT(
      DueDateComputation::Start(StandardCalendar(), Vn(2026, 3, 2, 8, 0),
                                TimeLimit::WorkingDays(-1)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit.amount")));
}

TEST(DueDateComputation,
     SupplementRestartsTheLegalLimitAndSubtractsThePauseForScoring) {
  DueDateComputation c = FiveDays();
  // Requested Wednesday 10:00 (18 h used), completed the next Monday 09:00.
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 4, 10, 0), Vn(2026, 3, 9, 9, 0)));
  // Legal (Decree 61 Art. 19.4): 5 working days again from Monday 09:00.
  EXPECT_EQ(Iso(c.due()), "2026-03-16T09:00:00+07:00");
  // Scoring (766): the 22 h left at the request resume at completion.
  EXPECT_EQ(Iso(c.scoring_due()), "2026-03-11T17:00:00+07:00");
  ASSERT_EQ(c.supplements().size(), 1u);
  const SupplementPause& p = c.supplements()[0];
  EXPECT_EQ(Iso(p.due_before), "2026-03-09T08:00:00+07:00");
  EXPECT_EQ(p.due_after, c.due());
  EXPECT_EQ(p.scoring_due_before, p.due_before);
  EXPECT_EQ(p.scoring_due_after, c.scoring_due());
  EXPECT_EQ(c.counting_start(), Vn(2026, 3, 9, 9, 0));
  EXPECT_FALSE(c.ScoredLateForRepeatedSupplement());
  // Used before the pause plus left after it is the whole limit.
  EXPECT_EQ(
      *StandardCalendar().WorkingTimeBetween(c.received(), p.requested) +
          *StandardCalendar().WorkingTimeBetween(p.completed, c.scoring_due()),
      absl::Hours(40));
}

TEST(DueDateComputation, SecondSupplementIsScoredLate) {
  DueDateComputation c = FiveDays();
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 3, 9, 0), Vn(2026, 3, 4, 9, 0)));
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 5, 9, 0), Vn(2026, 3, 6, 9, 0)));
  EXPECT_TRUE(c.ScoredLateForRepeatedSupplement());
  EXPECT_EQ(c.supplements().size(), 2u);
  EXPECT_EQ(Iso(c.due()), "2026-03-13T09:00:00+07:00");
}

TEST(DueDateComputation, RejectsSupplementsOutOfOrderAndChangesNothing) {
  DueDateComputation c = FiveDays();
  const absl::Time due = c.due();
  EXPECT_THAT(
      c.RecordSupplement(Vn(2026, 3, 4, 10, 0), Vn(2026, 3, 4, 9, 0)),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr("supplement.completed: is before supplement.requested")));
  EXPECT_THAT(
      c.RecordSupplement(Vn(2026, 3, 1, 10, 0), Vn(2026, 3, 4, 9, 0)),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "supplement.requested: 2026-03-01T10:00:00+07:00 is before the "
              "last recorded event")));
  EXPECT_THAT(c.RecordSupplement(Vn(2026, 3, 10, 10, 0), Vn(2026, 3, 11, 9, 0)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("supplement.requested: "
                                 "2026-03-10T10:00:00+07:00 is after the due "
                                 "time")));
  EXPECT_THAT(
      c.RecordSupplement(Vn(2026, 3, 4, 10, 0), Vn(2070, 1, 1, 9, 0)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("outside")));
  EXPECT_EQ(c.due(), due);
  EXPECT_TRUE(c.supplements().empty());
  // A second supplement may not start before the first one completed.
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 3, 9, 0), Vn(2026, 3, 5, 9, 0)));
  EXPECT_THAT(c.RecordSupplement(Vn(2026, 3, 4, 9, 0), Vn(2026, 3, 6, 9, 0)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("before the last recorded")));
}

TEST(DueDateComputation, ExtendsOnce) {
  DueDateComputation c = FiveDays();
  ASSERT_OK(c.Extend(Vn(2026, 3, 5, 10, 0), TimeLimit::WorkingDays(2),
                     "Cần xác minh thêm"));
  EXPECT_EQ(Iso(c.due()), "2026-03-11T08:00:00+07:00");
  EXPECT_EQ(c.scoring_due(), c.due());
  ASSERT_TRUE(c.extension().has_value());
  EXPECT_EQ(Iso(c.extension()->due_before), "2026-03-09T08:00:00+07:00");
  EXPECT_EQ(c.extension()->reason, "Cần xác minh thêm");
  EXPECT_THAT(
      c.Extend(Vn(2026, 3, 6, 10, 0), TimeLimit::WorkingDays(1), "Lần nữa"),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("already extended once")));
  EXPECT_EQ(Iso(c.due()), "2026-03-11T08:00:00+07:00");
}

TEST(DueDateComputation, RejectsBadExtensions) {
  const struct {
    absl::Time requested;
    TimeLimit extra;
    std::string reason;
    absl::StatusCode code;
    std::string error;
  } cases[] = {
      // Due Monday 09/03: a request on Monday is not 1 day before; Sunday is.
      {Vn(2026, 3, 9, 7, 0), TimeLimit::WorkingDays(2), "Muộn",
       absl::StatusCode::kFailedPrecondition,
       "is not at least 1 day before the due date 2026-03-09"},
      {Vn(2026, 3, 5, 9, 0), TimeLimit::CalendarDays(2), "X",
       absl::StatusCode::kInvalidArgument,
       "extension.extra.unit: days cannot extend a working_days limit"},
      {Vn(2026, 3, 5, 9, 0), TimeLimit::SameDay(), "X",
       absl::StatusCode::kInvalidArgument, "extension.extra.unit"},
      {Vn(2026, 3, 5, 9, 0), TimeLimit::WorkingDays(0), "X",
       absl::StatusCode::kInvalidArgument,
       "extension.extra.amount: must be at least 1"},
      {Vn(2026, 3, 5, 9, 0), TimeLimit::WorkingDays(-3), "X",
       absl::StatusCode::kInvalidArgument, "limit.amount: -3 is negative"},
      {Vn(2026, 3, 5, 9, 0), TimeLimit::WorkingDays(2), "",
       absl::StatusCode::kInvalidArgument, "extension.reason: empty"},
      {Vn(2026, 3, 1, 9, 0), TimeLimit::WorkingDays(2), "X",
       absl::StatusCode::kInvalidArgument,
       "extension.requested: 2026-03-01T09:00:00+07:00 is before the last "
       "recorded event"},
  };
  for (const auto& e : cases) {
    DueDateComputation c = FiveDays();
    EXPECT_THAT(c.Extend(e.requested, e.extra, e.reason),
                StatusIs(e.code, HasSubstr(e.error)))
        << e.error;
    EXPECT_FALSE(c.extension().has_value());
  }
  DueDateComputation c = FiveDays();
  EXPECT_OK(c.Extend(Vn(2026, 3, 8, 20, 0), TimeLimit::WorkingHours(4),
                     "Chủ Nhật vẫn được"));
  EXPECT_EQ(Iso(c.due()), "2026-03-09T14:00:00+07:00");
}

TEST(DueDateComputation, RestartAfterAnExtensionKeepsTheExtraTime) {
  DueDateComputation c = FiveDays();
  ASSERT_OK(
      c.Extend(Vn(2026, 3, 3, 10, 0), TimeLimit::WorkingDays(2), "Phức tạp"));
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 4, 10, 0), Vn(2026, 3, 9, 9, 0)));
  // 5 + 2 working days from Monday 09/03 09:00.
  EXPECT_EQ(Iso(c.due()), "2026-03-18T09:00:00+07:00");
  const Explanation e = *c.Explain();
  EXPECT_EQ(e.Counted(), absl::Hours(56));
  EXPECT_EQ(e.segments.size(), 2u);
}

TEST(DueDateComputation, CalendarDayLimitsPauseByDays) {
  DueDateComputation c = *DueDateComputation::Start(
      StandardCalendar(), Vn(2026, 3, 2, 9, 0), TimeLimit::CalendarDays(10));
  EXPECT_EQ(Iso(c.due()), "2026-03-12T17:00:00+07:00");
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 4, 9, 0), Vn(2026, 3, 6, 9, 0)));
  // Legal: 10 days from Friday 06/03 → Monday 16/03. Scoring: 8 days left from
  // 06/03 → 14/03, a Saturday, moved to Monday 16/03.
  EXPECT_EQ(Iso(c.due()), "2026-03-16T17:00:00+07:00");
  EXPECT_EQ(Iso(c.scoring_due()), "2026-03-16T17:00:00+07:00");
  EXPECT_THAT(
      c.Extend(Vn(2026, 3, 10, 9, 0), TimeLimit::WorkingDays(1), "X"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("use days")));
  ASSERT_OK(c.Extend(Vn(2026, 3, 10, 9, 0), TimeLimit::CalendarDays(5),
                     "Cần thêm thời gian"));
  EXPECT_EQ(Iso(c.due()), "2026-03-23T17:00:00+07:00");
  EXPECT_EQ(c.Explain()->CountedCalendarDays(), 15);
}

TEST(DueDateComputation, ExplainsPausesExtensionAndScoring) {
  DueDateComputation c = FiveDays();
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 4, 10, 0), Vn(2026, 3, 9, 9, 0)));
  ASSERT_OK(c.Extend(Vn(2026, 3, 12, 9, 0), TimeLimit::WorkingDays(1),
                     "Chờ ý kiến liên ngành"));
  const Explanation e = *c.Explain();
  EXPECT_EQ(e.due, c.due());
  EXPECT_EQ(e.Counted(), absl::Hours(48));
  const std::string text = e.ToText();
  EXPECT_THAT(text, HasSubstr("Tiếp nhận: 08:00 Thứ Hai, 02/03/2026."));
  EXPECT_THAT(
      text,
      HasSubstr(
          "Yêu cầu bổ sung hồ sơ lần 1: 10:00 Thứ Tư, 04/03/2026; nhận đủ hồ "
          "sơ: 09:00 Thứ Hai, 09/03/2026."));
  EXPECT_THAT(text, HasSubstr("khoản 4 Điều 19 Nghị định 61/2018/NĐ-CP"));
  EXPECT_THAT(text, HasSubstr("Từng ngày, tính lại từ khi nhận đủ hồ sơ (09:00 "
                              "Thứ Hai, 09/03/2026):"));
  EXPECT_THAT(
      text,
      HasSubstr("Gia hạn thêm 1 ngày làm việc (đề nghị lúc 09:00 Thứ Năm, "
                "12/03/2026; lý do: Chờ ý kiến liên ngành)"));
  EXPECT_THAT(text, HasSubstr("Hạn trả kết quả: 09:00 Thứ Ba, 17/03/2026."));
  EXPECT_THAT(text,
              HasSubstr("Hạn dùng để chấm điểm theo Quyết định 766/QĐ-TTg"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("từ lần thứ hai")));
}

TEST(DueDateComputation, CompletionOutsideHoursCountsFromTheNextSession) {
  DueDateComputation c = FiveDays();
  ASSERT_OK(c.RecordSupplement(Vn(2026, 3, 3, 9, 0), Vn(2026, 3, 7, 10, 0)));
  // Completed on Saturday: 5 working days from Monday 09/03 07:00.
  EXPECT_EQ(Iso(c.due()), "2026-03-13T17:00:00+07:00");
  const std::string text = c.Explain()->ToText();
  EXPECT_THAT(
      text,
      HasSubstr(
          "Nhận đủ hồ sơ ngoài giờ làm việc: thời hạn tính từ đầu phiên làm "
          "việc tiếp theo, 07:00 Thứ Hai, 09/03/2026."));
  EXPECT_THAT(
      text,
      HasSubstr("  - Thứ Bảy, 07/03/2026: không tính — ngày nghỉ hằng tuần"));
  EXPECT_EQ(c.Explain()->Counted(), absl::Hours(40));
}

TEST(DueDateComputationProperty, BothRulesHoldForRandomSupplements) {
  const WorkingCalendar& cal = StandardCalendar();
  std::mt19937_64 rng(19);
  const int64_t lo = absl::ToUnixSeconds(Vn(2020, 1, 1));
  const int64_t hi = absl::ToUnixSeconds(Vn(2030, 1, 1));
  for (int i = 0; i < 3000; ++i) {
    const absl::Time received = absl::FromUnixSeconds(
        std::uniform_int_distribution<int64_t>(lo, hi - 1)(rng));
    const int n = 1 + static_cast<int>(rng() % 60);
    DueDateComputation c =
        *DueDateComputation::Start(cal, received, TimeLimit::WorkingDays(n));
    // A request somewhere before the due time, completed up to 30 days later.
    const absl::Duration span = c.due() - received;
    const absl::Time requested =
        received + absl::Seconds(std::uniform_int_distribution<int64_t>(
                       0, absl::ToInt64Seconds(span))(rng));
    const absl::Time completed =
        requested + absl::Seconds(std::uniform_int_distribution<int64_t>(
                        0, 30 * 86400)(rng));
    ASSERT_OK(c.RecordSupplement(requested, completed));
    ASSERT_EQ(c.due(),
              *ComputeDueTime(cal, completed, TimeLimit::WorkingDays(n)));
    ASSERT_EQ(*cal.WorkingTimeBetween(received, requested) +
                  *cal.WorkingTimeBetween(completed, c.scoring_due()),
              absl::Hours(8 * n))
        << Iso(received) << " " << Iso(requested) << " " << Iso(completed);
    ASSERT_LE(c.scoring_due(), c.due());
    ASSERT_EQ(c.Explain()->Counted(), absl::Hours(8 * n));
  }
}

}  // namespace
}  // namespace motcua::calendar
