#include "services/calendar/explanation.h"

#include <random>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/calendar/test_times.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

using ::motcua::calendar::testing::CalendarWith;
using ::motcua::calendar::testing::Iso;
using ::motcua::calendar::testing::StandardCalendar;
using ::motcua::calendar::testing::Vn;
using ::motcua::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> DayTexts(const Explanation& e) {
  std::vector<std::string> out;
  for (const ExplanationSegment& s : e.segments) {
    for (const ExplainedDay& d : s.days) {
      out.push_back(d.text);
    }
  }
  return out;
}

TEST(ExplainDueTime, TellsTet2026DayByDay) {
  const Explanation e = *ExplainDueTime(
      StandardCalendar(), Vn(2026, 2, 13, 16, 0), TimeLimit::WorkingDays(3));
  EXPECT_EQ(Iso(e.due), "2026-02-25T16:00:00+07:00");
  EXPECT_EQ(e.Counted(), absl::Hours(24));
  EXPECT_THAT(
      DayTexts(e),
      ElementsAre(
          "Thứ Sáu, 13/02/2026: tính 1 giờ (16:00–17:00)",
          "Thứ Bảy, 14/02/2026: không tính — ngày nghỉ hằng tuần (Thứ Bảy)",
          "Chủ Nhật, 15/02/2026: không tính — ngày nghỉ hằng tuần (Chủ Nhật)",
          "Thứ Hai, 16/02/2026: không tính — ngày nghỉ lễ theo thông báo: Nghỉ "
          "Tết Nguyên đán "
          "(29 tháng Chạp năm Ất Tỵ)",
          "Thứ Ba, 17/02/2026: không tính — ngày nghỉ lễ theo thông báo: Nghỉ "
          "Tết Nguyên đán "
          "(mùng 1 tháng Giêng năm Bính Ngọ)",
          "Thứ Tư, 18/02/2026: không tính — ngày nghỉ lễ theo thông báo: Nghỉ "
          "Tết Nguyên đán "
          "(mùng 2 tháng Giêng năm Bính Ngọ)",
          "Thứ Năm, 19/02/2026: không tính — ngày nghỉ lễ theo thông báo: Nghỉ "
          "Tết Nguyên đán "
          "(mùng 3 tháng Giêng năm Bính Ngọ)",
          "Thứ Sáu, 20/02/2026: không tính — ngày nghỉ lễ theo thông báo: Nghỉ "
          "Tết Nguyên đán "
          "(mùng 4 tháng Giêng năm Bính Ngọ)",
          "Thứ Bảy, 21/02/2026: không tính — ngày nghỉ hằng tuần (Thứ Bảy)",
          "Chủ Nhật, 22/02/2026: không tính — ngày nghỉ hằng tuần (Chủ Nhật)",
          "Thứ Hai, 23/02/2026: tính 8 giờ (07:00–11:30, 13:30–17:00)",
          "Thứ Ba, 24/02/2026: tính 8 giờ (07:00–11:30, 13:30–17:00)",
          "Thứ Tư, 25/02/2026: tính 7 giờ (07:00–11:30, 13:30–16:00)"));
  EXPECT_EQ(e.segments[0].total,
            "Cộng: 1 giờ + 8 giờ + 8 giờ + 7 giờ = 24 giờ làm việc = 3 ngày "
            "làm việc.");
  const std::string text = e.ToText();
  EXPECT_THAT(text, HasSubstr("Tiếp nhận: 16:00 Thứ Sáu, 13/02/2026.\n"));
  EXPECT_THAT(
      text,
      HasSubstr("Thời hạn giải quyết: 3 ngày làm việc = 24 giờ làm việc"));
  EXPECT_THAT(text, HasSubstr("  - Thứ Hai, 23/02/2026: tính 8 giờ"));
  EXPECT_THAT(text, HasSubstr("Hạn trả kết quả: 16:00 Thứ Tư, 25/02/2026.\n"));
  EXPECT_THAT(text, HasSubstr(StandardCalendar().version()));
}

TEST(ExplainDueTime, NamesCompensatoryDays) {
  const Explanation e = *ExplainDueTime(
      StandardCalendar(), Vn(2023, 4, 28, 9, 0), TimeLimit::WorkingDays(1));
  EXPECT_THAT(
      DayTexts(e),
      ElementsAre(
          "Thứ Sáu, 28/04/2023: tính 6 giờ (09:00–11:30, 13:30–17:00)",
          "Thứ Bảy, 29/04/2023: không tính — ngày nghỉ lễ: Giỗ Tổ Hùng Vương "
          "(10/3 âm lịch)",
          "Chủ Nhật, 30/04/2023: không tính — ngày nghỉ lễ: Ngày Chiến thắng "
          "(30/4)",
          "Thứ Hai, 01/05/2023: không tính — ngày nghỉ lễ: Ngày Quốc tế Lao "
          "động "
          "(1/5)",
          "Thứ Ba, 02/05/2023: không tính — ngày nghỉ bù cho Giỗ Tổ Hùng Vương "
          "(10/3 âm lịch) rơi vào Thứ Bảy 29/04/2023",
          "Thứ Tư, 03/05/2023: không tính — ngày nghỉ bù cho Ngày Chiến thắng "
          "(30/4) rơi vào Chủ Nhật 30/04/2023",
          "Thứ Năm, 04/05/2023: tính 2 giờ (07:00–09:00)"));
  EXPECT_EQ(e.segments[0].total,
            "Cộng: 6 giờ + 2 giờ = 8 giờ làm việc = 1 ngày làm việc.");
}

TEST(ExplainDueTime, AnnouncedDayOffAndMakeupDay) {
  const WorkingCalendar cal = CalendarWith(
      "2026-03-09\toff\tNghỉ hoán đổi\n2026-03-14\tmakeup\tLàm bù cho ngày "
      "09/03/2026\n");
  const Explanation e =
      *ExplainDueTime(cal, Vn(2026, 3, 6, 13, 30), TimeLimit::WorkingDays(6));
  const std::vector<std::string> days = DayTexts(e);
  EXPECT_THAT(days,
              ::testing::Contains("Thứ Hai, 09/03/2026: không tính — ngày nghỉ "
                                  "theo thông báo: Nghỉ hoán đổi"));
  EXPECT_THAT(days,
              ::testing::Contains(
                  "Thứ Bảy, 14/03/2026: tính 8 giờ (07:00–11:30, "
                  "13:30–17:00) — ngày làm bù (Làm bù cho ngày 09/03/2026)"));
  EXPECT_EQ(e.Counted(), absl::Hours(48));
}

TEST(ExplainDueTime, OutsideHoursReception) {
  const Explanation e = *ExplainDueTime(
      StandardCalendar(), Vn(2026, 3, 6, 18, 30), TimeLimit::WorkingHours(2));
  EXPECT_THAT(
      e.notes,
      ::testing::Contains(
          "Tiếp nhận ngoài giờ làm việc: thời hạn tính từ đầu phiên làm việc "
          "tiếp theo, 07:00 Thứ Hai, 09/03/2026."));
  EXPECT_THAT(
      DayTexts(e),
      ElementsAre(
          "Thứ Sáu, 06/03/2026: không tính — tiếp nhận sau giờ làm việc, thời "
          "hạn tính từ phiên làm việc tiếp theo",
          "Thứ Bảy, 07/03/2026: không tính — ngày nghỉ hằng tuần (Thứ Bảy)",
          "Chủ Nhật, 08/03/2026: không tính — ngày nghỉ hằng tuần (Chủ Nhật)",
          "Thứ Hai, 09/03/2026: tính 2 giờ (07:00–09:00)"));
  EXPECT_EQ(e.segments[0].total, "Cộng: 2 giờ làm việc.");
}

TEST(ExplainDueTime, SameDayCutoff) {
  const Explanation before = *ExplainDueTime(
      StandardCalendar(), Vn(2026, 2, 23, 14, 20), TimeLimit::SameDay());
  EXPECT_THAT(
      DayTexts(before),
      ElementsAre(
          "Thứ Hai, 23/02/2026: tiếp nhận (tính từ 14:20), trước 15:00 nên trả "
          "kết quả trong ngày; hạn trả 17:00"));
  const Explanation after = *ExplainDueTime(
      StandardCalendar(), Vn(2026, 2, 13, 15, 30), TimeLimit::SameDay());
  const std::vector<std::string> days = DayTexts(after);
  EXPECT_EQ(days.front(),
            "Thứ Sáu, 13/02/2026: tiếp nhận (tính từ 15:30), từ 15:00 nên trả "
            "kết quả vào ngày "
            "làm việc tiếp theo");
  EXPECT_EQ(days.back(),
            "Thứ Hai, 23/02/2026: ngày làm việc tiếp theo; hạn trả 17:00");
  EXPECT_EQ(days.size(), 11u);
  EXPECT_THAT(after.ToText(),
              HasSubstr("tiếp nhận trước 15:00 thì trả kết quả cuối ngày đó"));
}

TEST(ExplainDueTime, CalendarDaysCountRestDaysAndMoveTheEnd) {
  const Explanation e = *ExplainDueTime(
      StandardCalendar(), Vn(2026, 2, 12, 9, 0), TimeLimit::CalendarDays(2));
  const std::vector<std::string> days = DayTexts(e);
  EXPECT_EQ(days[0],
            "Thứ Năm, 12/02/2026: ngày tiếp nhận, không tính (thời hạn tính từ "
            "ngày hôm sau)");
  EXPECT_EQ(days[1], "Thứ Sáu, 13/02/2026: ngày thứ 1");
  EXPECT_EQ(days[2],
            "Thứ Bảy, 14/02/2026: ngày thứ 2 (ngày nghỉ vẫn được tính: ngày "
            "nghỉ hằng tuần (Thứ "
            "Bảy))");
  EXPECT_EQ(
      days[3],
      "Chủ Nhật, 15/02/2026: không tính — ngày nghỉ hằng tuần (Chủ Nhật)");
  EXPECT_EQ(days.back(),
            "Thứ Hai, 23/02/2026: ngày làm việc tiếp theo; hạn trả 17:00");
  EXPECT_EQ(e.CountedCalendarDays(), 2);
  EXPECT_EQ(e.segments[0].total,
            "Cộng: 2 ngày (tính cả ngày nghỉ); ngày cuối Thứ Bảy, 14/02/2026 "
            "là ngày nghỉ nên hạn "
            "chuyển sang ngày làm việc tiếp theo, Thứ Hai, 23/02/2026.");
}

TEST(ExplainDueTime, Immediate) {
  const Explanation e = *ExplainDueTime(
      StandardCalendar(), Vn(2026, 3, 7, 10, 0), TimeLimit::Immediate());
  EXPECT_EQ(DayTexts(e).back(),
            "Thứ Hai, 09/03/2026: giải quyết ngay, hạn trả 07:00");
  EXPECT_THAT(e.ToText(), HasSubstr("Thời hạn giải quyết: giải quyết ngay."));
}

TEST(ExplainDueTime, ErrorsAsComputeDueTime) {
  EXPECT_THAT(
      ExplainDueTime(StandardCalendar(), Vn(2026, 3, 2, 9, 0),
                     TimeLimit::WorkingDays(-2)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit.amount")));
  EXPECT_THAT(ExplainSegment(StandardCalendar(), "x", Vn(2026, 3, 3, 9, 0),
                             TimeLimit::WorkingDays(1), Vn(2026, 3, 2, 9, 0)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("due: is before start")));
}

TEST(ExplainDueTimeProperty, CountedTimeAddsUpToTheLimit) {
  const WorkingCalendar& cal = StandardCalendar();
  std::mt19937_64 rng(42);
  const int64_t lo = absl::ToUnixSeconds(Vn(2020, 1, 1));
  const int64_t hi = absl::ToUnixSeconds(Vn(2031, 1, 1));
  for (int i = 0; i < 5000; ++i) {
    const absl::Time received = absl::FromUnixSeconds(
        std::uniform_int_distribution<int64_t>(lo, hi - 1)(rng));
    const int n = static_cast<int>(rng() % 61);
    const TimeLimit limits[] = {TimeLimit::WorkingDays(n),
                                TimeLimit::WorkingHours(n),
                                TimeLimit::CalendarDays(n)};
    for (const TimeLimit& limit : limits) {
      const Explanation e = *ExplainDueTime(cal, received, limit);
      ASSERT_EQ(e.due, *ComputeDueTime(cal, received, limit));
      if (limit.unit == LimitUnit::kCalendarDays) {
        ASSERT_EQ(e.CountedCalendarDays(), n) << Iso(received);
      } else {
        ASSERT_EQ(e.Counted(), WorkingTimeOf(cal, limit))
            << Iso(received) << " " << n;
      }
      // Every day from reception to the due day is told, once, in order.
      const ExplanationSegment& s = e.segments[0];
      ASSERT_EQ(s.days.front().day, cal.LocalDay(received));
      ASSERT_EQ(s.days.back().day, cal.LocalDay(e.due));
      ASSERT_EQ(static_cast<int64_t>(s.days.size()),
                (cal.LocalDay(e.due) - cal.LocalDay(received)) + 1);
      for (const ExplainedDay& d : s.days) {
        if (d.counted > absl::ZeroDuration()) {
          ASSERT_TRUE(cal.IsWorkingDay(d.day));
        }
      }
    }
  }
}

}  // namespace
}  // namespace motcua::calendar
