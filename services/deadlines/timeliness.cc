#include "services/deadlines/timeliness.h"

#include <cmath>

#include "services/common/status_macros.h"

namespace motcua::deadlines {
namespace {

constexpr int kCutoffHour = 15;
constexpr absl::Duration kWorkingDay = absl::Hours(8);

}  // namespace

calendar::TimeLimit ToCalendarLimit(const catalog::TimeLimit& limit) {
  double value = limit.value;
  switch (limit.unit) {
    case catalog::TimeUnit::kWorkingDays:
      if (value != std::floor(value)) {
        return calendar::TimeLimit::WorkingHours(static_cast<int>(std::lround(value * 8)));
      }
      return calendar::TimeLimit::WorkingDays(static_cast<int>(value));
    case catalog::TimeUnit::kWorkingHours:
      return calendar::TimeLimit::WorkingHours(static_cast<int>(std::lround(value)));
    case catalog::TimeUnit::kCalendarDays:
      return calendar::TimeLimit::CalendarDays(static_cast<int>(std::lround(value)));
    case catalog::TimeUnit::kSameDay:
      return calendar::TimeLimit::SameDay();
    case catalog::TimeUnit::kImmediate:
      return calendar::TimeLimit::Immediate();
  }
  return calendar::TimeLimit::SameDay();
}

absl::StatusOr<absl::Time> TransferTime(const calendar::WorkingCalendar& calendar,
                                        absl::Time received, bool paper) {
  if (!paper) return received;
  absl::CivilDay day = calendar.LocalDay(received);
  absl::Time cutoff = absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(),
                                                      kCutoffHour),
                                      calendar.time_zone());
  if (calendar.IsWorkingDay(day) && received < cutoff) {
    // Inside or before today's sessions: at once (or when the desk opens).
    return calendar.NextSessionStart(received);
  }
  // After 15:00, or on a day off: the start of the next working day.
  MOTCUA_ASSIGN_OR_RETURN(absl::CivilDay next, calendar.WorkingDayOnOrAfter(day + 1));
  return calendar.NextSessionStart(absl::FromCivil(next, calendar.time_zone()));
}

absl::StatusOr<bool> WithinSupplementWindow(const calendar::WorkingCalendar& calendar,
                                            absl::Time received, absl::Time requested) {
  MOTCUA_ASSIGN_OR_RETURN(absl::Time limit,
                          calendar::ComputeDueTime(calendar, received,
                                                   calendar::TimeLimit::WorkingDays(3)));
  return requested <= limit;
}

Timeliness Classify(const dossier::Dossier& d, const calendar::WorkingCalendar& calendar,
                    absl::Time now) {
  if (!d.due_time) return Timeliness::kInProgress;
  const absl::Time due = *d.due_time;
  std::optional<absl::Time> end = d.handling_end_time;
  if (!end && d.status == workflow::Status::kSupplementRequested && !d.supplements.empty()) {
    end = d.supplements.back().requested_time;
  }
  if (end) {
    if (*end > due) return Timeliness::kLate;
    if (calendar.LocalDay(*end) < calendar.LocalDay(due)) return Timeliness::kEarly;
    return Timeliness::kOnTime;
  }
  if (now > due) return Timeliness::kLate;
  auto left = calendar.WorkingTimeBetween(now, due);
  if (left.ok() && *left <= kWorkingDay) return Timeliness::kDueSoon;
  return Timeliness::kInProgress;
}

bool NationalOnTime(const dossier::Dossier& d, absl::Time period_end) {
  if (d.supplements.size() > 1) return false;
  std::optional<absl::Time> due = d.scoring_due_time ? d.scoring_due_time : d.due_time;
  if (!due) return true;
  absl::Time end = period_end;
  if (d.handling_end_time) {
    end = *d.handling_end_time;
  } else if (d.status == workflow::Status::kSupplementRequested && !d.supplements.empty()) {
    end = d.supplements.back().requested_time;
  }
  return end - d.SupplementPause() <= *due;
}

}  // namespace motcua::deadlines
