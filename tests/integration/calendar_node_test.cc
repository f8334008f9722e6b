// CalendarService on a real motcuad: reads for everyone, schedule changes and the audited
// recompute of promised due dates for admins.
#include <grpcpp/create_channel.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "motcua/v1/auth_service.grpc.pb.h"
#include "motcua/v1/calendar_service.grpc.pb.h"
#include "motcua/v1/intake_service.grpc.pb.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua {
namespace {

using ::testing::HasSubstr;
using testing::NodeProcess;

// A complete guardianship registration (1.004837, 3 working days) received at Phường Việt Trì.
v1::CreateDossierRequest GuardianshipAt07900() {
  v1::CreateDossierRequest create;
  auto* d = create.mutable_dossier();
  d->set_procedure("procedures/1.004837");
  d->set_channel(v1::CHANNEL_IN_PERSON);
  d->set_receiving_unit("07900");
  d->mutable_applicant()->set_name("Nguyễn Văn An");
  d->mutable_applicant()->set_id_number("025090000001");
  for (const char* c : {"TK", "GTTT"}) {
    auto* a = d->add_attachments();
    a->set_component_code(c);
    a->set_file_name("a.pdf");
    a->set_content("x");
  }
  return create;
}

class CalendarNodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto node = NodeProcess::Start(dir_.File("node"), {"--seed-demo"});
    ASSERT_OK(node);
    node_ = std::make_unique<NodeProcess>(std::move(*node));
    Connect();
  }
  void Connect() {
    channel_ = grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials());
    calendar_ = v1::CalendarService::NewStub(channel_);
    intake_ = v1::IntakeService::NewStub(channel_);
  }
  std::string Token(const std::string& user) {
    auto stub = v1::AuthService::NewStub(channel_);
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_username(user);
    req.set_password("motcua-demo");
    v1::LoginResponse resp;
    EXPECT_TRUE(stub->Login(&ctx, req, &resp).ok());
    return resp.token();
  }
  void As(grpc::ClientContext* ctx, const std::string& user) {
    ctx->AddMetadata("authorization", "Bearer " + Token(user));
  }
  v1::Calendar Current() {
    grpc::ClientContext ctx;
    v1::Calendar c;
    EXPECT_TRUE(calendar_->GetCalendar(&ctx, v1::GetCalendarRequest(), &c).ok());
    return c;
  }

  testing::TempDir dir_;
  std::unique_ptr<NodeProcess> node_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
};

TEST_F(CalendarNodeTest, ListsHolidaysWithCompensationWithoutSignIn) {
  grpc::ClientContext ctx;
  v1::ListHolidaysRequest req;
  req.set_year(2026);
  v1::ListHolidaysResponse resp;
  ASSERT_TRUE(calendar_->ListHolidays(&ctx, req, &resp).ok());
  std::vector<std::string> days;
  for (const auto& d : resp.days_off()) {
    days.push_back(absl::StrCat(d.date().month(), "/", d.date().day(), " ", d.code()));
  }
  EXPECT_THAT(days, ::testing::IsSupersetOf({"2/17 lunar_new_year", "4/26 hung_kings",
                                             "4/27 compensatory", "9/2 national_day"}));
  EXPECT_TRUE(resp.tet_announced());
  grpc::ClientContext bad;
  req.set_year(1700);
  EXPECT_EQ(calendar_->ListHolidays(&bad, req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CalendarNodeTest, ComputesAndExplainsADueDate) {
  grpc::ClientContext ctx;
  v1::ComputeDueDateRequest req;
  // Friday 13 Feb 2026, 16:00 in Hà Nội; 3 working days across the Tết block.
  req.mutable_receive_time()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilMinute(2026, 2, 13, 16, 0), absl::FixedTimeZone(7 * 3600))));
  req.mutable_time_limit()->set_value(3);
  req.mutable_time_limit()->set_unit(v1::TimeLimit::WORKING_DAYS);
  req.set_explain(true);
  v1::ComputeDueDateResponse resp;
  ASSERT_TRUE(calendar_->ComputeDueDate(&ctx, req, &resp).ok());
  EXPECT_EQ(absl::FormatTime("%Y-%m-%dT%H:%M", absl::FromUnixSeconds(resp.due_time().seconds()),
                             absl::FixedTimeZone(7 * 3600)),
            "2026-02-25T16:00");
  std::string text;
  for (const auto& l : resp.explanation()) absl::StrAppend(&text, l, "\n");
  EXPECT_THAT(text, HasSubstr("Tết Nguyên đán"));
  grpc::ClientContext bad;
  req.mutable_time_limit()->set_value(-1);
  EXPECT_EQ(calendar_->ComputeDueDate(&bad, req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CalendarNodeTest, ConvertsLunarDatesBothWays) {
  grpc::ClientContext ctx;
  v1::ConvertLunarDateRequest req;
  req.mutable_solar_date()->set_year(2030);
  req.mutable_solar_date()->set_month(2);
  req.mutable_solar_date()->set_day(2);
  v1::ConvertLunarDateResponse resp;
  ASSERT_TRUE(calendar_->ConvertLunarDate(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.lunar_date().day(), 1);  // Tết 2030 at UTC+7
  EXPECT_EQ(resp.lunar_date().month(), 1);
  grpc::ClientContext back;
  v1::ConvertLunarDateRequest lunar;
  lunar.mutable_lunar_date()->set_year(2026);
  lunar.mutable_lunar_date()->set_month(3);
  lunar.mutable_lunar_date()->set_day(10);
  ASSERT_TRUE(calendar_->ConvertLunarDate(&back, lunar, &resp).ok());
  EXPECT_EQ(resp.solar_date().month(), 4);
  EXPECT_EQ(resp.solar_date().day(), 26);
  grpc::ClientContext bad;
  req.mutable_solar_date()->set_day(31);  // 31 Feb
  EXPECT_EQ(calendar_->ConvertLunarDate(&bad, req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CalendarNodeTest, ScheduleChangesAreAdminOnlyValidatedAndKeptAcrossRestart) {
  const v1::Calendar before = Current();
  v1::UpdateScheduleRequest req;
  req.set_schedule_text("2027-03-08\toff\tNghỉ thêm theo thông báo\n");
  {
    grpc::ClientContext ctx;
    v1::Calendar resp;
    EXPECT_EQ(calendar_->UpdateSchedule(&ctx, req, &resp).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext ctx;
    As(&ctx, "clerk.07900");
    v1::Calendar resp;
    EXPECT_EQ(calendar_->UpdateSchedule(&ctx, req, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  {
    grpc::ClientContext ctx;
    As(&ctx, "admin");
    v1::UpdateScheduleRequest broken;
    broken.set_schedule_text("2027-02-30\toff\tNgày không có\n");
    v1::Calendar resp;
    grpc::Status s = calendar_->UpdateSchedule(&ctx, broken, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("schedule_text"));
  }
  EXPECT_EQ(Current().version(), before.version());
  v1::Calendar after;
  {
    grpc::ClientContext ctx;
    As(&ctx, "admin");
    ASSERT_TRUE(calendar_->UpdateSchedule(&ctx, req, &after).ok());
  }
  EXPECT_NE(after.version(), before.version());
  EXPECT_THAT(after.source(), HasSubstr("admin:admin"));
  ASSERT_EQ(node_->Stop() >> 8, 0);
  auto again = NodeProcess::Start(dir_.File("node"));
  ASSERT_OK(again);
  node_ = std::make_unique<NodeProcess>(std::move(*again));
  Connect();
  EXPECT_EQ(Current().version(), after.version());
}

TEST_F(CalendarNodeTest, RecomputeReportsThenAppliesWithAnEvent) {
  // Receive a dossier now: 3 working days from today.
  const v1::CreateDossierRequest create = GuardianshipAt07900();
  v1::CreateDossierResponse created;
  {
    grpc::ClientContext ctx;
    As(&ctx, "clerk.07900");
    ASSERT_TRUE(intake_->CreateDossier(&ctx, create, &created).ok());
  }
  const std::string code = created.dossier().code();
  const int64_t old_due = created.dossier().due_time().seconds();
  // Announce a day off on each of the next working days: the due date must move.
  const absl::TimeZone vn = absl::FixedTimeZone(7 * 3600);
  absl::CivilDay today = absl::ToCivilDay(absl::Now(), vn);
  std::string schedule;
  for (int i = 1; i <= 10; ++i) {
    absl::CivilDay day = today + i;
    if (absl::GetWeekday(day) == absl::Weekday::saturday ||
        absl::GetWeekday(day) == absl::Weekday::sunday) {
      continue;
    }
    absl::StrAppend(&schedule, absl::FormatCivilTime(day), "\toff\tNghỉ thử nghiệm\n");
  }
  v1::UpdateScheduleRequest update;
  update.set_schedule_text(schedule);
  v1::Calendar cal;
  {
    grpc::ClientContext ctx;
    As(&ctx, "admin");
    grpc::Status s = calendar_->UpdateSchedule(&ctx, update, &cal);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // The promised due date did not move by itself.
  {
    grpc::ClientContext ctx;
    As(&ctx, "clerk.07900");
    v1::GetDossierRequest get;
    get.set_name("dossiers/" + code);
    v1::Dossier dossier;
    ASSERT_TRUE(intake_->GetDossier(&ctx, get, &dossier).ok());
    EXPECT_EQ(dossier.due_time().seconds(), old_due);
    EXPECT_NE(dossier.calendar_version(), cal.version());
  }
  v1::RecomputeDueDatesResponse report;
  {
    grpc::ClientContext ctx;
    As(&ctx, "clerk.07900");
    EXPECT_EQ(
        calendar_->RecomputeDueDates(&ctx, v1::RecomputeDueDatesRequest(), &report).error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
  }
  {
    grpc::ClientContext ctx;
    As(&ctx, "admin");
    ASSERT_TRUE(calendar_->RecomputeDueDates(&ctx, v1::RecomputeDueDatesRequest(), &report).ok());
  }
  ASSERT_EQ(report.changes_size(), 1);
  EXPECT_EQ(report.changes(0).dossier(), "dossiers/" + code);
  EXPECT_GT(report.changes(0).new_due_time().seconds(), old_due);
  EXPECT_FALSE(report.applied());
  v1::RecomputeDueDatesRequest apply;
  apply.set_apply(true);
  {
    grpc::ClientContext ctx;
    As(&ctx, "admin");
    ASSERT_TRUE(calendar_->RecomputeDueDates(&ctx, apply, &report).ok());
  }
  EXPECT_TRUE(report.applied());
  v1::ListDossierEventsResponse events;
  {
    grpc::ClientContext ctx;
    As(&ctx, "clerk.07900");
    v1::ListDossierEventsRequest req;
    req.set_parent("dossiers/" + code);
    ASSERT_TRUE(intake_->ListDossierEvents(&ctx, req, &events).ok());
  }
  ASSERT_EQ(events.events_size(), 2);
  EXPECT_EQ(events.events(1).action(), "recompute");
  EXPECT_TRUE(events.chain_valid());
  // Nothing left to recompute.
  {
    grpc::ClientContext ctx;
    As(&ctx, "admin");
    ASSERT_TRUE(calendar_->RecomputeDueDates(&ctx, v1::RecomputeDueDatesRequest(), &report).ok());
  }
  EXPECT_EQ(report.changes_size(), 0);
}

// A node with its own unit table: 07900 also works Saturday mornings.
TEST(CalendarUnitNodeTest, DueDatesFollowTheUnitsWorkingTime) {
  testing::TempDir dir;
  const std::string table = dir.File("hours.tsv");
  std::ofstream(table) << "# test\n07900\tsaturday_morning\tPhường Việt Trì\n";
  auto node = NodeProcess::Start(dir.File("node"), {"--seed-demo", "--unit-working-time", table});
  ASSERT_OK(node);
  auto channel = grpc::CreateChannel(node->address(), grpc::InsecureChannelCredentials());
  auto calendar = v1::CalendarService::NewStub(channel);
  auto due = [&](const std::string& unit, grpc::Status* status) {
    grpc::ClientContext ctx;
    v1::ComputeDueDateRequest req;
    // Friday 6 March 2026, 16:00, one working day.
    req.mutable_receive_time()->set_seconds(absl::ToUnixSeconds(
        absl::FromCivil(absl::CivilMinute(2026, 3, 6, 16, 0), absl::FixedTimeZone(7 * 3600))));
    req.mutable_time_limit()->set_value(1);
    req.mutable_time_limit()->set_unit(v1::TimeLimit::WORKING_DAYS);
    req.set_unit(unit);
    v1::ComputeDueDateResponse resp;
    *status = calendar->ComputeDueDate(&ctx, req, &resp);
    return absl::FormatTime("%Y-%m-%dT%H:%M", absl::FromUnixSeconds(resp.due_time().seconds()),
                            absl::FixedTimeZone(7 * 3600));
  };
  grpc::Status s;
  EXPECT_EQ(due("07900", &s), "2026-03-09T09:30");
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(due("04924", &s), "2026-03-09T16:00");
  EXPECT_EQ(due("", &s), "2026-03-09T16:00");
  due("99999", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("unit: no administrative unit \"99999\""));

  v1::Calendar unit_cal;
  {
    grpc::ClientContext ctx;
    v1::GetCalendarRequest req;
    req.set_unit("07900");
    ASSERT_TRUE(calendar->GetCalendar(&ctx, req, &unit_cal).ok());
  }
  EXPECT_THAT(unit_cal.working_time(), HasSubstr("sat=07:00-11:30"));
  v1::Calendar default_cal;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(calendar->GetCalendar(&ctx, v1::GetCalendarRequest(), &default_cal).ok());
  }
  EXPECT_NE(unit_cal.version(), default_cal.version());

  // A dossier received at 07900 records the unit's calendar version.
  auto auth = v1::AuthService::NewStub(channel);
  v1::LoginResponse login;
  {
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_username("clerk.07900");
    req.set_password("motcua-demo");
    ASSERT_TRUE(auth->Login(&ctx, req, &login).ok());
  }
  const v1::CreateDossierRequest create = GuardianshipAt07900();
  v1::CreateDossierResponse created;
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + login.token());
    grpc::Status st = v1::IntakeService::NewStub(channel)->CreateDossier(&ctx, create, &created);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  EXPECT_EQ(created.dossier().calendar_version(), unit_cal.version());
}

TEST(CalendarUnitNodeTest, AMalformedUnitTableStopsTheNodeBeforeItServes) {
  testing::TempDir dir;
  const std::string table = dir.File("hours.tsv");
  std::ofstream(table) << "07900\tsaturday_morning\n25\tmon=07:00-11:30;tue=13:30-25:00\n";
  auto r = testing::RunCommand({testing::BinDir() + "/motcuad", "--data-dir", dir.File("node"),
                                "--listen", "127.0.0.1:0", "--unit-working-time", table});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--unit-working-time " + table + ": line 2: unit 25"));
  r = testing::RunCommand({testing::BinDir() + "/motcuad", "--data-dir", dir.File("node"),
                           "--listen", "127.0.0.1:0", "--unit-working-time",
                           dir.File("missing.tsv")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--unit-working-time"));
}

}  // namespace
}  // namespace motcua
