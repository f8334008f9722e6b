#include "services/calendar/unit_working_time.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/calendar/vietnamese_text.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {
namespace {

absl::Status Bad(absl::string_view item, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("working time \"", item, "\": ", why));
}

// "07:00-11:30,13:30-17:00", "13:30-17:00" or "-".
absl::StatusOr<DaySessions> ParseDay(absl::string_view item, absl::string_view value) {
  DaySessions day;
  if (value == "-") return day;
  std::vector<absl::string_view> parts = absl::StrSplit(value, ',');
  if (parts.size() > 2) return Bad(item, "at most two sessions (morning, afternoon)");
  std::vector<Session> sessions;
  for (absl::string_view part : parts) {
    absl::StatusOr<Session> s = ParseSession(absl::StripAsciiWhitespace(part));
    if (!s.ok()) return Bad(item, s.status().message());
    sessions.push_back(*s);
  }
  if (sessions.size() == 2) {
    day.morning = sessions[0];
    day.afternoon = sessions[1];
  } else if (sessions[0].begin_minute >= 12 * 60) {
    day.afternoon = sessions[0];
  } else {
    day.morning = sessions[0];
  }
  return day;
}

std::optional<int> WeekdayIndex(absl::string_view key) {
  static constexpr absl::string_view kKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int i = 0; i < 7; ++i) {
    if (key == kKeys[i]) return i;
  }
  return std::nullopt;
}

bool IsUnitCode(absl::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<WorkingTime> ParseWorkingTime(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text == "default") return WorkingTime::Default();
  if (text == "saturday_morning") return WorkingTime::DefaultWithSaturdayMorning();
  if (text.empty()) {
    return absl::InvalidArgumentError(
        "working time: empty (give default, saturday_morning or a spec like "
        "\"mon=07:00-11:30,13:30-17:00;...\")");
  }
  WorkingTime wt;  // no weekday works until an item says so
  wt.makeup_day = WorkingTime::Default().makeup_day;
  bool seen[10] = {};
  for (absl::string_view item : absl::StrSplit(text, ';', absl::SkipWhitespace())) {
    item = absl::StripAsciiWhitespace(item);
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(item, absl::MaxSplits('=', 1));
    const absl::string_view key = absl::StripAsciiWhitespace(kv.first);
    const absl::string_view value = absl::StripAsciiWhitespace(kv.second);
    if (item.find('=') == absl::string_view::npos || value.empty()) {
      return Bad(item, "expected key=value (mon..sun, makeup, day, cutoff)");
    }
    int slot;
    if (std::optional<int> weekday = WeekdayIndex(key)) {
      slot = *weekday;
      MOTCUA_ASSIGN_OR_RETURN(wt.week[*weekday], ParseDay(item, value));
    } else if (key == "makeup") {
      slot = 7;
      MOTCUA_ASSIGN_OR_RETURN(wt.makeup_day, ParseDay(item, value));
    } else if (key == "day") {
      slot = 8;
      int minutes = 0;
      if (!absl::SimpleAtoi(value, &minutes)) return Bad(item, "day= takes working minutes, e.g. 480");
      wt.minutes_per_working_day = minutes;
    } else if (key == "cutoff") {
      slot = 9;
      absl::StatusOr<int> minute = ParseClockMinute(value);
      if (!minute.ok()) return Bad(item, minute.status().message());
      wt.same_day_cutoff_minute = *minute;
    } else {
      return Bad(item, absl::StrCat("unknown key \"", key,
                                    "\" (mon, tue, wed, thu, fri, sat, sun, makeup, day, cutoff)"));
    }
    if (seen[slot]) return Bad(item, absl::StrCat("\"", key, "\" is given twice"));
    seen[slot] = true;
  }
  if (absl::Status s = wt.Validate(); !s.ok()) return Bad(text, s.message());
  return wt;
}

std::string DescribeWorkingTimeVi(const WorkingTime& wt) {
  auto sessions = [](const DaySessions& day) {
    std::string out;
    for (const std::optional<Session>& s : {day.morning, day.afternoon}) {
      if (!s) continue;
      absl::StrAppend(&out, out.empty() ? "" : ", ", FormatClock(s->begin_minute * 60), "–",
                      FormatClock(s->end_minute * 60));
    }
    return out;
  };
  std::string out;
  for (int i = 0; i < 7;) {
    int j = i;
    while (j + 1 < 7 && wt.week[j + 1] == wt.week[i]) ++j;
    if (wt.week[i].works()) {
      absl::StrAppend(&out, out.empty() ? "" : "; ", WeekdayName(static_cast<absl::Weekday>(i)),
                      j > i ? absl::StrCat("–", WeekdayName(static_cast<absl::Weekday>(j))) : "",
                      " ", sessions(wt.week[i]));
    }
    i = j + 1;
  }
  return out;
}

absl::StatusOr<UnitWorkingTimes> UnitWorkingTimes::Parse(absl::string_view text) {
  UnitWorkingTimes out;
  std::map<std::string, int, std::less<>> line_of;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (absl::StripAsciiWhitespace(line).empty() || absl::StartsWith(line, "#")) continue;
    auto fail = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line_number, ": ", why));
    };
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() < 2 || fields.size() > 3) {
      return fail("expected unit_code<TAB>working_time[<TAB>note]");
    }
    const std::string unit(absl::StripAsciiWhitespace(fields[0]));
    if (!IsUnitCode(unit)) {
      return fail(absl::StrCat("unit code \"", fields[0],
                               "\" is not a code (letters, digits, '.', '-'; at most 32)"));
    }
    if (auto it = line_of.find(unit); it != line_of.end()) {
      return fail(absl::StrCat("unit ", unit, " is listed twice (also line ", it->second, ")"));
    }
    absl::StatusOr<WorkingTime> wt = ParseWorkingTime(fields[1]);
    if (!wt.ok()) return fail(absl::StrCat("unit ", unit, ": ", wt.status().message()));
    line_of[unit] = line_number;
    out.index_[unit] = out.entries_.size();
    out.entries_.push_back({unit, *wt, std::string(absl::StripAsciiWhitespace(fields[1])),
                            fields.size() == 3 ? std::string(fields[2]) : std::string()});
  }
  return out;
}

const UnitWorkingTime* UnitWorkingTimes::Find(absl::string_view unit) const {
  auto it = index_.find(unit);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

namespace {
WorkingCalendar::Options OptionsOf(const WorkingCalendar& calendar) {
  WorkingCalendar::Options options;
  options.working_time = calendar.working_time();
  options.schedule = calendar.schedule();
  options.utc_offset_hours = calendar.utc_offset_hours();
  options.first_year = calendar.first_year();
  options.last_year = calendar.last_year();
  return options;
}
}  // namespace

UnitCalendars::UnitCalendars(WorkingCalendar calendar)
    : state_(std::make_shared<const State>(
          State{calendar, UnitWorkingTimes(), OptionsOf(calendar), {}})) {}

absl::StatusOr<UnitCalendars> UnitCalendars::Create(WorkingCalendar::Options base,
                                                    UnitWorkingTimes units) {
  MOTCUA_ASSIGN_OR_RETURN(WorkingCalendar default_calendar, WorkingCalendar::Create(base));
  std::map<std::string, WorkingCalendar, std::less<>> by_canonical;
  std::map<std::string, WorkingCalendar, std::less<>> by_unit;
  for (const UnitWorkingTime& entry : units.entries()) {
    const std::string key = entry.working_time.Canonical();
    auto it = by_canonical.find(key);
    if (it == by_canonical.end()) {
      if (entry.working_time == base.working_time) {
        it = by_canonical.emplace(key, default_calendar).first;
      } else {
        WorkingCalendar::Options options = base;
        options.working_time = entry.working_time;
        absl::StatusOr<WorkingCalendar> cal = WorkingCalendar::Create(std::move(options));
        if (!cal.ok()) {
          return absl::InvalidArgumentError(
              absl::StrCat("unit ", entry.unit, ": ", cal.status().message()));
        }
        it = by_canonical.emplace(key, *std::move(cal)).first;
      }
    }
    by_unit.emplace(entry.unit, it->second);
  }
  return UnitCalendars(std::make_shared<const State>(State{
      std::move(default_calendar), std::move(units), std::move(base), std::move(by_unit)}));
}

const WorkingCalendar& UnitCalendars::ForUnit(absl::string_view unit) const {
  auto it = state_->by_unit.find(unit);
  return it == state_->by_unit.end() ? state_->default_calendar : it->second;
}

absl::StatusOr<UnitCalendars> UnitCalendars::WithSchedule(AnnouncedSchedule schedule) const {
  WorkingCalendar::Options base = state_->base;
  base.working_time = state_->default_calendar.working_time();
  base.schedule = std::move(schedule);
  return Create(std::move(base), state_->units);
}

}  // namespace motcua::calendar
