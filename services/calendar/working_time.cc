#include "services/calendar/working_time.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr Session kMorning{7 * 60, 11 * 60 + 30};
constexpr Session kAfternoon{13 * 60 + 30, 17 * 60};

std::string FormatMinute(int minute) {
  return absl::StrFormat("%02d:%02d", minute / 60, minute % 60);
}

absl::Status CheckSession(const std::optional<Session>& s,
                          const std::string& field) {
  if (!s.has_value()) {
    return absl::OkStatus();
  }
  if (s->begin_minute < 0 || s->end_minute > kMinutesPerDay) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", s->begin_minute, "..", s->end_minute,
                     " minutes is outside the day (0..", kMinutesPerDay, ")"));
  }
  if (s->begin_minute >= s->end_minute) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": begin ", FormatMinute(s->begin_minute),
                     " is not before end ", FormatMinute(s->end_minute)));
  }
  return absl::OkStatus();
}

absl::Status CheckDay(const DaySessions& day, const std::string& field) {
  MOTCUA_RETURN_IF_ERROR(
      CheckSession(day.morning, absl::StrCat(field, ".morning")));
  MOTCUA_RETURN_IF_ERROR(
      CheckSession(day.afternoon, absl::StrCat(field, ".afternoon")));
  if (day.morning.has_value() && day.afternoon.has_value() &&
      day.morning->end_minute > day.afternoon->begin_minute) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".afternoon: begins at ",
                     FormatMinute(day.afternoon->begin_minute),
                     ", before the morning ends at ",
                     FormatMinute(day.morning->end_minute)));
  }
  return absl::OkStatus();
}

std::string CanonicalDay(const DaySessions& day) {
  std::string out;
  if (day.morning.has_value()) {
    out = FormatSession(*day.morning);
  }
  if (day.afternoon.has_value()) {
    absl::StrAppend(&out, out.empty() ? "" : ",",
                    FormatSession(*day.afternoon));
  }
  return out.empty() ? "-" : out;
}

}  // namespace

int DaySessions::WorkingMinutes() const {
  return (morning.has_value() ? morning->minutes() : 0) +
         (afternoon.has_value() ? afternoon->minutes() : 0);
}

WorkingTime WorkingTime::Default() {
  WorkingTime wt;
  const DaySessions full{kMorning, kAfternoon};
  for (int i = 0; i < 5; ++i) {
    wt.week[i] = full;
  }
  wt.makeup_day = full;
  return wt;
}

WorkingTime WorkingTime::DefaultWithSaturdayMorning() {
  WorkingTime wt = Default();
  wt.ForWeekday(absl::Weekday::saturday).morning = kMorning;
  return wt;
}

absl::Status WorkingTime::Validate() const {
  bool any = false;
  for (int i = 0; i < 7; ++i) {
    MOTCUA_RETURN_IF_ERROR(CheckDay(
        week[i], absl::StrCat("working_time.",
                              WeekdayCode(static_cast<absl::Weekday>(i)))));
    any = any || week[i].works();
  }
  if (!any) {
    return absl::InvalidArgumentError(
        "working_time.week: no weekday has a session");
  }
  MOTCUA_RETURN_IF_ERROR(CheckDay(makeup_day, "working_time.makeup_day"));
  if (!makeup_day.works()) {
    return absl::InvalidArgumentError(
        "working_time.makeup_day: a make-up day needs a session");
  }
  if (minutes_per_working_day < 1 || minutes_per_working_day > kMinutesPerDay) {
    return absl::InvalidArgumentError(absl::StrCat(
        "working_time.minutes_per_working_day: ", minutes_per_working_day,
        " is outside 1..", kMinutesPerDay));
  }
  if (same_day_cutoff_minute < 0 || same_day_cutoff_minute > kMinutesPerDay) {
    return absl::InvalidArgumentError(absl::StrCat(
        "working_time.same_day_cutoff_minute: ", same_day_cutoff_minute,
        " is outside 0..", kMinutesPerDay));
  }
  return absl::OkStatus();
}

std::string WorkingTime::Canonical() const {
  std::string out;
  for (int i = 0; i < 7; ++i) {
    absl::StrAppend(&out,
                    WeekdayCode(static_cast<absl::Weekday>(i)).substr(0, 3),
                    "=", CanonicalDay(week[i]), ";");
  }
  absl::StrAppend(&out, "makeup=", CanonicalDay(makeup_day),
                  ";day=", minutes_per_working_day,
                  ";cutoff=", FormatMinute(same_day_cutoff_minute));
  return out;
}

absl::StatusOr<int> ParseClockMinute(absl::string_view text) {
  const absl::string_view t = absl::StripAsciiWhitespace(text);
  const bool shape = t.size() == 5 && t[2] == ':' &&
                     absl::ascii_isdigit(t[0]) && absl::ascii_isdigit(t[1]) &&
                     absl::ascii_isdigit(t[3]) && absl::ascii_isdigit(t[4]);
  if (!shape) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a time of the form HH:MM"));
  }
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (m > 59 || h * 60 + m > kMinutesPerDay) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a time within 00:00–24:00"));
  }
  return h * 60 + m;
}

absl::StatusOr<Session> ParseSession(absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.size() != 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is not a session of the form HH:MM-HH:MM"));
  }
  Session s;
  MOTCUA_ASSIGN_OR_RETURN(s.begin_minute, ParseClockMinute(parts[0]));
  MOTCUA_ASSIGN_OR_RETURN(s.end_minute, ParseClockMinute(parts[1]));
  if (s.begin_minute >= s.end_minute) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": the session must end after it begins"));
  }
  return s;
}

std::string FormatSession(const Session& session) {
  return absl::StrCat(FormatMinute(session.begin_minute), "-",
                      FormatMinute(session.end_minute));
}

absl::string_view WeekdayCode(absl::Weekday weekday) {
  switch (weekday) {
    case absl::Weekday::monday:
      return "monday";
    case absl::Weekday::tuesday:
      return "tuesday";
    case absl::Weekday::wednesday:
      return "wednesday";
    case absl::Weekday::thursday:
      return "thursday";
    case absl::Weekday::friday:
      return "friday";
    case absl::Weekday::saturday:
      return "saturday";
    case absl::Weekday::sunday:
      return "sunday";
  }
  return "";
}

}  // namespace motcua::calendar
