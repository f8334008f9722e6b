#include "services/calendar/vietnamese_text.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"

namespace motcua::calendar {
namespace {

TEST(VietnameseText, WeekdaysAndDays) {
  EXPECT_EQ(WeekdayName(absl::Weekday::monday), "Thứ Hai");
  EXPECT_EQ(WeekdayName(absl::Weekday::wednesday), "Thứ Tư");
  EXPECT_EQ(WeekdayName(absl::Weekday::saturday), "Thứ Bảy");
  EXPECT_EQ(WeekdayName(absl::Weekday::sunday), "Chủ Nhật");
  EXPECT_EQ(FormatDayVi(absl::CivilDay(2026, 2, 7)), "07/02/2026");
  EXPECT_EQ(FormatDayWithWeekdayVi(absl::CivilDay(2026, 2, 17)),
            "Thứ Ba, 17/02/2026");
}

TEST(VietnameseText, ClocksAndDurations) {
  EXPECT_EQ(FormatClock(7 * 3600), "07:00");
  EXPECT_EQ(FormatClock(13 * 3600 + 30 * 60), "13:30");
  EXPECT_EQ(FormatClock(7 * 3600 + 30), "07:00:30");
  EXPECT_EQ(FormatDurationVi(absl::Hours(8)), "8 giờ");
  EXPECT_EQ(FormatDurationVi(absl::Minutes(270)), "4 giờ 30 phút");
  EXPECT_EQ(FormatDurationVi(absl::Minutes(45)), "45 phút");
  EXPECT_EQ(FormatDurationVi(absl::ZeroDuration()), "0 giờ");
  EXPECT_EQ(FormatDurationVi(absl::Hours(1) + absl::Seconds(5)),
            "1 giờ 5 giây");
  EXPECT_EQ(FormatDurationVi(absl::Hours(24)), "24 giờ");
}

TEST(VietnameseText, TimesInAZone) {
  const absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 2, 13, 16, 0, 0),
                                       VietnamTimeZone());
  EXPECT_EQ(FormatTimeVi(t, VietnamTimeZone()), "16:00 Thứ Sáu, 13/02/2026");
  EXPECT_EQ(FormatTimeVi(t, absl::UTCTimeZone()), "09:00 Thứ Sáu, 13/02/2026");
}

}  // namespace
}  // namespace motcua::calendar
