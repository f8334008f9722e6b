#include "services/calendar/announced_schedule.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/calendar/lunar.h"
#include "services/calendar/working_time.h"
#include "services/common/status_macros.h"
#include "services/common/text_fold.h"

namespace motcua::calendar {
namespace {

constexpr size_t kMaxNameBytes = 300;

// Names where an error was found: "line 3, date: " for text, "days[2].date: "
// for code.
using ErrorPrefix = std::function<std::string(absl::string_view field)>;

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

// Errors are in English, like the rest of the API: "Wednesday".
std::string EnglishWeekday(absl::CivilDay day) {
  std::string name(WeekdayCode(absl::GetWeekday(day)));
  name[0] = absl::ascii_toupper(static_cast<unsigned char>(name[0]));
  return name;
}

// Checks one day on its own (not against the others).
absl::Status CheckDay(const AnnouncedDay& d, const ErrorPrefix& at) {
  const int year = static_cast<int>(d.day.year());
  if (year < kMinSupportedYear || year > kMaxSupportedYear) {
    return absl::InvalidArgumentError(
        absl::StrCat(at("date"), absl::FormatCivilTime(d.day),
                     " is outside the supported years ", kMinSupportedYear,
                     "..", kMaxSupportedYear));
  }
  const std::string day_text = absl::FormatCivilTime(d.day);
  switch (d.kind) {
    case AnnouncedKind::kTet:
      // Lunar 1/1 falls between 21/01 and 20/02; an announced block stays
      // within days of it.
      if (d.day < absl::CivilDay(year, 1, 10) ||
          d.day > absl::CivilDay(year, 3, 5)) {
        return absl::InvalidArgumentError(absl::StrCat(
            at("date"), day_text,
            " is outside 10/01–05/03, where Tết days can fall (kind tet)"));
      }
      break;
    case AnnouncedKind::kNationalDay:
      if (d.day < absl::CivilDay(year, 8, 28) ||
          d.day > absl::CivilDay(year, 9, 7)) {
        return absl::InvalidArgumentError(
            absl::StrCat(at("date"), day_text,
                         " is outside 28/08–07/09, around Quốc khánh 2/9 (kind "
                         "national_day)"));
      }
      break;
    case AnnouncedKind::kOff:
      if (IsWeekend(d.day)) {
        return absl::InvalidArgumentError(
            absl::StrCat(at("date"), day_text, " is a ", EnglishWeekday(d.day),
                         ", already a weekly rest day; kind off lists only "
                         "days that would be "
                         "worked"));
      }
      break;
    case AnnouncedKind::kMakeup:
      if (!IsWeekend(d.day)) {
        return absl::InvalidArgumentError(
            absl::StrCat(at("date"), "make-up working day ", day_text, " is a ",
                         EnglishWeekday(d.day),
                         ", not a weekly rest day (Saturday or Sunday)"));
      }
      break;
  }
  if (d.name.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(at("name"), "empty; give the reason in Vietnamese"));
  }
  if (!IsValidUtf8(d.name)) {
    return absl::InvalidArgumentError(
        absl::StrCat(at("name"), "not valid UTF-8"));
  }
  if (d.name.size() > kMaxNameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(at("name"), "longer than ", kMaxNameBytes, " bytes"));
  }
  if (d.name.find_first_of("\t\r\n") != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(at("name"), "holds a tab or a line break"));
  }
  return absl::OkStatus();
}

// Sorts `days` by date; kInvalidArgument when a date repeats.
absl::Status SortAndCheckUnique(std::vector<AnnouncedDay>& days,
                                const std::function<ErrorPrefix(size_t)>& at) {
  std::vector<size_t> order(days.size());
  for (size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return days[a].day < days[b].day;
  });
  for (size_t i = 1; i < order.size(); ++i) {
    const AnnouncedDay& prev = days[order[i - 1]];
    const AnnouncedDay& cur = days[order[i]];
    if (prev.day == cur.day) {
      const size_t later = std::max(order[i - 1], order[i]);
      const size_t earlier = std::min(order[i - 1], order[i]);
      const std::string where = days[earlier].line > 0
                                    ? absl::StrCat("line ", days[earlier].line)
                                    : absl::StrCat("days[", earlier, "]");
      return absl::InvalidArgumentError(
          absl::StrCat(at(later)("date"), absl::FormatCivilTime(cur.day),
                       " is already listed at ", where));
    }
  }
  std::vector<AnnouncedDay> sorted;
  sorted.reserve(days.size());
  for (size_t i : order) {
    sorted.push_back(std::move(days[i]));
  }
  days = std::move(sorted);
  return absl::OkStatus();
}

// Strict YYYY-MM-DD.
bool ParseIsoDay(absl::string_view text, absl::CivilDay* day,
                 bool* well_formed) {
  *well_formed = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (size_t i = 0; *well_formed && i < text.size(); ++i) {
    if (i != 4 && i != 7 &&
        !absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
      *well_formed = false;
    }
  }
  if (!*well_formed) {
    return false;
  }
  return absl::ParseCivilTime(text, day);
}

}  // namespace

absl::string_view AnnouncedKindCode(AnnouncedKind kind) {
  switch (kind) {
    case AnnouncedKind::kTet:
      return "tet";
    case AnnouncedKind::kNationalDay:
      return "national_day";
    case AnnouncedKind::kOff:
      return "off";
    case AnnouncedKind::kMakeup:
      return "makeup";
  }
  return "";
}

std::optional<AnnouncedKind> AnnouncedKindFromCode(absl::string_view code) {
  for (AnnouncedKind k : {AnnouncedKind::kTet, AnnouncedKind::kNationalDay,
                          AnnouncedKind::kOff, AnnouncedKind::kMakeup}) {
    if (code == AnnouncedKindCode(k)) {
      return k;
    }
  }
  return std::nullopt;
}

absl::StatusOr<AnnouncedSchedule> AnnouncedSchedule::Parse(
    absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // UTF-8 BOM
  std::vector<AnnouncedDay> days;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    absl::ConsumeSuffix(&line, "\r");
    const absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || trimmed.front() == '#') {
      continue;
    }
    const ErrorPrefix at = [line_number](absl::string_view field) {
      return absl::StrCat("line ", line_number, ", ", field, ": ");
    };
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 3) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_number,
          ": expected 3 tab-separated fields (date, kind, name), got ",
          fields.size()));
    }
    for (absl::string_view& f : fields) {
      f = absl::StripAsciiWhitespace(f);
    }
    AnnouncedDay day;
    day.line = line_number;
    bool well_formed = false;
    if (!ParseIsoDay(fields[0], &day.day, &well_formed)) {
      return absl::InvalidArgumentError(
          absl::StrCat(at("date"), "\"", fields[0], "\"",
                       well_formed ? " is not a day of the calendar"
                                   : " is not of the form YYYY-MM-DD"));
    }
    const std::optional<AnnouncedKind> kind = AnnouncedKindFromCode(fields[1]);
    if (!kind.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(at("kind"), "unknown kind \"", fields[1],
                       "\"; want tet, national_day, off or makeup"));
    }
    day.kind = *kind;
    day.name = std::string(fields[2]);
    MOTCUA_RETURN_IF_ERROR(CheckDay(day, at));
    days.push_back(std::move(day));
  }
  MOTCUA_RETURN_IF_ERROR(
      SortAndCheckUnique(days, [&days](size_t i) -> ErrorPrefix {
        const int line = days[i].line;
        return [line](absl::string_view field) {
          return absl::StrCat("line ", line, ", ", field, ": ");
        };
      }));
  return AnnouncedSchedule(std::move(days));
}

absl::StatusOr<AnnouncedSchedule> AnnouncedSchedule::FromDays(
    std::vector<AnnouncedDay> days) {
  const auto at_index = [](size_t i) -> ErrorPrefix {
    return [i](absl::string_view field) {
      return absl::StrCat("days[", i, "].", field, ": ");
    };
  };
  for (size_t i = 0; i < days.size(); ++i) {
    MOTCUA_RETURN_IF_ERROR(CheckDay(days[i], at_index(i)));
  }
  MOTCUA_RETURN_IF_ERROR(SortAndCheckUnique(days, at_index));
  return AnnouncedSchedule(std::move(days));
}

absl::StatusOr<AnnouncedSchedule> AnnouncedSchedule::Merge(
    const AnnouncedSchedule& a, const AnnouncedSchedule& b) {
  std::vector<AnnouncedDay> days;
  days.reserve(a.days_.size() + b.days_.size());
  std::merge(a.days_.begin(), a.days_.end(), b.days_.begin(), b.days_.end(),
             std::back_inserter(days),
             [](const AnnouncedDay& x, const AnnouncedDay& y) {
               return x.day < y.day;
             });
  for (size_t i = 1; i < days.size(); ++i) {
    if (days[i - 1].day == days[i].day) {
      return absl::InvalidArgumentError(
          absl::StrCat("schedule: ", absl::FormatCivilTime(days[i].day),
                       " is listed in both schedules"));
    }
  }
  return AnnouncedSchedule(std::move(days));
}

std::vector<AnnouncedDay> AnnouncedSchedule::DaysOfYear(int year) const {
  const auto first = std::lower_bound(
      days_.begin(), days_.end(), absl::CivilDay(year, 1, 1),
      [](const AnnouncedDay& d, absl::CivilDay day) { return d.day < day; });
  const auto last = std::lower_bound(
      first, days_.end(), absl::CivilDay(year + 1, 1, 1),
      [](const AnnouncedDay& d, absl::CivilDay day) { return d.day < day; });
  return std::vector<AnnouncedDay>(first, last);
}

bool AnnouncedSchedule::AnnouncesTet(int year) const {
  for (const AnnouncedDay& d : DaysOfYear(year)) {
    if (d.kind == AnnouncedKind::kTet) {
      return true;
    }
  }
  return false;
}

bool AnnouncedSchedule::AnnouncesNationalDay(int year) const {
  for (const AnnouncedDay& d : DaysOfYear(year)) {
    if (d.kind == AnnouncedKind::kNationalDay) {
      return true;
    }
  }
  return false;
}

std::string AnnouncedSchedule::ToTsv() const {
  std::string out;
  for (const AnnouncedDay& d : days_) {
    absl::StrAppend(&out, absl::FormatCivilTime(d.day), "\t",
                    AnnouncedKindCode(d.kind), "\t", d.name, "\n");
  }
  return out;
}

}  // namespace motcua::calendar
