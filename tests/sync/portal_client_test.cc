// The portal client stack (services/portal) against the real simulator on loopback
// (clients/portal_simulator), in process: login and sessions, add/update/lookup, idempotent
// resends, every malformed answer refused (never taken as success, never a crash), time-outs,
// HTTP 5xx, dropped answers; the retrying decorator's bounded backoff and the throttle's bounds.
#include "services/portal/portal_client.h"

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "clients/portal_simulator/portal_simulator.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/portal/dvcqg_payload.h"
#include "services/portal/http_portal_stub.h"
#include "services/portal/retrying_portal_stub.h"
#include "services/portal/throttled_portal_stub.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::portal {
namespace {

using ::motcua::testing::IsOk;
using ::motcua::testing::StatusIs;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Credentials kCredentials = {"motcua.phutho", "mật-khẩu"};

dossier::Dossier Sample(const std::string& code, workflow::Status status) {
  dossier::Dossier d;
  d.code = code;
  d.procedure_code = "1.004837";
  d.procedure_name = "Thủ tục đăng ký giám hộ";
  d.status = status;
  d.applicant = {"Nguyễn Văn An", "025090000001", "", "", ""};
  d.receiving_unit = d.competent_unit = "07900";
  d.submitted_time = absl::FromUnixSeconds(1795665600);
  d.received_time = d.submitted_time;
  d.due_time = d.submitted_time + absl::Hours(72);
  return d;
}

dossier::Event Event(const std::string& code, int64_t seq, workflow::Status status) {
  dossier::Event e;
  e.dossier_code = code;
  e.seq = seq;
  e.time = absl::FromUnixSeconds(1795665600) + absl::Minutes(seq);
  e.actor = "clerk.07900";
  e.action = seq == 1 ? "receive" : "assign";
  e.status_after = status;
  return e;
}

DossierRecord Record(const std::string& code, int64_t version,
                     workflow::Status status = workflow::Status::kReceived) {
  std::vector<dossier::Event> events;
  for (int64_t i = 1; i <= version; ++i) events.push_back(Event(code, i, status));
  return {code, version, BuildDossierRecord(Sample(code, status), events, {})};
}

ProgressEntry Entry(const std::string& code, int64_t seq) {
  return {code, seq, BuildProgressEntry(Event(code, seq, workflow::Status::kReceived), {})};
}

class PortalClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    portal_sim::SimulatorOptions options;
    options.data_dir = dir_.File("portal");
    options.credentials = kCredentials;
    options.faults.timeout_ms = 1500;
    auto sim = portal_sim::PortalSimulator::Start(options);
    ASSERT_OK(sim);
    sim_ = *std::move(sim);
  }

  HttpPortalOptions Http() {
    HttpPortalOptions o;
    o.base_url = absl::StrCat("http://127.0.0.1:", sim_->port());
    o.timeout = absl::Milliseconds(700);
    return o;
  }

  std::unique_ptr<HttpPortalStub> Stub() {
    auto stub = HttpPortalStub::Create(Http());
    EXPECT_OK(stub);
    return *std::move(stub);
  }

  std::string Login(HttpPortalStub& stub) {
    auto session = stub.Login(kCredentials);
    EXPECT_OK(session);
    return session.ok() ? *session : "";
  }

  void SetFaults(const json& j) {
    auto faults = portal_sim::Faults::FromJson(j);
    ASSERT_OK(faults);
    sim_->SetFaults(*faults);
  }

  int64_t Counter(const std::string& name) {
    json stats = sim_->Stats();
    return stats["counters"].value(name, int64_t{0});
  }

  testing::TempDir dir_;
  std::unique_ptr<portal_sim::PortalSimulator> sim_;
};

TEST_F(PortalClientTest, LoginAddUpdateLookup) {
  auto stub = Stub();
  EXPECT_THAT(stub->Login({"motcua.phutho", "sai"}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("credentials")));
  std::string session = Login(*stub);
  ASSERT_FALSE(session.empty());
  EXPECT_THAT(stub->SyncDossier("not-a-session", Record("A-1", 1), false),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("session")));
  EXPECT_THAT(stub->SyncDossier(session, Record("A-1", 1), true),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("isUpdating False")));
  EXPECT_THAT(stub->UpdateProgress(session, {Entry("A-1", 1)}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("DongBoHoSoMC first")));
  EXPECT_OK(stub->SyncDossier(session, Record("A-1", 1), false));
  // The same add again (a resend after a lost answer) is acknowledged, not refused.
  EXPECT_OK(stub->SyncDossier(session, Record("A-1", 1), false));
  EXPECT_THAT(stub->SyncDossier(session, Record("A-1", 2), false),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("isUpdating True")));
  EXPECT_OK(stub->UpdateProgress(session, {Entry("A-1", 1), Entry("A-1", 2)}));
  EXPECT_OK(stub->UpdateProgress(session, {Entry("A-1", 2)}));  // held once
  EXPECT_OK(stub->SyncDossier(session, Record("A-1", 2, workflow::Status::kProcessing), true));
  // An older record never overwrites a newer one.
  EXPECT_OK(stub->SyncDossier(session, Record("A-1", 1, workflow::Status::kReceived), true));
  auto held = stub->LookupDossier(session, "A-1");
  ASSERT_OK(held);
  ASSERT_TRUE(held->has_value());
  EXPECT_EQ((*held)->status, 4);
  EXPECT_EQ((*held)->version, 2);
  EXPECT_THAT((*held)->history_keys, ElementsAre("A-1#1", "A-1#2"));
  auto none = stub->LookupDossier(session, "B-9");
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(Counter("entries_duplicate"), 1);
  EXPECT_EQ(Counter("records_stale"), 1);
}

TEST_F(PortalClientTest, RejectedDataIsInvalidArgumentNamingTheField) {
  auto stub = Stub();
  std::string session = Login(*stub);
  DossierRecord bad = Record("A-1", 1);
  bad.json["KenhThucHien"] = "9";
  EXPECT_THAT(stub->SyncDossier(session, bad, false),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("data[0].KenhThucHien")));
  SetFaults({{"reject_dossiers", {"A-2"}}});
  EXPECT_THAT(stub->SyncDossier(session, Record("A-2", 1), false),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("refused")));
}

TEST_F(PortalClientTest, MalformedAnswersAreNeverSuccess) {
  auto stub = Stub();
  std::string session = Login(*stub);
  ASSERT_OK(stub->SyncDossier(session, Record("A-1", 1), false));
  SetFaults({{"malformed_rate", 1.0}});
  std::set<std::string> kinds;
  for (int i = 0; i < 40; ++i) {
    absl::Status s = stub->UpdateProgress(session, {Entry("A-1", 1 + i % 3)});
    EXPECT_THAT(s, StatusIs(absl::StatusCode::kUnavailable, ::testing::_)) << i;
    kinds.insert(std::string(s.message()).substr(0, 40));
  }
  EXPECT_GT(Counter("fault_malformed_before_commit"), 0);
  EXPECT_GT(Counter("fault_malformed_after_commit"), 0);
  // Oversize answers are refused unread, with or without a Content-Length.
  HttpPortalOptions small = Http();
  small.max_answer_bytes = 64;
  auto capped = HttpPortalStub::Create(small);
  ASSERT_OK(capped);
  SetFaults(json::object());
  EXPECT_THAT((*capped)->LookupDossier(session, "A-1"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("larger than 64 bytes")));
}

TEST_F(PortalClientTest, TransportFaultsAreTransient) {
  auto stub = Stub();
  std::string session = Login(*stub);
  SetFaults({{"http_5xx_rate", 1.0}});
  EXPECT_THAT(stub->SyncDossier(session, Record("A-1", 1), false),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("HTTP 5")));
  SetFaults({{"error_code_rate", 1.0}});
  EXPECT_THAT(stub->SyncDossier(session, Record("A-1", 1), false),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("error_code 1")));
  SetFaults({{"drop_after_commit_rate", 1.0}});
  absl::Status dropped = stub->SyncDossier(session, Record("A-1", 1), false);
  EXPECT_TRUE(IsTransient(dropped)) << dropped;
  SetFaults({{"timeout_rate", 1.0}});
  absl::Status timed_out = stub->SyncDossier(session, Record("A-1", 1), false);
  EXPECT_TRUE(IsTransient(timed_out)) << timed_out;
  SetFaults({{"outage", true}});
  EXPECT_THAT(stub->Login(kCredentials),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("503")));
  SetFaults(json::object());
  // The dropped answer had been committed: a resend is acknowledged and stored once.
  EXPECT_OK(stub->SyncDossier(session, Record("A-1", 1), false));
  EXPECT_EQ(Counter("records_added"), 1);
  // Nobody listening at all.
  HttpPortalOptions nowhere = Http();
  nowhere.base_url = "http://127.0.0.1:1";
  auto lost = HttpPortalStub::Create(nowhere);
  ASSERT_OK(lost);
  EXPECT_TRUE(IsTransient((*lost)->Login(kCredentials).status()));
  HttpPortalOptions ftp;
  ftp.base_url = "ftp://x";
  EXPECT_THAT(HttpPortalStub::Create(ftp),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scheme")));
}

TEST_F(PortalClientTest, ClientLogsInAgainWhenTheSessionExpires) {
  auto stub = HttpPortalStub::Create(Http());
  ASSERT_OK(stub);
  PortalClient client(*std::move(stub), kCredentials);
  EXPECT_OK(client.SyncDossier(Record("A-1", 1), false));
  EXPECT_EQ(client.logins(), 1);
  sim_->ExpireSessions();
  EXPECT_OK(client.UpdateProgress({Entry("A-1", 1)}));
  EXPECT_EQ(client.logins(), 2);
  // A portal that expires every session: the client tries a few fresh ones, then says so.
  SetFaults({{"expire_session_rate", 1.0}});
  EXPECT_THAT(client.UpdateProgress({Entry("A-1", 2)}),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("session")));
  EXPECT_EQ(client.logins(), 2 + PortalClient::kSessionAttempts);
  SetFaults(json::object());
  EXPECT_OK(client.UpdateProgress({Entry("A-1", 2)}));
}

TEST_F(PortalClientTest, ConnectedStackRidesOutTransientFaults) {
  PortalConfig config;
  config.http = Http();
  config.credentials = kCredentials;
  config.retry.max_attempts = 8;
  config.retry.backoff = {absl::Milliseconds(5), absl::Milliseconds(50), 2.0};
  auto client = ConnectPortal(config);
  ASSERT_OK(client);
  SetFaults({{"http_5xx_rate", 0.3}, {"error_code_rate", 0.2}, {"duplicate_rate", 0.3}});
  ASSERT_OK((*client)->SyncDossier(Record("A-1", 1), false));
  for (int i = 1; i <= 20; ++i) EXPECT_OK((*client)->UpdateProgress({Entry("A-1", i)}));
  SetFaults(json::object());
  auto held = (*client)->LookupDossier("A-1");
  ASSERT_OK(held);
  ASSERT_TRUE(held->has_value());
  ASSERT_EQ((*held)->history_keys.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ((*held)->history_keys[i], absl::StrCat("A-1#", i + 1));
  EXPECT_EQ(Counter("entries_out_of_order"), 0);
}

// A scripted stub: fails the first `failures` calls with `error`.
class FlakyStub final : public PortalStub {
 public:
  FlakyStub(int failures, absl::Status error) : failures_(failures), error_(std::move(error)) {}
  absl::StatusOr<std::string> Login(const Credentials&) override { return Next("s"); }
  absl::Status SyncDossier(const std::string&, const DossierRecord&, bool) override {
    return Next("").status();
  }
  absl::Status UpdateProgress(const std::string&, const std::vector<ProgressEntry>&) override {
    return Next("").status();
  }
  absl::StatusOr<std::optional<PortalDossier>> LookupDossier(const std::string&,
                                                             absl::string_view) override {
    auto s = Next("");
    if (!s.ok()) return s.status();
    return std::optional<PortalDossier>();
  }
  absl::StatusOr<nlohmann::json> Query(const std::string&, absl::string_view,
                                       const nlohmann::json&) override {
    auto s = Next("");
    if (!s.ok()) return s.status();
    return nlohmann::json::object();
  }
  int calls() const { return calls_; }

 private:
  absl::StatusOr<std::string> Next(std::string value) {
    ++calls_;
    if (calls_ <= failures_) return error_;
    return value;
  }
  int failures_;
  absl::Status error_;
  std::atomic<int> calls_{0};
};

TEST(RetryingPortalStub, RetriesTransientFailuresWithBoundedJitteredBackoff) {
  std::vector<absl::Duration> waits;
  auto flaky = std::make_unique<FlakyStub>(3, absl::UnavailableError("down"));
  FlakyStub* raw = flaky.get();
  RetryPolicy policy;
  policy.max_attempts = 5;
  policy.backoff = {absl::Milliseconds(100), absl::Milliseconds(250), 2.0};
  RetryingPortalStub stub(std::move(flaky), policy, [&](absl::Duration d) { waits.push_back(d); });
  EXPECT_OK(stub.SyncDossier("s", {}, false));
  EXPECT_EQ(raw->calls(), 4);
  ASSERT_EQ(waits.size(), 3u);
  // Equal jitter: [d/2, d] with d = 100, 200, 250 (capped) ms.
  EXPECT_GE(waits[0], absl::Milliseconds(50));
  EXPECT_LE(waits[0], absl::Milliseconds(100));
  EXPECT_GE(waits[1], absl::Milliseconds(100));
  EXPECT_LE(waits[1], absl::Milliseconds(200));
  EXPECT_GE(waits[2], absl::Milliseconds(125));
  EXPECT_LE(waits[2], absl::Milliseconds(250));
}

TEST(RetryingPortalStub, GivesUpAfterMaxAttemptsAndNeverRetriesRejections) {
  int sleeps = 0;
  auto always = std::make_unique<FlakyStub>(100, absl::DeadlineExceededError("slow"));
  FlakyStub* raw = always.get();
  RetryingPortalStub stub(std::move(always), {3, {}}, [&](absl::Duration) { ++sleeps; });
  EXPECT_THAT(stub.UpdateProgress("s", {}),
              StatusIs(absl::StatusCode::kDeadlineExceeded, HasSubstr("slow")));
  EXPECT_EQ(raw->calls(), 3);
  EXPECT_EQ(sleeps, 2);
  auto rejecting = std::make_unique<FlakyStub>(100, absl::InvalidArgumentError("MaTTHC"));
  FlakyStub* raw2 = rejecting.get();
  RetryingPortalStub stub2(std::move(rejecting), {5, {}}, [&](absl::Duration) {});
  EXPECT_THAT(stub2.SyncDossier("s", {}, false),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("MaTTHC")));
  EXPECT_EQ(raw2->calls(), 1);
}

TEST(Backoff, GrowsThenStaysCappedForAnyOutage) {
  absl::BitGen random;
  BackoffPolicy p{absl::Milliseconds(500), absl::Seconds(30), 2.0};
  for (int attempt : {1, 2, 5, 10, 60, 1000, 1000000}) {
    absl::Duration d = Backoff(p, attempt, random);
    EXPECT_GT(d, absl::ZeroDuration()) << attempt;
    EXPECT_LE(d, absl::Seconds(30)) << attempt;
  }
  EXPECT_GE(Backoff(p, 1000000, random), absl::Seconds(15));
}

// A stub that records how many calls run at once.
class CountingStub final : public PortalStub {
 public:
  absl::StatusOr<std::string> Login(const Credentials&) override { return "s"; }
  absl::Status SyncDossier(const std::string&, const DossierRecord&, bool) override {
    {
      absl::MutexLock lock(&mu_);
      ++now_;
      peak_ = std::max(peak_, now_);
    }
    absl::SleepFor(absl::Milliseconds(20));
    absl::MutexLock lock(&mu_);
    --now_;
    return absl::OkStatus();
  }
  absl::Status UpdateProgress(const std::string&, const std::vector<ProgressEntry>&) override {
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<PortalDossier>> LookupDossier(const std::string&,
                                                             absl::string_view) override {
    return std::optional<PortalDossier>();
  }
  absl::StatusOr<nlohmann::json> Query(const std::string&, absl::string_view,
                                       const nlohmann::json&) override {
    return nlohmann::json::object();
  }
  int peak() {
    absl::MutexLock lock(&mu_);
    return peak_;
  }

 private:
  absl::Mutex mu_;
  int now_ = 0;
  int peak_ = 0;
};

TEST(ThrottledPortalStub, BoundsCallsInFlightAndPerSecond) {
  auto counting = std::make_unique<CountingStub>();
  CountingStub* raw = counting.get();
  ThrottledPortalStub stub(std::move(counting), /*max_in_flight=*/3, /*max_per_second=*/100);
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) EXPECT_OK(stub.SyncDossier("s", {}, false));
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(raw->peak(), 3);
  // 40 calls at most 100 per second, evenly spaced: at least 390 ms.
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(390));
}

}  // namespace
}  // namespace motcua::portal
