#include "services/calendar/due_date.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {
namespace {

constexpr int kHoursPerWorkingDay = 8;

// Seconds after local midnight of `t`.
int64_t SecondOfDay(const WorkingCalendar& calendar, absl::Time t) {
  const int64_t local =
      absl::ToUnixSeconds(t) + int64_t{calendar.utc_offset_hours()} * 3600;
  const int64_t r = local % 86400;
  return r < 0 ? r + 86400 : r;
}

}  // namespace

absl::string_view LimitUnitCode(LimitUnit unit) {
  switch (unit) {
    case LimitUnit::kWorkingDays:
      return "working_days";
    case LimitUnit::kWorkingHours:
      return "working_hours";
    case LimitUnit::kCalendarDays:
      return "days";
    case LimitUnit::kSameDay:
      return "same_day";
    case LimitUnit::kImmediate:
      return "immediate";
  }
  return "";
}

std::optional<LimitUnit> LimitUnitFromCode(absl::string_view code) {
  for (LimitUnit u :
       {LimitUnit::kWorkingDays, LimitUnit::kWorkingHours,
        LimitUnit::kCalendarDays, LimitUnit::kSameDay, LimitUnit::kImmediate}) {
    if (code == LimitUnitCode(u)) {
      return u;
    }
  }
  return std::nullopt;
}

absl::Status ValidateTimeLimit(const TimeLimit& limit) {
  int max = 0;
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
    case LimitUnit::kCalendarDays:
      max = kMaxLimitDays;
      break;
    case LimitUnit::kWorkingHours:
      max = kMaxLimitDays * kHoursPerWorkingDay;
      break;
    case LimitUnit::kSameDay:
    case LimitUnit::kImmediate:
      return absl::OkStatus();
    default:
      return absl::InvalidArgumentError("limit.unit: unknown unit");
  }
  if (limit.amount < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("limit.amount: ", limit.amount, " is negative"));
  }
  if (limit.amount > max) {
    return absl::InvalidArgumentError(absl::StrCat(
        "limit.amount: ", limit.amount, " ", LimitUnitCode(limit.unit),
        " is more than the maximum of ", max));
  }
  return absl::OkStatus();
}

std::string DescribeTimeLimit(const TimeLimit& limit) {
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
      return absl::StrCat(limit.amount, " ngày làm việc");
    case LimitUnit::kWorkingHours:
      return absl::StrCat(limit.amount, " giờ làm việc");
    case LimitUnit::kCalendarDays:
      return absl::StrCat(limit.amount, " ngày");
    case LimitUnit::kSameDay:
      return "trong ngày";
    case LimitUnit::kImmediate:
      return "giải quyết ngay";
  }
  return "";
}

absl::Duration WorkingTimeOf(const WorkingCalendar& calendar,
                             const TimeLimit& limit) {
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
      return absl::Minutes(int64_t{limit.amount} *
                           calendar.working_time().minutes_per_working_day);
    case LimitUnit::kWorkingHours:
      return absl::Hours(limit.amount);
    default:
      return absl::ZeroDuration();
  }
}

absl::StatusOr<absl::Time> ComputeDueTime(const WorkingCalendar& calendar,
                                          absl::Time received,
                                          const TimeLimit& limit) {
  MOTCUA_RETURN_IF_ERROR(ValidateTimeLimit(limit));
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
    case LimitUnit::kWorkingHours:
      return calendar.AddWorkingTime(received, WorkingTimeOf(calendar, limit));
    case LimitUnit::kImmediate:
      return calendar.NextSessionStart(received);
    case LimitUnit::kCalendarDays: {
      MOTCUA_ASSIGN_OR_RETURN(const absl::Time start,
                              calendar.NextSessionStart(received));
      const absl::CivilDay last = calendar.LocalDay(start) + limit.amount;
      if (!calendar.Covers(last)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "limit.amount: the last day ", absl::FormatCivilTime(last),
            " is outside the calendar's years ", calendar.first_year(), "..",
            calendar.last_year()));
      }
      MOTCUA_ASSIGN_OR_RETURN(const absl::CivilDay due_day,
                              calendar.WorkingDayOnOrAfter(last));
      return calendar.EndOfWorkingDay(due_day);
    }
    case LimitUnit::kSameDay: {
      MOTCUA_ASSIGN_OR_RETURN(const absl::Time start,
                              calendar.NextSessionStart(received));
      const absl::CivilDay start_day = calendar.LocalDay(start);
      if (SecondOfDay(calendar, start) <
          calendar.working_time().same_day_cutoff_minute * 60) {
        return calendar.EndOfWorkingDay(start_day);
      }
      if (!calendar.Covers(start_day + 1)) {
        return absl::InvalidArgumentError(
            "received: the next working day is outside the calendar");
      }
      MOTCUA_ASSIGN_OR_RETURN(const absl::CivilDay next,
                              calendar.WorkingDayOnOrAfter(start_day + 1));
      return calendar.EndOfWorkingDay(next);
    }
  }
  return absl::InvalidArgumentError("limit.unit: unknown unit");
}

}  // namespace motcua::calendar
