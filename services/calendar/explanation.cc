#include "services/calendar/explanation.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/calendar/vietnamese_text.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {
namespace {

// Seconds after local midnight of `t` on `day`, clamped to the day: -1 before
// it, 86400 after.
int SecondOnDay(const WorkingCalendar& calendar, absl::Time t,
                absl::CivilDay day) {
  const absl::Time midnight =
      absl::FromCivil(absl::CivilSecond(day), calendar.time_zone());
  const int64_t s = absl::ToInt64Seconds(t - midnight);
  return static_cast<int>(std::clamp<int64_t>(s, -1, 86400));
}

std::string DayLabel(absl::CivilDay day) { return FormatDayWithWeekdayVi(day); }

std::string ClockOf(const WorkingCalendar& calendar, absl::Time t) {
  return FormatClock(SecondOnDay(calendar, t, calendar.LocalDay(t)));
}

// The counted part of a working day: [from, to] clipped to its sessions.
void CountWorkingDay(const WorkingCalendar& calendar, const DayInfo& info,
                     absl::Time from, absl::Time to, ExplainedDay& out) {
  const int a = SecondOnDay(calendar, from, info.day);
  const int b = SecondOnDay(calendar, to, info.day);
  std::vector<std::string> spans;
  int64_t counted = 0;
  for (const std::optional<Session>& s :
       {info.sessions.morning, info.sessions.afternoon}) {
    if (!s.has_value()) {
      continue;
    }
    const int lo = std::max(a, s->begin_minute * 60);
    const int hi = std::min(b, s->end_minute * 60);
    if (lo < hi) {
      counted += hi - lo;
      spans.push_back(absl::StrCat(FormatClock(lo), "–", FormatClock(hi)));
    }
  }
  out.counted = absl::Seconds(counted);
  const std::string makeup = info.type == DayType::kMakeup
                                 ? absl::StrCat(" — ", info.Reason())
                                 : std::string();
  if (counted > 0) {
    out.text = absl::StrCat(DayLabel(info.day), ": tính ",
                            FormatDurationVi(out.counted), " (",
                            absl::StrJoin(spans, ", "), ")", makeup);
  } else {
    const Session& first_session = info.sessions.morning
                                       ? *info.sessions.morning
                                       : *info.sessions.afternoon;
    const Session& last_session = info.sessions.afternoon
                                      ? *info.sessions.afternoon
                                      : *info.sessions.morning;
    if (a >= last_session.end_minute * 60) {
      out.text = absl::StrCat(
          DayLabel(info.day),
          ": không tính — tiếp nhận sau giờ làm việc, thời hạn tính từ phiên "
          "làm việc tiếp theo");
    } else if (b <= first_session.begin_minute * 60) {
      out.text =
          absl::StrCat(DayLabel(info.day),
                       ": không tính — hạn trả lúc bắt đầu giờ làm việc");
    } else {
      out.text = absl::StrCat(DayLabel(info.day),
                              ": không tính (ngoài thời gian tính hạn)");
    }
  }
}

std::string WorkingTotal(const std::vector<ExplainedDay>& days,
                         const TimeLimit& limit,
                         const WorkingCalendar& calendar) {
  std::vector<std::string> parts;
  absl::Duration sum;
  for (const ExplainedDay& d : days) {
    if (d.counted > absl::ZeroDuration()) {
      parts.push_back(FormatDurationVi(d.counted));
      sum += d.counted;
    }
  }
  if (parts.empty()) {
    parts.push_back(FormatDurationVi(sum));
  }
  std::string out = absl::StrCat("Cộng: ", absl::StrJoin(parts, " + "));
  if (parts.size() > 1) {
    absl::StrAppend(&out, " = ", FormatDurationVi(sum));
  }
  absl::StrAppend(&out, " làm việc");
  if (limit.unit == LimitUnit::kWorkingDays) {
    const absl::Duration per_day =
        absl::Minutes(calendar.working_time().minutes_per_working_day);
    const int64_t whole = absl::IDivDuration(sum, per_day, &sum);
    absl::StrAppend(&out, " = ", whole, " ngày làm việc");
    if (sum > absl::ZeroDuration()) {
      absl::StrAppend(&out, " ", FormatDurationVi(sum));
    }
  }
  return absl::StrCat(out, ".");
}

absl::Status ExplainWorkingTime(const WorkingCalendar& calendar,
                                ExplanationSegment& seg) {
  for (absl::CivilDay d = calendar.LocalDay(seg.start);
       d <= calendar.LocalDay(seg.due); ++d) {
    MOTCUA_ASSIGN_OR_RETURN(const DayInfo info, calendar.Describe(d));
    ExplainedDay day{d, info.type, absl::ZeroDuration(), false, ""};
    if (seg.limit.unit == LimitUnit::kImmediate &&
        d == calendar.LocalDay(seg.due)) {
      day.text = absl::StrCat(DayLabel(d), ": giải quyết ngay, hạn trả ",
                              ClockOf(calendar, seg.due));
    } else if (info.working()) {
      CountWorkingDay(calendar, info, seg.start, seg.due, day);
    } else {
      day.text = absl::StrCat(DayLabel(d), ": không tính — ", info.Reason());
    }
    seg.days.push_back(std::move(day));
  }
  seg.total = WorkingTotal(seg.days, seg.limit, calendar);
  return absl::OkStatus();
}

absl::Status ExplainCalendarDays(const WorkingCalendar& calendar,
                                 absl::string_view start_label,
                                 ExplanationSegment& seg) {
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time begin,
                          calendar.NextSessionStart(seg.start));
  const absl::CivilDay first = calendar.LocalDay(begin);
  const absl::CivilDay last = first + seg.limit.amount;
  const absl::CivilDay due_day = calendar.LocalDay(seg.due);
  for (absl::CivilDay d = calendar.LocalDay(seg.start); d <= due_day; ++d) {
    MOTCUA_ASSIGN_OR_RETURN(const DayInfo info, calendar.Describe(d));
    ExplainedDay day{d, info.type, absl::ZeroDuration(), false, ""};
    const std::string label = DayLabel(d);
    if (d < first) {
      day.text = absl::StrCat(
          label, ": không tính — ",
          info.working() ? "ngoài giờ làm việc, thời hạn tính từ phiên "
                           "làm việc tiếp theo"
                         : info.Reason());
    } else if (d == first) {
      day.text = absl::StrCat(label, ": ", start_label,
                              ", không tính (thời hạn tính từ ngày hôm sau)");
    } else if (d <= last) {
      day.counted_calendar_day = true;
      day.text = absl::StrCat(label, ": ngày thứ ", d - first);
      if (!info.working()) {
        absl::StrAppend(&day.text, " (ngày nghỉ vẫn được tính: ", info.Reason(),
                        ")");
      }
    } else if (!info.working()) {
      day.text = absl::StrCat(label, ": không tính — ", info.Reason());
    } else {
      day.text = absl::StrCat(label, ": ngày làm việc tiếp theo");
    }
    if (d == due_day) {
      absl::StrAppend(&day.text, "; hạn trả ", ClockOf(calendar, seg.due));
    }
    seg.days.push_back(std::move(day));
  }
  seg.total = absl::StrCat("Cộng: ", seg.CountedCalendarDays(),
                           " ngày (tính cả ngày nghỉ)");
  if (due_day != last) {
    absl::StrAppend(
        &seg.total, "; ngày cuối ", FormatDayWithWeekdayVi(last),
        " là ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo, ",
        FormatDayWithWeekdayVi(due_day));
  }
  absl::StrAppend(&seg.total, ".");
  return absl::OkStatus();
}

absl::Status ExplainSameDay(const WorkingCalendar& calendar,
                            ExplanationSegment& seg) {
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time begin,
                          calendar.NextSessionStart(seg.start));
  const absl::CivilDay first = calendar.LocalDay(begin);
  const absl::CivilDay due_day = calendar.LocalDay(seg.due);
  const int cutoff = calendar.working_time().same_day_cutoff_minute * 60;
  for (absl::CivilDay d = calendar.LocalDay(seg.start); d <= due_day; ++d) {
    MOTCUA_ASSIGN_OR_RETURN(const DayInfo info, calendar.Describe(d));
    ExplainedDay day{d, info.type, absl::ZeroDuration(), false, ""};
    const std::string label = DayLabel(d);
    if (d == first) {
      const bool before = SecondOnDay(calendar, begin, d) < cutoff;
      day.text =
          absl::StrCat(label, ": tiếp nhận (tính từ ", ClockOf(calendar, begin),
                       "), ", before ? "trước " : "từ ", FormatClock(cutoff),
                       before ? " nên trả kết quả trong ngày"
                              : " nên trả kết quả vào ngày làm việc tiếp theo");
    } else if (!info.working()) {
      day.text = absl::StrCat(label, ": không tính — ", info.Reason());
    } else if (d < first) {
      day.text =
          absl::StrCat(label, ": không tính — tiếp nhận ngoài giờ làm việc");
    } else {
      day.text = absl::StrCat(label, ": ngày làm việc tiếp theo");
    }
    if (d == due_day) {
      absl::StrAppend(&day.text, "; hạn trả ", ClockOf(calendar, seg.due));
    }
    seg.days.push_back(std::move(day));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Duration ExplanationSegment::Counted() const {
  absl::Duration sum;
  for (const ExplainedDay& d : days) {
    sum += d.counted;
  }
  return sum;
}

int ExplanationSegment::CountedCalendarDays() const {
  int n = 0;
  for (const ExplainedDay& d : days) {
    n += d.counted_calendar_day ? 1 : 0;
  }
  return n;
}

absl::Duration Explanation::Counted() const {
  absl::Duration sum;
  for (const ExplanationSegment& s : segments) {
    sum += s.Counted();
  }
  return sum;
}

int Explanation::CountedCalendarDays() const {
  int n = 0;
  for (const ExplanationSegment& s : segments) {
    n += s.CountedCalendarDays();
  }
  return n;
}

std::string Explanation::ToText() const {
  std::string out;
  for (const std::string& n : notes) {
    absl::StrAppend(&out, n, "\n");
  }
  for (const ExplanationSegment& s : segments) {
    absl::StrAppend(&out, s.title, "\n");
    for (const ExplainedDay& d : s.days) {
      absl::StrAppend(&out, "  - ", d.text, "\n");
    }
    if (!s.total.empty()) {
      absl::StrAppend(&out, s.total, "\n");
    }
  }
  for (const std::string& c : closing) {
    absl::StrAppend(&out, c, "\n");
  }
  return out;
}

absl::StatusOr<ExplanationSegment> ExplainSegment(
    const WorkingCalendar& calendar, std::string title, absl::Time start,
    const TimeLimit& limit, absl::Time due, absl::string_view start_label) {
  if (due < start) {
    return absl::InvalidArgumentError("due: is before start");
  }
  ExplanationSegment seg;
  seg.title = std::move(title);
  seg.limit = limit;
  seg.start = start;
  seg.due = due;
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
    case LimitUnit::kWorkingHours:
    case LimitUnit::kImmediate:
      MOTCUA_RETURN_IF_ERROR(ExplainWorkingTime(calendar, seg));
      if (limit.unit == LimitUnit::kImmediate) {
        seg.total.clear();
      }
      break;
    case LimitUnit::kCalendarDays:
      MOTCUA_RETURN_IF_ERROR(ExplainCalendarDays(calendar, start_label, seg));
      break;
    case LimitUnit::kSameDay:
      MOTCUA_RETURN_IF_ERROR(ExplainSameDay(calendar, seg));
      break;
  }
  return seg;
}

absl::StatusOr<Explanation> ExplainDueTime(const WorkingCalendar& calendar,
                                           absl::Time received,
                                           const TimeLimit& limit) {
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time due,
                          ComputeDueTime(calendar, received, limit));
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time begin,
                          calendar.NextSessionStart(received));
  const absl::TimeZone zone = calendar.time_zone();
  Explanation out;
  out.due = due;
  out.notes.push_back(
      absl::StrCat("Tiếp nhận: ", FormatTimeVi(received, zone), "."));
  std::string limit_line =
      absl::StrCat("Thời hạn giải quyết: ", DescribeTimeLimit(limit));
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
      absl::StrAppend(
          &limit_line, " = ", FormatDurationVi(WorkingTimeOf(calendar, limit)),
          " làm việc (1 ngày làm việc = ",
          FormatDurationVi(
              absl::Minutes(calendar.working_time().minutes_per_working_day)),
          "; chỉ tính thời gian trong giờ làm việc)");
      break;
    case LimitUnit::kWorkingHours:
      absl::StrAppend(&limit_line, " (chỉ tính thời gian trong giờ làm việc)");
      break;
    case LimitUnit::kCalendarDays:
      absl::StrAppend(&limit_line,
                      " (tính cả ngày nghỉ, không tính ngày tiếp nhận; nếu "
                      "ngày cuối là ngày nghỉ thì hạn là cuối ngày làm việc "
                      "tiếp theo)");
      break;
    case LimitUnit::kSameDay:
      absl::StrAppend(
          &limit_line, " (tiếp nhận trước ",
          FormatClock(calendar.working_time().same_day_cutoff_minute * 60),
          " thì trả kết quả cuối ngày đó; từ ",
          FormatClock(calendar.working_time().same_day_cutoff_minute * 60),
          " trở đi thì trả vào cuối ngày làm việc tiếp theo)");
      break;
    case LimitUnit::kImmediate:
      break;
  }
  out.notes.push_back(absl::StrCat(limit_line, "."));
  if (begin != received) {
    out.notes.push_back(
        absl::StrCat("Tiếp nhận ngoài giờ làm việc: thời hạn tính từ đầu phiên "
                     "làm việc tiếp theo, ",
                     FormatTimeVi(begin, zone), "."));
  }
  MOTCUA_ASSIGN_OR_RETURN(
      ExplanationSegment seg,
      ExplainSegment(calendar, "Từng ngày:", received, limit, due));
  out.segments.push_back(std::move(seg));
  out.closing.push_back(
      absl::StrCat("Hạn trả kết quả: ", FormatTimeVi(due, zone), "."));
  out.closing.push_back(
      absl::StrCat("(Lịch làm việc phiên bản ", calendar.version(), ".)"));
  return out;
}

}  // namespace motcua::calendar
