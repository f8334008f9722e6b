// File: services/calendar/due_date_computation.h
// A dossier's due date over its life: computed at reception, then changed by
// supplement pauses and at most one extension, every change recorded with the
// due times before and after. Two due times are kept (DOMAIN.md §2.3, §2.5):
//   due()          the legal one: after a supplement request the limit
//                  restarts from zero when the complete dossier arrives
//                  (Decree 61/2018, Art. 19.4);
//   scoring_due()  the one DVCQG scoring uses (Decision 766): the supplement
//                  interval is subtracted, i.e. the working time left at the
//                  request resumes at completion (for calendar-day limits, the
//                  calendar days left).
// An extension (Art. 19.9) is allowed once, requested on a day before the due
// day. The extra time is counted from the current due time (calendar days:
// from the day after the due day) by the rules of due_date.h, and applies to
// both due times, and again after a later restart. A value type; not
// thread-safe for mutation.
#ifndef MOTCUA_SERVICES_CALENDAR_DUE_DATE_COMPUTATION_H_
#define MOTCUA_SERVICES_CALENDAR_DUE_DATE_COMPUTATION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/calendar/due_date.h"
#include "services/calendar/explanation.h"
#include "services/calendar/working_calendar.h"

namespace motcua::calendar {

struct SupplementPause {
  absl::Time requested;  // yêu cầu bổ sung
  absl::Time completed;  // nhận đủ hồ sơ
  absl::Time due_before;
  absl::Time due_after;
  absl::Time scoring_due_before;
  absl::Time scoring_due_after;
};

struct Extension {
  absl::Time requested;
  TimeLimit extra;
  std::string reason;
  absl::Time due_before;
  absl::Time due_after;
  absl::Time scoring_due_before;
  absl::Time scoring_due_after;
};

class DueDateComputation {
 public:
  // The due date of `limit` from `received`. Errors as ComputeDueTime().
  static absl::StatusOr<DueDateComputation> Start(WorkingCalendar calendar,
                                                  absl::Time received,
                                                  TimeLimit limit);

  absl::Time received() const { return received_; }
  const TimeLimit& limit() const { return limit_; }
  absl::Time due() const { return due_; }
  absl::Time scoring_due() const { return scoring_due_; }
  // Where the legal count starts: reception, or the completion of the last
  // supplement.
  absl::Time counting_start() const { return counting_start_; }
  const std::string& calendar_version() const { return calendar_.version(); }
  const std::vector<SupplementPause>& supplements() const {
    return supplements_;
  }
  const std::optional<Extension>& extension() const { return extension_; }
  // Decision 766 scores a dossier with a second supplement request as late.
  bool ScoredLateForRepeatedSupplement() const {
    return supplements_.size() > 1;
  }

  // Records a supplement requested at `requested` and completed at `completed`,
  // and moves both due times. kInvalidArgument when the times are out of order
  // (before the last recorded event, or completed before requested);
  // kFailedPrecondition when requested after the legal due time. On error
  // nothing changes.
  absl::Status RecordSupplement(absl::Time requested, absl::Time completed);

  // Extends both due times by `extra` (working days or hours; calendar days for
  // a calendar-day limit; amount >= 1), for a non-empty `reason`.
  // kFailedPrecondition for a second extension or a request on or after the due
  // day; kInvalidArgument for a bad `extra`, an empty reason or a request
  // before the last recorded event. On error nothing changes.
  absl::Status Extend(absl::Time requested, TimeLimit extra,
                      std::string reason);

  // The day-by-day account of due(), with the pauses, the extension and
  // scoring_due().
  absl::StatusOr<Explanation> Explain() const;

 private:
  DueDateComputation(WorkingCalendar calendar, absl::Time received,
                     TimeLimit limit, absl::Time due);

  // The latest recorded time; new events may not come before it.
  absl::Time LastEvent() const;
  // Legal due time of counting from `start`: the limit, then the extension if
  // any.
  absl::StatusOr<absl::Time> LegalDueFrom(absl::Time start) const;

  WorkingCalendar calendar_;
  absl::Time received_;
  TimeLimit limit_;
  absl::Time counting_start_;
  absl::Time due_;
  absl::Time scoring_due_;
  std::vector<SupplementPause> supplements_;
  std::optional<Extension> extension_;
};

}  // namespace motcua::calendar

#endif  // MOTCUA_SERVICES_CALENDAR_DUE_DATE_COMPUTATION_H_
