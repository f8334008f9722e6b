// Deadline rules (services/deadlines/timeliness.h, report.h): the 15:00 transfer rule, the
// 3-working-day supplement window, the legal classification early / on time / late / due soon /
// in progress, the national (Decision 766) on-time test and the period report's counts.
//
// Dates are in March–May 2026 on the default calendar (statutory holidays only, Monday–Friday
// 07:00–11:30 and 13:30–17:00): Mon 9 Mar 2026 is a plain working Monday; 30 Apr and 1 May
// 2026 (Thu, Fri) are public holidays.
#include "services/deadlines/timeliness.h"

#include <array>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/calendar/due_date.h"
#include "services/calendar/working_calendar.h"
#include "services/deadlines/report.h"
#include "tests/testing/status_matchers.h"

namespace motcua::deadlines {
namespace {

using dossier::Channel;
using dossier::Dossier;
using ::motcua::testing::IsOk;
using workflow::Status;

const calendar::WorkingCalendar& Cal() {
  static const calendar::WorkingCalendar* const cal =
      new calendar::WorkingCalendar(*calendar::WorkingCalendar::Create());
  return *cal;
}

// Local (UTC+7) time.
absl::Time Vn(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), Cal().time_zone());
}

std::string Show(absl::Time t) {
  return absl::FormatTime("%a %Y-%m-%d %H:%M:%S", t, Cal().time_zone());
}

TEST(Calendar, TheFixtureDatesAreWhatTheTestsAssume) {
  EXPECT_TRUE(Cal().IsWorkingDay(absl::CivilDay(2026, 3, 9)));
  EXPECT_EQ(absl::GetWeekday(absl::CivilDay(2026, 3, 9)), absl::Weekday::monday);
  for (int d = 9; d <= 13; ++d) EXPECT_TRUE(Cal().IsWorkingDay(absl::CivilDay(2026, 3, d))) << d;
  EXPECT_FALSE(Cal().IsWorkingDay(absl::CivilDay(2026, 3, 14)));
  EXPECT_FALSE(Cal().IsWorkingDay(absl::CivilDay(2026, 3, 15)));
  EXPECT_FALSE(Cal().IsWorkingDay(absl::CivilDay(2026, 4, 30)));
  EXPECT_FALSE(Cal().IsWorkingDay(absl::CivilDay(2026, 5, 1)));
  EXPECT_TRUE(Cal().IsWorkingDay(absl::CivilDay(2026, 4, 29)));
  EXPECT_TRUE(Cal().IsWorkingDay(absl::CivilDay(2026, 5, 4)));
}

// ---- 15:00 transfer rule ----

struct TransferCase {
  std::string label;
  absl::Time received;
  bool paper;
  absl::Time expected;
};

TEST(TransferTime, FifteenHundredRule) {
  const std::vector<TransferCase> cases = {
      {"morning session", Vn(2026, 3, 9, 9, 0), true, Vn(2026, 3, 9, 9, 0)},
      {"before the desk opens", Vn(2026, 3, 9, 6, 30), true, Vn(2026, 3, 9, 7, 0)},
      {"lunch break", Vn(2026, 3, 9, 12, 0), true, Vn(2026, 3, 9, 13, 30)},
      {"one second before 15:00", Vn(2026, 3, 9, 14, 59, 59), true, Vn(2026, 3, 9, 14, 59, 59)},
      {"at 15:00", Vn(2026, 3, 9, 15, 0), true, Vn(2026, 3, 10, 7, 0)},
      {"after 15:00", Vn(2026, 3, 9, 16, 30), true, Vn(2026, 3, 10, 7, 0)},
      {"after the desk closed", Vn(2026, 3, 9, 19, 0), true, Vn(2026, 3, 10, 7, 0)},
      {"Friday after 15:00", Vn(2026, 3, 13, 15, 30), true, Vn(2026, 3, 16, 7, 0)},
      {"Saturday morning", Vn(2026, 3, 14, 9, 0), true, Vn(2026, 3, 16, 7, 0)},
      {"Sunday before 15:00", Vn(2026, 3, 15, 10, 0), true, Vn(2026, 3, 16, 7, 0)},
      {"before a holiday bridge", Vn(2026, 4, 29, 16, 0), true, Vn(2026, 5, 4, 7, 0)},
      {"on a holiday", Vn(2026, 4, 30, 9, 0), true, Vn(2026, 5, 4, 7, 0)},
      {"online after 15:00", Vn(2026, 3, 9, 16, 30), false, Vn(2026, 3, 9, 16, 30)},
      {"online on Saturday", Vn(2026, 3, 14, 9, 0), false, Vn(2026, 3, 14, 9, 0)},
  };
  for (const auto& c : cases) {
    absl::StatusOr<absl::Time> got = TransferTime(Cal(), c.received, c.paper);
    ASSERT_THAT(got, IsOk()) << c.label;
    EXPECT_EQ(*got, c.expected) << c.label << ": got " << Show(*got) << ", want "
                                << Show(c.expected);
  }
}

// ---- Supplement window: 3 working days after reception (Art. 19.4) ----

struct WindowCase {
  std::string label;
  absl::Time received;
  absl::Time requested;
  bool within;
};

TEST(WithinSupplementWindow, ThreeWorkingDaysAfterReception) {
  const std::vector<WindowCase> cases = {
      {"same day", Vn(2026, 3, 9, 9, 0), Vn(2026, 3, 9, 16, 0), true},
      {"exactly 3 WD", Vn(2026, 3, 9, 9, 0), Vn(2026, 3, 12, 9, 0), true},
      {"one second past 3 WD", Vn(2026, 3, 9, 9, 0), Vn(2026, 3, 12, 9, 0, 1), false},
      {"fourth day", Vn(2026, 3, 9, 9, 0), Vn(2026, 3, 13, 8, 0), false},
      // Friday 10:00 + 3 WD skips the weekend: Wednesday 10:00.
      {"over a weekend, in time", Vn(2026, 3, 13, 10, 0), Vn(2026, 3, 18, 10, 0), true},
      {"over a weekend, late", Vn(2026, 3, 13, 10, 0), Vn(2026, 3, 18, 10, 1), false},
      // Received on Saturday: counting starts Monday 07:00; 3 WD end Wednesday 17:00.
      {"received on a rest day", Vn(2026, 3, 14, 9, 0), Vn(2026, 3, 18, 17, 0), true},
      {"received on a rest day, late", Vn(2026, 3, 14, 9, 0), Vn(2026, 3, 19, 7, 0, 1), false},
      // Wed 29 Apr 09:00: the 30 Apr – 3 May bridge is not counted (Wed 6h, Mon 8h, Tue 8h, then
      // Wed 6 May 09:00).
      {"over the 30/4 holidays", Vn(2026, 4, 29, 9, 0), Vn(2026, 5, 6, 9, 0), true},
      {"over the 30/4 holidays, late", Vn(2026, 4, 29, 9, 0), Vn(2026, 5, 6, 9, 30), false},
  };
  for (const auto& c : cases) {
    absl::StatusOr<bool> got = WithinSupplementWindow(Cal(), c.received, c.requested);
    ASSERT_THAT(got, IsOk()) << c.label;
    EXPECT_EQ(*got, c.within) << c.label;
  }
}

// ---- ToCalendarLimit ----

TEST(ToCalendarLimit, ConvertsEveryCatalogueUnit) {
  using catalog::TimeUnit;
  EXPECT_EQ(ToCalendarLimit({3, TimeUnit::kWorkingDays}), calendar::TimeLimit::WorkingDays(3));
  EXPECT_EQ(ToCalendarLimit({0.5, TimeUnit::kWorkingDays}), calendar::TimeLimit::WorkingHours(4));
  EXPECT_EQ(ToCalendarLimit({1.5, TimeUnit::kWorkingDays}), calendar::TimeLimit::WorkingHours(12));
  EXPECT_EQ(ToCalendarLimit({4, TimeUnit::kWorkingHours}), calendar::TimeLimit::WorkingHours(4));
  EXPECT_EQ(ToCalendarLimit({30, TimeUnit::kCalendarDays}), calendar::TimeLimit::CalendarDays(30));
  EXPECT_EQ(ToCalendarLimit({0, TimeUnit::kSameDay}), calendar::TimeLimit::SameDay());
  EXPECT_EQ(ToCalendarLimit({0, TimeUnit::kImmediate}), calendar::TimeLimit::Immediate());
}

// ---- Classify ----

// Received Mon 9 Mar 09:00 with 3 WD: due Thu 12 Mar 09:00.
Dossier Received() {
  Dossier d;
  d.code = "H44.07900-260309-0001";
  d.channel = Channel::kInPerson;
  d.status = Status::kProcessing;
  d.step = workflow::Step::kAppraising;
  d.received_time = Vn(2026, 3, 9, 9, 0);
  d.due_time = Vn(2026, 3, 12, 9, 0);
  d.original_due_time = d.due_time;
  d.scoring_due_time = d.due_time;
  return d;
}

Dossier FinishedAt(absl::Time end, Status status = Status::kReturned) {
  Dossier d = Received();
  d.status = status;
  d.step = workflow::Step::kClosed;
  d.handling_end_time = end;
  return d;
}

Dossier WaitingForPapers(absl::Time requested) {
  Dossier d = Received();
  d.status = Status::kSupplementRequested;
  d.step = workflow::Step::kWaitingCitizen;
  dossier::SupplementRound r;
  r.round = 1;
  r.requested_time = requested;
  r.previous_due = *d.due_time;
  d.supplements.push_back(r);
  return d;
}

struct ClassifyCase {
  std::string label;
  Dossier dossier;
  absl::Time now;
  Timeliness expected;
};

TEST(Classify, FinishedOpenAndWaitingDossiers) {
  const absl::Time much_later = Vn(2026, 4, 20, 10, 0);
  Dossier no_due = Received();
  no_due.due_time.reset();
  const std::vector<ClassifyCase> cases = {
      // Finished: compared at the end of handling, whatever `now` is.
      {"finished a day before the due day", FinishedAt(Vn(2026, 3, 11, 16, 0)), much_later,
       Timeliness::kEarly},
      {"finished on the due day, before the due time", FinishedAt(Vn(2026, 3, 12, 8, 0)),
       much_later, Timeliness::kOnTime},
      {"finished exactly at the due time", FinishedAt(Vn(2026, 3, 12, 9, 0)), much_later,
       Timeliness::kOnTime},
      {"finished one second late", FinishedAt(Vn(2026, 3, 12, 9, 0, 1)), much_later,
       Timeliness::kLate},
      {"finished days late", FinishedAt(Vn(2026, 3, 16, 9, 0)), much_later, Timeliness::kLate},
      {"stopped early", FinishedAt(Vn(2026, 3, 10, 9, 0), Status::kStopped), much_later,
       Timeliness::kEarly},
      // Open: compared with `now`.
      {"open, far from the due time", Received(), Vn(2026, 3, 10, 16, 0), Timeliness::kInProgress},
      {"open, exactly one working day left", Received(), Vn(2026, 3, 11, 9, 0),
       Timeliness::kDueSoon},
      {"open, due in an hour", Received(), Vn(2026, 3, 12, 8, 0), Timeliness::kDueSoon},
      {"open, at the due time", Received(), Vn(2026, 3, 12, 9, 0), Timeliness::kDueSoon},
      {"open, one second past the due time", Received(), Vn(2026, 3, 12, 9, 0, 1),
       Timeliness::kLate},
      {"open, long past the due time", Received(), much_later, Timeliness::kLate},
      {"no due date yet", no_due, much_later, Timeliness::kInProgress},
      // Waiting for the applicant's papers: judged at the request, not at `now`.
      {"waiting, asked before the due day", WaitingForPapers(Vn(2026, 3, 10, 10, 0)), much_later,
       Timeliness::kEarly},
      {"waiting, asked on the due day in time", WaitingForPapers(Vn(2026, 3, 12, 8, 30)),
       much_later, Timeliness::kOnTime},
      {"waiting, asked after the due time", WaitingForPapers(Vn(2026, 3, 12, 10, 0)), much_later,
       Timeliness::kLate},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Classify(c.dossier, Cal(), c.now), c.expected) << c.label;
  }
}

// Working time, not clock time, decides "due soon": Friday afternoon before a Monday deadline.
TEST(Classify, DueSoonCountsWorkingTimeOverTheWeekend) {
  Dossier d = Received();
  d.due_time = Vn(2026, 3, 16, 11, 0);  // Monday 11:00
  // Fri 13 Mar 14:00 → Mon 11:00: 3 h Friday + 4 h Monday = 7 h ≤ 8 h.
  EXPECT_EQ(Classify(d, Cal(), Vn(2026, 3, 13, 14, 0)), Timeliness::kDueSoon);
  // Fri 09:00 → Mon 11:00: 2.5 + 3.5 + 4 = 10 h.
  EXPECT_EQ(Classify(d, Cal(), Vn(2026, 3, 13, 9, 0)), Timeliness::kInProgress);
}

// A completed supplement round does not make an open dossier "judged at the request".
TEST(Classify, AfterTheSupplementTheRestartedDueDateCounts) {
  Dossier d = WaitingForPapers(Vn(2026, 3, 10, 10, 0));
  d.status = Status::kProcessing;
  d.supplements[0].completed_time = Vn(2026, 3, 16, 9, 0);
  d.due_time = Vn(2026, 3, 19, 9, 0);  // restarted: 3 WD after the papers arrived
  d.supplements[0].new_due = d.due_time;
  EXPECT_EQ(Classify(d, Cal(), Vn(2026, 3, 16, 10, 0)), Timeliness::kInProgress);
  EXPECT_EQ(Classify(d, Cal(), Vn(2026, 3, 18, 10, 0)), Timeliness::kDueSoon);
  EXPECT_EQ(Classify(d, Cal(), Vn(2026, 3, 19, 10, 0)), Timeliness::kLate);
}

// ---- NationalOnTime (Decision 766 indicator 2.1) ----

TEST(NationalOnTime, EndComparedWithTheScoringDueTime) {
  const absl::Time period_end = Vn(2026, 3, 31, 23, 59, 59);
  EXPECT_TRUE(NationalOnTime(FinishedAt(Vn(2026, 3, 12, 9, 0)), period_end));
  EXPECT_FALSE(NationalOnTime(FinishedAt(Vn(2026, 3, 12, 9, 0, 1)), period_end));
  // Open at the period's end: the period's end is the end.
  EXPECT_TRUE(NationalOnTime(Received(), Vn(2026, 3, 11, 23, 59)));
  EXPECT_FALSE(NationalOnTime(Received(), period_end));
  // No due date at all: nothing to be late against.
  Dossier no_due = Received();
  no_due.due_time.reset();
  no_due.scoring_due_time.reset();
  EXPECT_TRUE(NationalOnTime(no_due, period_end));
}

TEST(NationalOnTime, TheSupplementPauseIsSubtracted) {
  // Received Mon 09:00, due Thu 09:00. Papers requested Tue 09:00, completed Fri 09:00 (a pause of
  // 72 h). The legal due date restarted, but national scoring keeps Thu 09:00 and subtracts the
  // pause from the end.
  Dossier d = FinishedAt(Vn(2026, 3, 14, 9, 0));
  dossier::SupplementRound r;
  r.round = 1;
  r.requested_time = Vn(2026, 3, 10, 9, 0);
  r.completed_time = Vn(2026, 3, 13, 9, 0);
  r.previous_due = Vn(2026, 3, 12, 9, 0);
  r.new_due = Vn(2026, 3, 18, 9, 0);
  d.supplements.push_back(r);
  d.due_time = r.new_due;
  EXPECT_EQ(d.SupplementPause(), absl::Hours(72));
  // Sat 14 09:00 − 72 h = Wed 11 09:00 ≤ Thu 12 09:00.
  EXPECT_TRUE(NationalOnTime(d, Vn(2026, 3, 31)));
  // Mon 16 09:00 − 72 h = Fri 13 09:00 > Thu 12 09:00, although the restarted legal due date
  // (Wed 18) was kept.
  d.handling_end_time = Vn(2026, 3, 16, 9, 0);
  EXPECT_FALSE(NationalOnTime(d, Vn(2026, 3, 31)));
  EXPECT_NE(Classify(d, Cal(), Vn(2026, 3, 31)), Timeliness::kLate);
  // Exactly at the limit.
  d.handling_end_time = Vn(2026, 3, 15, 9, 0);
  EXPECT_TRUE(NationalOnTime(d, Vn(2026, 3, 31)));
}

TEST(NationalOnTime, APendingSupplementEndsTheCountAtTheRequest) {
  // Waiting for papers asked Tue; the period ends long after the due date: still on time.
  EXPECT_TRUE(NationalOnTime(WaitingForPapers(Vn(2026, 3, 10, 10, 0)), Vn(2026, 4, 30)));
  // Asked after the due time: late.
  EXPECT_FALSE(NationalOnTime(WaitingForPapers(Vn(2026, 3, 12, 10, 0)), Vn(2026, 4, 30)));
}

TEST(NationalOnTime, TwoSupplementRoundsAreLate) {
  Dossier d = FinishedAt(Vn(2026, 3, 10, 16, 0));  // well before the due date
  for (int i = 1; i <= 2; ++i) {
    dossier::SupplementRound r;
    r.round = i;
    r.requested_time = Vn(2026, 3, 9, 10 + i, 0);
    r.completed_time = Vn(2026, 3, 9, 13 + i, 0);
    r.previous_due = *d.due_time;
    d.supplements.push_back(r);
  }
  EXPECT_FALSE(NationalOnTime(d, Vn(2026, 3, 31)));
  // The legal classification still says early: the two rules differ.
  EXPECT_EQ(Classify(d, Cal(), Vn(2026, 3, 31)), Timeliness::kEarly);
  d.supplements.pop_back();
  EXPECT_TRUE(NationalOnTime(d, Vn(2026, 3, 31)));
}

TEST(NationalOnTime, UsesTheScoringDueTimeNotTheRestartedOne) {
  Dossier d = FinishedAt(Vn(2026, 3, 13, 9, 0));
  d.due_time = Vn(2026, 3, 20, 9, 0);          // legal, restarted or extended
  d.scoring_due_time = Vn(2026, 3, 12, 9, 0);  // national
  EXPECT_FALSE(NationalOnTime(d, Vn(2026, 3, 31)));
  EXPECT_EQ(Classify(d, Cal(), Vn(2026, 3, 31)), Timeliness::kEarly);
  // Without a scoring due time the current one is used.
  d.scoring_due_time.reset();
  EXPECT_TRUE(NationalOnTime(d, Vn(2026, 3, 31)));
}

// ---- BuildReport ----

TEST(BuildReport, CountsStatesChannelsTimelinessAndIndicators) {
  const absl::Time period_end = Vn(2026, 3, 31, 23, 59, 59);
  std::vector<Dossier> ds;
  // 0. In person, returned early, with a paper.
  {
    Dossier d = FinishedAt(Vn(2026, 3, 10, 10, 0), Status::kReturned);
    d.attachments.push_back({"TK", "to-khai.pdf", std::string(64, 'a'), 10});
    ds.push_back(d);
  }
  // 1. Online, resolved on the due day in time, fees paid online, with a paper.
  {
    Dossier d = FinishedAt(Vn(2026, 3, 12, 8, 0), Status::kResolved);
    d.channel = Channel::kOnline;
    d.fees.push_back({"LP", "Lệ phí", 20000});
    d.paid_time = Vn(2026, 3, 11, 8, 0);
    d.attachments.push_back({"TK", "to-khai.pdf", std::string(64, 'b'), 10});
    ds.push_back(d);
  }
  // 2. By post, stopped late; its only fee line is waived (0 đồng).
  {
    Dossier d = FinishedAt(Vn(2026, 3, 13, 9, 0), Status::kStopped);
    d.channel = Channel::kPostal;
    d.fees.push_back({"LP", "Miễn lệ phí", 0});
    ds.push_back(d);
  }
  // 3. In person, open and past its due time at the period's end; fees paid at the desk.
  {
    Dossier d = Received();
    d.fees.push_back({"LP", "Lệ phí", 20000});
    d.paid_time = Vn(2026, 3, 10, 8, 0);
    ds.push_back(d);
  }
  // 4. In person, waiting for papers asked in time (one round).
  ds.push_back(WaitingForPapers(Vn(2026, 3, 10, 10, 0)));
  // 5. In person, open, due after the period, extended once, two supplement rounds.
  {
    Dossier d = Received();
    d.due_time = Vn(2026, 4, 20, 17, 0);
    d.scoring_due_time = d.due_time;
    d.extended = true;
    for (int i = 1; i <= 2; ++i) {
      dossier::SupplementRound r;
      r.round = i;
      r.requested_time = Vn(2026, 3, 9, 10 + i, 0);
      r.completed_time = Vn(2026, 3, 9, 13 + i, 0);
      r.previous_due = *d.due_time;
      d.supplements.push_back(r);
    }
    ds.push_back(d);
  }
  PeriodReport r = BuildReport(ds, Cal(), period_end);
  EXPECT_EQ(r.received, 6);
  std::array<int64_t, 11> by_state{};
  by_state[4] = 2;
  by_state[5] = 1;
  by_state[8] = 1;
  by_state[9] = 1;
  by_state[10] = 1;
  EXPECT_EQ(r.by_state, by_state);
  EXPECT_EQ(r.finished, 3);      // 0, 1, 2
  EXPECT_EQ(r.early, 1);         // 0
  EXPECT_EQ(r.on_time, 1);       // 1
  EXPECT_EQ(r.late, 1);          // 2
  EXPECT_EQ(r.overdue_open, 1);  // 3 (4 is judged at its request; 5 is not yet due)
  EXPECT_EQ(r.in_person, 4);
  EXPECT_EQ(r.online, 1);
  EXPECT_EQ(r.postal, 1);
  EXPECT_EQ(r.digitised, 2);
  EXPECT_EQ(r.with_fees, 2);    // 1 and 3; a waived fee line is no fee
  EXPECT_EQ(r.paid_online, 1);  // 1; 3 paid at the desk
  EXPECT_EQ(r.supplement_requests, 3);
  EXPECT_EQ(r.extensions, 1);
  // National: 0, 1 and 4 on time; 2 and 3 late; 5 has two rounds.
  EXPECT_EQ(r.national_on_time, 3);

  EXPECT_DOUBLE_EQ(r.OnTimeRate(), 50.0);  // (early + on time) / (finished + overdue open)
  EXPECT_DOUBLE_EQ(r.OnlineShare(), 100.0 / 6);
  EXPECT_DOUBLE_EQ(r.NationalOnTimeRate(), 50.0);
  EXPECT_DOUBLE_EQ(r.DigitisedShare(), 100.0 * 2 / 6);
  EXPECT_DOUBLE_EQ(r.OnlinePaymentShare(), 50.0);
}

// Regression (found by this suite, fixed in 488fbf8): a dossier refused at reception has an end
// of handling but no due date; it used to count as finished without being early, on time or
// late, so one dossier returned early plus one refused reported an on-time rate of 50%.
TEST(BuildReport, ARefusalAtReceptionDoesNotLowerTheOnTimeRate) {
  Dossier early = FinishedAt(Vn(2026, 3, 10, 10, 0), Status::kReturned);
  Dossier refused = FinishedAt(Vn(2026, 3, 9, 9, 30), Status::kRefused);
  refused.due_time.reset();
  refused.original_due_time.reset();
  refused.scoring_due_time.reset();
  PeriodReport r = BuildReport({early, refused}, Cal(), Vn(2026, 3, 31));
  EXPECT_EQ(r.by_state[3], 1);
  EXPECT_EQ(r.early, 1);
  EXPECT_DOUBLE_EQ(r.OnTimeRate(), 100.0);
}

TEST(BuildReport, AnEmptyPeriodHasZeroRates) {
  PeriodReport r = BuildReport({}, Cal(), Vn(2026, 3, 31));
  EXPECT_EQ(r.received, 0);
  EXPECT_EQ(r.OnTimeRate(), 0.0);
  EXPECT_EQ(r.OnlineShare(), 0.0);
  EXPECT_EQ(r.NationalOnTimeRate(), 0.0);
  EXPECT_EQ(r.DigitisedShare(), 0.0);
  EXPECT_EQ(r.OnlinePaymentShare(), 0.0);
}

// The report judges open dossiers at the period's end, not later.
TEST(BuildReport, OpenDossiersAreJudgedAtThePeriodEnd) {
  std::vector<Dossier> ds = {Received()};
  PeriodReport before = BuildReport(ds, Cal(), Vn(2026, 3, 11, 9, 0));
  EXPECT_EQ(before.overdue_open, 0);
  EXPECT_EQ(before.national_on_time, 1);
  PeriodReport after = BuildReport(ds, Cal(), Vn(2026, 3, 12, 9, 0, 1));
  EXPECT_EQ(after.overdue_open, 1);
  EXPECT_EQ(after.national_on_time, 0);
  EXPECT_DOUBLE_EQ(after.OnTimeRate(), 0.0);
}

}  // namespace
}  // namespace motcua::deadlines
