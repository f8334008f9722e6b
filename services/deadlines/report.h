// File: services/deadlines/report.h
// Counts and rates over the dossiers received in a period (DOMAIN.md §1.6, §1.9, §2.6): by state,
// early / on time / late, online share by channel, and the Decision 766 indicators the data
// supports. Pure.
#ifndef MOTCUA_SERVICES_DEADLINES_REPORT_H_
#define MOTCUA_SERVICES_DEADLINES_REPORT_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "services/calendar/unit_working_time.h"
#include "services/calendar/working_calendar.h"
#include "services/dossier/dossier.h"

namespace motcua::deadlines {

struct PeriodReport {
  int64_t received = 0;
  std::array<int64_t, 11> by_state{};  // index = TrangThaiHoSo
  int64_t finished = 0;
  int64_t early = 0;
  int64_t on_time = 0;
  int64_t late = 0;
  int64_t overdue_open = 0;
  int64_t in_person = 0;
  int64_t online = 0;
  int64_t postal = 0;
  int64_t national_on_time = 0;
  int64_t digitised = 0;
  int64_t with_fees = 0;
  int64_t paid_online = 0;
  int64_t supplement_requests = 0;
  int64_t extensions = 0;

  // Percentages, 0 when the denominator is 0.
  double OnTimeRate() const;
  double OnlineShare() const;
  double NationalOnTimeRate() const;
  double DigitisedShare() const;
  double OnlinePaymentShare() const;
};

// `period_end` judges dossiers still open (766: the period's end is their end time).
// Each dossier is judged with the calendar of its receiving unit.
PeriodReport BuildReport(const std::vector<dossier::Dossier>& dossiers,
                         const calendar::UnitCalendars& calendars, absl::Time period_end);
PeriodReport BuildReport(const std::vector<dossier::Dossier>& dossiers,
                         const calendar::WorkingCalendar& calendar, absl::Time period_end);

}  // namespace motcua::deadlines

#endif  // MOTCUA_SERVICES_DEADLINES_REPORT_H_
