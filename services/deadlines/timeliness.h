// File: services/deadlines/timeliness.h
// Deadline rules that need the calendar but no storage (DOMAIN.md §2.3–2.6, §7 items 5, 12, 18):
// when a received dossier reaches the competent unit (the 15:00 rule), whether a supplement
// request is within 3 working days of reception, and whether a dossier is early, on time, late
// or due soon — by the legal rule and by the national (Decision 766) rule. Pure; thread-safe.
#ifndef MOTCUA_SERVICES_DEADLINES_TIMELINESS_H_
#define MOTCUA_SERVICES_DEADLINES_TIMELINESS_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/calendar/due_date.h"
#include "services/calendar/working_calendar.h"
#include "services/catalog/procedure.h"
#include "services/dossier/dossier.h"

namespace motcua::deadlines {

// Values match motcua.v1.Dossier.Timeliness.
enum class Timeliness { kEarly = 1, kOnTime = 2, kLate = 3, kDueSoon = 4, kInProgress = 5 };

// The catalogue's limit as the calendar counts it. Fractional working days become working hours.
calendar::TimeLimit ToCalendarLimit(const catalog::TimeLimit& limit);

// Paper dossiers (in person, by post) received at or after 15:00 local time, or outside working
// time, are transferred at the start of the next working day's first session; online ones
// (and paper ones before 15:00 on a working day) at once (Decree 61 Art. 18).
absl::StatusOr<absl::Time> TransferTime(const calendar::WorkingCalendar& calendar,
                                        absl::Time received, bool paper);

// True when `requested` is no later than 3 working days after `received` (Art. 19.4).
absl::StatusOr<bool> WithinSupplementWindow(const calendar::WorkingCalendar& calendar,
                                            absl::Time received, absl::Time requested);

// Legal classification at `now`: for a finished dossier, early when it finished on an earlier
// local day than its due day, on time when by the due time, else late; for an open one, late
// past its due time, due soon within one working day of it, else in progress. A dossier waiting
// for the applicant's papers is judged at the time of the request.
Timeliness Classify(const dossier::Dossier& d, const calendar::WorkingCalendar& calendar,
                    absl::Time now);

// Decision 766 indicator 2.1 (DOMAIN.md §1.9): on time ⇔ end − supplement time ≤ the scoring due
// time, where end is the first terminal state, the pending supplement request, or `period_end`;
// more than one supplement round is late.
bool NationalOnTime(const dossier::Dossier& d, absl::Time period_end);

}  // namespace motcua::deadlines

#endif  // MOTCUA_SERVICES_DEADLINES_TIMELINESS_H_
