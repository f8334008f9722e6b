#include "services/calendar/builtin_schedules.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::calendar {
namespace {

TEST(BuiltinSchedules, EmbedsTheDataFiles) {
  const std::vector<BuiltinScheduleFile> files = BuiltinScheduleFiles();
  ASSERT_FALSE(files.empty());
  bool has_2026 = false;
  for (const BuiltinScheduleFile& f : files) {
    EXPECT_TRUE(absl::StartsWith(f.name, "announced-")) << f.name;
    EXPECT_TRUE(AnnouncedSchedule::Parse(f.text).ok()) << f.name;
    has_2026 = has_2026 || f.name == "announced-2026.tsv";
  }
  EXPECT_TRUE(has_2026);
}

TEST(BuiltinSchedules, Holds2026TetFromThongBao9441) {
  const absl::StatusOr<AnnouncedSchedule> s = BuiltinAnnouncedSchedule();
  ASSERT_OK(s);
  const std::vector<AnnouncedDay> days = s->DaysOfYear(2026);
  ASSERT_EQ(days.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(days[i].day, absl::CivilDay(2026, 2, 16 + i));
    EXPECT_EQ(days[i].kind, AnnouncedKind::kTet);
  }
  EXPECT_EQ(days[0].name, "Nghỉ Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)");
  EXPECT_EQ(days[4].name,
            "Nghỉ Tết Nguyên đán (mùng 4 tháng Giêng năm Bính Ngọ)");
  EXPECT_FALSE(s->AnnouncesNationalDay(2026));
}

}  // namespace
}  // namespace motcua::calendar
