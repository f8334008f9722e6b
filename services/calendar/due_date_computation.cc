#include "services/calendar/due_date_computation.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/calendar/vietnamese_text.h"
#include "services/common/status_macros.h"

namespace motcua::calendar {

namespace {

// Where an extension starts counting: the due time itself, or for calendar days
// the start of the due day, so that the first extra day is the day after it.
absl::Time ExtensionStart(const WorkingCalendar& calendar, absl::Time due,
                          const TimeLimit& extra) {
  if (extra.unit != LimitUnit::kCalendarDays) {
    return due;
  }
  return absl::FromCivil(absl::CivilSecond(calendar.LocalDay(due)),
                         calendar.time_zone());
}

// The due time `extra` after `due`: more working time after it, or for
// calendar days the N-th day after the due day (moved to a working day).
absl::StatusOr<absl::Time> ExtendDue(const WorkingCalendar& calendar,
                                     absl::Time due, const TimeLimit& extra) {
  return ComputeDueTime(calendar, ExtensionStart(calendar, due, extra), extra);
}

}  // namespace

DueDateComputation::DueDateComputation(WorkingCalendar calendar,
                                       absl::Time received, TimeLimit limit,
                                       absl::Time due)
    : calendar_(std::move(calendar)),
      received_(received),
      limit_(limit),
      counting_start_(received),
      due_(due),
      scoring_due_(due) {}

absl::StatusOr<DueDateComputation> DueDateComputation::Start(
    WorkingCalendar calendar, absl::Time received, TimeLimit limit) {
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time due,
                          ComputeDueTime(calendar, received, limit));
  return DueDateComputation(std::move(calendar), received, limit, due);
}

absl::Time DueDateComputation::LastEvent() const {
  absl::Time last = received_;
  if (!supplements_.empty()) {
    last = std::max(last, supplements_.back().completed);
  }
  if (extension_.has_value()) {
    last = std::max(last, extension_->requested);
  }
  return last;
}

absl::StatusOr<absl::Time> DueDateComputation::LegalDueFrom(
    absl::Time start) const {
  MOTCUA_ASSIGN_OR_RETURN(absl::Time due,
                          ComputeDueTime(calendar_, start, limit_));
  if (extension_.has_value()) {
    MOTCUA_ASSIGN_OR_RETURN(due, ExtendDue(calendar_, due, extension_->extra));
  }
  return due;
}

absl::Status DueDateComputation::RecordSupplement(absl::Time requested,
                                                  absl::Time completed) {
  const absl::TimeZone zone = calendar_.time_zone();
  if (requested < LastEvent()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "supplement.requested: ", absl::FormatTime(requested, zone),
        " is before the last recorded event, ",
        absl::FormatTime(LastEvent(), zone)));
  }
  if (completed < requested) {
    return absl::InvalidArgumentError(
        "supplement.completed: is before supplement.requested");
  }
  if (requested > due_) {
    return absl::FailedPreconditionError(absl::StrCat(
        "supplement.requested: ", absl::FormatTime(requested, zone),
        " is after the due time ", absl::FormatTime(due_, zone)));
  }
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time legal, LegalDueFrom(completed));

  absl::Time scoring = scoring_due_;
  if (requested < scoring_due_) {
    if (limit_.unit == LimitUnit::kCalendarDays) {
      const int64_t days_left =
          calendar_.LocalDay(scoring_due_) - calendar_.LocalDay(requested);
      const absl::CivilDay last = calendar_.LocalDay(completed) + days_left;
      if (!calendar_.Covers(last)) {
        return absl::InvalidArgumentError(
            "supplement.completed: the count leaves the calendar");
      }
      MOTCUA_ASSIGN_OR_RETURN(const absl::CivilDay day,
                              calendar_.WorkingDayOnOrAfter(last));
      MOTCUA_ASSIGN_OR_RETURN(scoring, calendar_.EndOfWorkingDay(day));
    } else {
      MOTCUA_ASSIGN_OR_RETURN(
          const absl::Duration left,
          calendar_.WorkingTimeBetween(requested, scoring_due_));
      MOTCUA_ASSIGN_OR_RETURN(scoring,
                              calendar_.AddWorkingTime(completed, left));
    }
  }
  supplements_.push_back(
      {requested, completed, due_, legal, scoring_due_, scoring});
  counting_start_ = completed;
  due_ = legal;
  scoring_due_ = scoring;
  return absl::OkStatus();
}

absl::Status DueDateComputation::Extend(absl::Time requested, TimeLimit extra,
                                        std::string reason) {
  const absl::TimeZone zone = calendar_.time_zone();
  if (extension_.has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat("extension: already extended once (requested ",
                     absl::FormatTime(extension_->requested, zone),
                     "); Decree 61 Art. 19.9 allows one extension"));
  }
  const bool calendar_days = limit_.unit == LimitUnit::kCalendarDays;
  if (calendar_days ? extra.unit != LimitUnit::kCalendarDays
                    : (extra.unit != LimitUnit::kWorkingDays &&
                       extra.unit != LimitUnit::kWorkingHours)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "extension.extra.unit: ", LimitUnitCode(extra.unit),
        " cannot extend a ", LimitUnitCode(limit_.unit), " limit; use ",
        calendar_days ? "days" : "working_days or working_hours"));
  }
  MOTCUA_RETURN_IF_ERROR(ValidateTimeLimit(extra));
  if (extra.amount < 1) {
    return absl::InvalidArgumentError(
        "extension.extra.amount: must be at least 1");
  }
  if (reason.empty()) {
    return absl::InvalidArgumentError(
        "extension.reason: empty; state why the dossier is late");
  }
  if (requested < LastEvent()) {
    return absl::InvalidArgumentError(
        absl::StrCat("extension.requested: ", absl::FormatTime(requested, zone),
                     " is before the last recorded event, ",
                     absl::FormatTime(LastEvent(), zone)));
  }
  const absl::CivilDay due_day = calendar_.LocalDay(due_);
  if (calendar_.LocalDay(requested) >= due_day) {
    return absl::FailedPreconditionError(
        absl::StrCat("extension.requested: ", absl::FormatTime(requested, zone),
                     " is not at least 1 day before the due date ",
                     absl::FormatCivilTime(due_day)));
  }
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time legal,
                          ExtendDue(calendar_, due_, extra));
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time scoring,
                          ExtendDue(calendar_, scoring_due_, extra));
  extension_ = Extension{requested,    extra,  std::move(reason), due_, legal,
                         scoring_due_, scoring};
  due_ = legal;
  scoring_due_ = scoring;
  return absl::OkStatus();
}

absl::StatusOr<Explanation> DueDateComputation::Explain() const {
  const absl::TimeZone zone = calendar_.time_zone();
  MOTCUA_ASSIGN_OR_RETURN(Explanation out,
                          ExplainDueTime(calendar_, counting_start_, limit_));
  out.due = due_;
  // ExplainDueTime() starts with the reception of `counting_start_`; restate
  // the real story.
  out.notes.erase(out.notes.begin());
  if (!supplements_.empty()) {
    constexpr absl::string_view kOutside = "Tiếp nhận ngoài giờ";
    for (std::string& note : out.notes) {
      if (absl::StartsWith(note, kOutside)) {
        note = absl::StrCat("Nhận đủ hồ sơ ngoài giờ",
                            note.substr(kOutside.size()));
      }
    }
  }
  std::vector<std::string> story;
  story.push_back(
      absl::StrCat("Tiếp nhận: ", FormatTimeVi(received_, zone), "."));
  for (size_t i = 0; i < supplements_.size(); ++i) {
    const SupplementPause& p = supplements_[i];
    story.push_back(
        absl::StrCat("Yêu cầu bổ sung hồ sơ lần ", i + 1, ": ",
                     FormatTimeVi(p.requested, zone),
                     "; nhận đủ hồ sơ: ", FormatTimeVi(p.completed, zone),
                     ". Thời hạn được tính lại từ đầu kể từ khi nhận đủ hồ sơ "
                     "(khoản 4 Điều 19 Nghị định "
                     "61/2018/NĐ-CP): hạn ",
                     FormatTimeVi(p.due_before, zone), " đổi thành ",
                     FormatTimeVi(p.due_after, zone), "."));
  }
  if (ScoredLateForRepeatedSupplement()) {
    story.push_back(
        "Lưu ý: theo Quyết định 766/QĐ-TTg, hồ sơ phải yêu cầu bổ sung từ lần "
        "thứ hai trở lên được tính là quá hạn.");
  }
  out.notes.insert(out.notes.begin(), story.begin(), story.end());
  MOTCUA_ASSIGN_OR_RETURN(const absl::Time base_due,
                          ComputeDueTime(calendar_, counting_start_, limit_));
  if (!supplements_.empty()) {
    MOTCUA_ASSIGN_OR_RETURN(
        out.segments.front(),
        ExplainSegment(
            calendar_,
            absl::StrCat("Từng ngày, tính lại từ khi nhận đủ hồ sơ (",
                         FormatTimeVi(counting_start_, zone), "):"),
            counting_start_, limit_, base_due, "ngày nhận đủ hồ sơ"));
  }
  if (extension_.has_value()) {
    MOTCUA_ASSIGN_OR_RETURN(
        ExplanationSegment seg,
        ExplainSegment(
            calendar_,
            absl::StrCat("Gia hạn thêm ", DescribeTimeLimit(extension_->extra),
                         " (đề nghị lúc ",
                         FormatTimeVi(extension_->requested, zone),
                         "; lý do: ", extension_->reason, "), tính từ hạn cũ ",
                         FormatTimeVi(base_due, zone), ":"),
            ExtensionStart(calendar_, base_due, extension_->extra),
            extension_->extra, due_, "ngày hẹn trả cũ"));
    out.segments.push_back(std::move(seg));
  }
  out.closing.clear();
  out.closing.push_back(
      absl::StrCat("Hạn trả kết quả: ", FormatTimeVi(due_, zone), "."));
  if (!supplements_.empty()) {
    out.closing.push_back(
        absl::StrCat("Hạn dùng để chấm điểm theo Quyết định 766/QĐ-TTg (trừ "
                     "thời gian chờ bổ sung hồ sơ): ",
                     FormatTimeVi(scoring_due_, zone), "."));
  }
  out.closing.push_back(
      absl::StrCat("(Lịch làm việc phiên bản ", calendar_.version(), ".)"));
  return out;
}

}  // namespace motcua::calendar
