#include "services/deadlines/report.h"

#include "services/deadlines/timeliness.h"

namespace motcua::deadlines {
namespace {

double Percent(int64_t part, int64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

double PeriodReport::OnTimeRate() const { return Percent(early + on_time, finished + overdue_open); }
double PeriodReport::OnlineShare() const { return Percent(online, received); }
double PeriodReport::NationalOnTimeRate() const { return Percent(national_on_time, received); }
double PeriodReport::DigitisedShare() const { return Percent(digitised, received); }
double PeriodReport::OnlinePaymentShare() const { return Percent(paid_online, with_fees); }

PeriodReport BuildReport(const std::vector<dossier::Dossier>& dossiers,
                         const calendar::WorkingCalendar& calendar, absl::Time period_end) {
  return BuildReport(dossiers, calendar::UnitCalendars(calendar), period_end);
}

PeriodReport BuildReport(const std::vector<dossier::Dossier>& dossiers,
                         const calendar::UnitCalendars& calendars, absl::Time period_end) {
  PeriodReport r;
  for (const auto& d : dossiers) {
    ++r.received;
    int state = static_cast<int>(d.status);
    if (state >= 1 && state <= 10) ++r.by_state[state];
    switch (d.channel) {
      case dossier::Channel::kInPerson:
        ++r.in_person;
        break;
      case dossier::Channel::kOnline:
        ++r.online;
        break;
      case dossier::Channel::kPostal:
        ++r.postal;
        break;
    }
    if (!d.attachments.empty()) ++r.digitised;
    int64_t fees = 0;
    for (const auto& f : d.fees) fees += f.amount_vnd;
    if (fees > 0) {
      ++r.with_fees;
      if (d.paid_time && d.channel == dossier::Channel::kOnline) ++r.paid_online;
    }
    r.supplement_requests += static_cast<int64_t>(d.supplements.size());
    if (d.extended) ++r.extensions;
    if (NationalOnTime(d, period_end)) ++r.national_on_time;
    Timeliness t = Classify(d, calendars.ForUnit(d.receiving_unit), period_end);
    // A dossier refused at reception never had a due date: it has ended but no deadline was
    // kept or missed, so it stays out of the on-time rate.
    if (d.handling_end_time && d.due_time) {
      ++r.finished;
      if (t == Timeliness::kEarly) ++r.early;
      if (t == Timeliness::kOnTime) ++r.on_time;
      if (t == Timeliness::kLate) ++r.late;
    } else if (!d.handling_end_time && t == Timeliness::kLate) {
      ++r.overdue_open;
    }
  }
  return r;
}

}  // namespace motcua::deadlines
