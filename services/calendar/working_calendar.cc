#include "services/calendar/working_calendar.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "services/calendar/vietnamese_text.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {
namespace {

constexpr int64_t kSecondsPerDay = 24 * 60 * 60;
// Far beyond the supported years; keeps the arithmetic below from overflowing.
constexpr int64_t kMaxAbsUnixSeconds = int64_t{100'000'000'000};
// Profiles 0..6 are the weekdays (Monday first), 7 the make-up day, 8 a day
// without work.
constexpr uint8_t kMakeupProfile = 7;
constexpr uint8_t kNoWorkProfile = 8;

// A day's sessions in seconds after midnight, flattened for the hot path.
struct Profile {
  int count = 0;
  std::array<int32_t, 2> begin = {0, 0};
  std::array<int32_t, 2> end = {0, 0};
  int32_t total = 0;
};

Profile MakeProfile(const DaySessions& day) {
  Profile p;
  for (const std::optional<Session>& s : {day.morning, day.afternoon}) {
    if (s.has_value()) {
      p.begin[p.count] = s->begin_minute * 60;
      p.end[p.count] = s->end_minute * 60;
      p.total += s->minutes() * 60;
      ++p.count;
    }
  }
  return p;
}

// Working seconds of `p` before second `sec` of the day.
int64_t WorkedBefore(const Profile& p, int32_t sec) {
  int64_t worked = 0;
  for (int s = 0; s < p.count; ++s) {
    if (sec > p.begin[s]) {
      worked += std::min(sec, p.end[s]) - p.begin[s];
    }
  }
  return worked;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

// FNV-1a, 64 bits: stable across platforms and releases.
uint64_t Fnv1a64(absl::string_view data) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

DayType TypeOfHoliday(HolidayKind kind) {
  switch (kind) {
    case HolidayKind::kCompensatory:
      return DayType::kCompensatory;
    case HolidayKind::kAnnounced:
      return DayType::kAnnouncedOff;
    default:
      return DayType::kHoliday;
  }
}

}  // namespace

struct WorkingCalendar::Impl {
  // A local day (index from 1 January of first_year) and a second of that day.
  struct Pos {
    int64_t index = 0;
    int32_t sec = 0;
  };

  Options options;
  absl::TimeZone zone;
  int64_t first_epoch_day =
      0;  // 1 January of first_year, in days after 1970-01-01
  int64_t offset_seconds = 0;
  std::vector<uint8_t> type;     // DayType per day
  std::vector<uint8_t> profile;  // index into profiles per day
  std::vector<int64_t>
      cum;  // working seconds before each day; one entry more than days
  std::array<Profile, 9> profiles;
  std::vector<YearHolidays> years;
  std::string version;

  int64_t day_count() const { return static_cast<int64_t>(type.size()); }
  absl::CivilDay DayAt(int64_t index) const {
    return absl::CivilDay(options.first_year, 1, 1) + index;
  }
  int64_t IndexOf(absl::CivilDay day) const {
    return day - absl::CivilDay(options.first_year, 1, 1);
  }
  bool Covers(absl::CivilDay day) const {
    return day.year() >= options.first_year && day.year() <= options.last_year;
  }

  absl::Status OutsideYears(absl::string_view field, absl::Time t) const {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, zone),
        " is outside the calendar's years ", options.first_year, "..",
        options.last_year));
  }
  absl::Status Overflow(absl::string_view field) const {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": the result falls after the end of ",
                     options.last_year, ", the last year of the calendar"));
  }

  // False when `t` is not inside the covered years.
  bool ToPos(absl::Time t, Pos* pos) const {
    const int64_t unix_seconds = absl::ToUnixSeconds(t);
    if (unix_seconds > kMaxAbsUnixSeconds ||
        unix_seconds < -kMaxAbsUnixSeconds) {
      return false;
    }
    const int64_t local = unix_seconds + offset_seconds;
    const int64_t epoch_day = FloorDiv(local, kSecondsPerDay);
    pos->index = epoch_day - first_epoch_day;
    pos->sec = static_cast<int32_t>(local - epoch_day * kSecondsPerDay);
    return pos->index >= 0 && pos->index < day_count();
  }

  absl::Time FromPos(Pos pos) const {
    return absl::FromUnixSeconds((first_epoch_day + pos.index) *
                                     kSecondsPerDay +
                                 pos.sec - offset_seconds);
  }

  const Profile& ProfileAt(int64_t index) const {
    return profiles[profile[index]];
  }

  // Working seconds from the start of the table to `pos`.
  int64_t Position(Pos pos) const {
    return cum[pos.index] + WorkedBefore(ProfileAt(pos.index), pos.sec);
  }

  // The first session instant at or after `pos`; false when past the table.
  bool NextSession(Pos pos, Pos* out) const {
    for (int64_t i = pos.index; i < day_count(); ++i) {
      const Profile& p = ProfileAt(i);
      for (int s = 0; s < p.count; ++s) {
        if (i > pos.index || pos.sec < p.end[s]) {
          out->index = i;
          out->sec = i > pos.index ? p.begin[s] : std::max(pos.sec, p.begin[s]);
          return true;
        }
      }
    }
    return false;
  }

  // The instant at which the working-seconds position reaches `target`,
  // searching days from `from_index` on, where Position(start of from_index) <
  // target. False when past the table.
  bool Locate(int64_t from_index, int64_t target, Pos* out) const {
    const auto it =
        std::lower_bound(cum.begin() + from_index + 1, cum.end(), target);
    if (it == cum.end()) {
      return false;
    }
    const int64_t index = (it - cum.begin()) - 1;
    int64_t rest = target - cum[index];
    const Profile& p = ProfileAt(index);
    for (int s = 0; s < p.count; ++s) {
      const int64_t length = p.end[s] - p.begin[s];
      if (rest <= length) {
        *out = {index, static_cast<int32_t>(p.begin[s] + rest)};
        return true;
      }
      rest -= length;
    }
    return false;  // unreachable: day `index` holds the target
  }

  DaySessions SessionsOf(int64_t index) const {
    const uint8_t p = profile[index];
    if (p == kNoWorkProfile) {
      return {};
    }
    if (p == kMakeupProfile) {
      return options.working_time.makeup_day;
    }
    return options.working_time.week[p];
  }
};

std::string DayInfo::Reason() const {
  switch (type) {
    case DayType::kWorking:
      return "ngày làm việc";
    case DayType::kMakeup:
      return absl::StrCat("ngày làm bù (", makeup_name, ")");
    case DayType::kWeeklyRest:
      return absl::StrCat("ngày nghỉ hằng tuần (",
                          WeekdayName(absl::GetWeekday(day)), ")");
    case DayType::kHoliday:
      return absl::StrCat(holiday.has_value() && holiday->announced
                              ? "ngày nghỉ lễ theo thông báo: "
                              : "ngày nghỉ lễ: ",
                          holiday.has_value() ? holiday->name : "");
    case DayType::kCompensatory: {
      absl::string_view name =
          holiday.has_value() ? absl::string_view(holiday->name) : "";
      if (absl::ConsumePrefix(&name, "Nghỉ bù ")) {
        return absl::StrCat("ngày nghỉ bù cho ", name);
      }
      return absl::StrCat("ngày nghỉ bù: ", name);
    }
    case DayType::kAnnouncedOff:
      return absl::StrCat("ngày nghỉ theo thông báo: ",
                          holiday.has_value() ? holiday->name : "");
  }
  return "";
}

absl::StatusOr<WorkingCalendar> WorkingCalendar::Create(Options options) {
  MOTCUA_RETURN_IF_ERROR(options.working_time.Validate());
  if (options.utc_offset_hours < -12 || options.utc_offset_hours > 14) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.utc_offset_hours: ", options.utc_offset_hours,
                     " is outside -12..14"));
  }
  if (options.first_year < kMinSupportedYear ||
      options.first_year > kMaxSupportedYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.first_year: ", options.first_year,
                     " is outside the supported years ", kMinSupportedYear,
                     "..", kMaxSupportedYear));
  }
  if (options.last_year < options.first_year ||
      options.last_year > kMaxSupportedYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.last_year: ", options.last_year, " is outside ",
                     options.first_year, "..", kMaxSupportedYear));
  }
  auto impl = std::make_shared<Impl>();
  impl->options = std::move(options);
  const Options& o = impl->options;
  impl->zone = absl::FixedTimeZone(o.utc_offset_hours * 3600);
  impl->offset_seconds = int64_t{o.utc_offset_hours} * 3600;
  impl->first_epoch_day =
      absl::CivilDay(o.first_year, 1, 1) - absl::CivilDay(1970, 1, 1);
  const int64_t n = absl::CivilDay(o.last_year + 1, 1, 1) -
                    absl::CivilDay(o.first_year, 1, 1);
  for (int w = 0; w < 7; ++w) {
    impl->profiles[w] = MakeProfile(o.working_time.week[w]);
  }
  impl->profiles[kMakeupProfile] = MakeProfile(o.working_time.makeup_day);

  impl->type.resize(n);
  impl->profile.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    const int w = static_cast<int>(absl::GetWeekday(impl->DayAt(i)));
    const bool works = o.working_time.week[w].works();
    impl->type[i] =
        static_cast<uint8_t>(works ? DayType::kWorking : DayType::kWeeklyRest);
    impl->profile[i] = works ? static_cast<uint8_t>(w) : kNoWorkProfile;
  }
  impl->years.reserve(o.last_year - o.first_year + 1);
  for (int year = o.first_year; year <= o.last_year; ++year) {
    MOTCUA_ASSIGN_OR_RETURN(
        YearHolidays holidays,
        HolidaysOfYear(year, o.schedule, o.utc_offset_hours));
    for (const Holiday& h : holidays.days_off) {
      const int64_t i = impl->IndexOf(h.day);
      impl->type[i] = static_cast<uint8_t>(TypeOfHoliday(h.kind));
      impl->profile[i] = kNoWorkProfile;
    }
    for (const MakeupDay& m : holidays.makeup_days) {
      const int64_t i = impl->IndexOf(m.day);
      impl->type[i] = static_cast<uint8_t>(DayType::kMakeup);
      impl->profile[i] = kMakeupProfile;
    }
    impl->years.push_back(std::move(holidays));
  }
  impl->cum.resize(n + 1);
  impl->cum[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    impl->cum[i + 1] = impl->cum[i] + impl->ProfileAt(i).total;
  }

  std::string content = absl::StrCat(
      kCalendarRulesVersion, "\nutc_offset_hours=", o.utc_offset_hours,
      "\nworking_time=", o.working_time.Canonical(), "\n");
  for (const AnnouncedDay& d : o.schedule.days()) {
    absl::StrAppend(&content, absl::FormatCivilTime(d.day), " ",
                    AnnouncedKindCode(d.kind), "\n");
  }
  impl->version = absl::StrFormat("cal-%016x", Fnv1a64(content));
  return WorkingCalendar(std::move(impl));
}

const WorkingTime& WorkingCalendar::working_time() const {
  return impl_->options.working_time;
}
const AnnouncedSchedule& WorkingCalendar::schedule() const {
  return impl_->options.schedule;
}
int WorkingCalendar::utc_offset_hours() const {
  return impl_->options.utc_offset_hours;
}
absl::TimeZone WorkingCalendar::time_zone() const { return impl_->zone; }
int WorkingCalendar::first_year() const { return impl_->options.first_year; }
int WorkingCalendar::last_year() const { return impl_->options.last_year; }
const std::string& WorkingCalendar::version() const { return impl_->version; }

bool WorkingCalendar::Covers(absl::CivilDay day) const {
  return impl_->Covers(day);
}

bool WorkingCalendar::IsWorkingDay(absl::CivilDay day) const {
  if (!impl_->Covers(day)) {
    return false;
  }
  return impl_->profile[impl_->IndexOf(day)] != kNoWorkProfile;
}

absl::StatusOr<DayInfo> WorkingCalendar::Describe(absl::CivilDay day) const {
  if (!impl_->Covers(day)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "day: ", absl::FormatCivilTime(day),
        " is outside the calendar's years ", first_year(), "..", last_year()));
  }
  const int64_t i = impl_->IndexOf(day);
  DayInfo info;
  info.day = day;
  info.type = static_cast<DayType>(impl_->type[i]);
  info.sessions = impl_->SessionsOf(i);
  const YearHolidays& year = impl_->years[day.year() - first_year()];
  if (info.type == DayType::kMakeup) {
    for (const MakeupDay& m : year.makeup_days) {
      if (m.day == day) {
        info.makeup_name = m.name;
      }
    }
  } else if (!info.working() && info.type != DayType::kWeeklyRest) {
    const auto it = std::lower_bound(
        year.days_off.begin(), year.days_off.end(), day,
        [](const Holiday& h, absl::CivilDay d) { return h.day < d; });
    if (it != year.days_off.end() && it->day == day) {
      info.holiday = *it;
    }
  }
  return info;
}

absl::StatusOr<YearHolidays> WorkingCalendar::Holidays(int year) const {
  if (year < first_year() || year > last_year()) {
    return absl::InvalidArgumentError(
        absl::StrCat("year: ", year, " is outside the calendar's years ",
                     first_year(), "..", last_year()));
  }
  return impl_->years[year - first_year()];
}

absl::CivilDay WorkingCalendar::LocalDay(absl::Time time) const {
  return absl::ToCivilDay(time, impl_->zone);
}

absl::StatusOr<absl::Time> WorkingCalendar::NextSessionStart(
    absl::Time time) const {
  Impl::Pos pos;
  if (!impl_->ToPos(time, &pos)) {
    return impl_->OutsideYears("time", time);
  }
  Impl::Pos next;
  if (!impl_->NextSession(pos, &next)) {
    return impl_->Overflow("time");
  }
  return impl_->FromPos(next);
}

absl::StatusOr<absl::Time> WorkingCalendar::AddWorkingTime(
    absl::Time from, absl::Duration amount) const {
  if (amount < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("amount: ", absl::FormatDuration(amount), " is negative"));
  }
  Impl::Pos pos;
  if (!impl_->ToPos(from, &pos)) {
    return impl_->OutsideYears("from", from);
  }
  const int64_t seconds = absl::ToInt64Seconds(amount);
  Impl::Pos out;
  if (seconds == 0) {
    if (!impl_->NextSession(pos, &out)) {
      return impl_->Overflow("amount");
    }
    return impl_->FromPos(out);
  }
  if (!impl_->Locate(pos.index, impl_->Position(pos) + seconds, &out)) {
    return impl_->Overflow("amount");
  }
  return impl_->FromPos(out);
}

absl::StatusOr<absl::Duration> WorkingCalendar::WorkingTimeBetween(
    absl::Time from, absl::Time to) const {
  if (to < from) {
    return absl::InvalidArgumentError("to: is before from");
  }
  Impl::Pos a;
  Impl::Pos b;
  if (!impl_->ToPos(from, &a)) {
    return impl_->OutsideYears("from", from);
  }
  if (!impl_->ToPos(to, &b)) {
    return impl_->OutsideYears("to", to);
  }
  return absl::Seconds(impl_->Position(b) - impl_->Position(a));
}

absl::StatusOr<absl::CivilDay> WorkingCalendar::WorkingDayOnOrAfter(
    absl::CivilDay day) const {
  if (!impl_->Covers(day)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "day: ", absl::FormatCivilTime(day),
        " is outside the calendar's years ", first_year(), "..", last_year()));
  }
  for (int64_t i = impl_->IndexOf(day); i < impl_->day_count(); ++i) {
    if (impl_->profile[i] != kNoWorkProfile) {
      return impl_->DayAt(i);
    }
  }
  return impl_->Overflow("day");
}

absl::StatusOr<absl::Time> WorkingCalendar::EndOfWorkingDay(
    absl::CivilDay day) const {
  if (!IsWorkingDay(day)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "day: ", absl::FormatCivilTime(day), " is not a working day"));
  }
  const int64_t i = impl_->IndexOf(day);
  const Profile& p = impl_->ProfileAt(i);
  return impl_->FromPos({i, p.end[p.count - 1]});
}

}  // namespace motcua::calendar
